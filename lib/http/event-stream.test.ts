import { describe, expect, it } from 'vitest'
import { eventStream, type EventSink } from './event-stream'

describe('eventStream', () => {
  it('after the client goes away, send and close do nothing (no "Controller is already closed"), and the producer’s cleanup runs once', async () => {
    let sink: EventSink | undefined
    let cleanups = 0
    const stream = eventStream((s) => {
      sink = s
      s.onEnd(() => cleanups++)
      s.send('retry: 3000\n\n')
    })
    const reader = stream.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('retry: 3000\n\n')
    await reader.cancel()
    expect(() => sink!.send(': ping\n\n')).not.toThrow()
    expect(() => sink!.close()).not.toThrow()
    expect(cleanups).toBe(1)
  })

  it('the producer closing ends it for the reader and runs the cleanup', async () => {
    let cleanups = 0
    const stream = eventStream((s) => {
      s.onEnd(() => cleanups++)
      s.send('event: signed-out\ndata: {}\n\n')
      s.close()
      s.send('too late')
    })
    const reader = stream.getReader()
    expect((await reader.read()).done).toBe(false)
    expect((await reader.read()).done).toBe(true)
    expect(cleanups).toBe(1)
  })
})

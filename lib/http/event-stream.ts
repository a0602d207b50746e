/** What a Server-Sent Events producer writes to. */
export interface EventSink {
  send(text: string): void
  close(): void
  /** Runs once when the stream ends, whoever ends it (the producer, the client going away). */
  onEnd(cleanup: () => void): void
}

/**
 * A Server-Sent Events body whose `send` and `close` are safe at any moment:
 * once the client has gone away (the runtime cancels the stream) they do
 * nothing, instead of throwing "Controller is already closed" from a timer
 * or a database answer that was already on its way.
 */
export function eventStream(start: (sink: EventSink) => Promise<void> | void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let open = true
  const cleanups: (() => void)[] = []
  const end = () => {
    if (!open) return
    open = false
    for (const cleanup of cleanups.splice(0)) cleanup()
  }
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      await start({
        send(text) {
          if (open) controller.enqueue(encoder.encode(text))
        },
        close() {
          if (!open) return
          end()
          controller.close()
        },
        onEnd(cleanup) {
          if (open) cleanups.push(cleanup)
          else cleanup()
        },
      })
    },
    cancel() {
      end()
    },
  })
}

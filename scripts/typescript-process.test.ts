import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { typescriptProcess } from './typescript-process'

const fixture = 'scripts/fixtures/busy-until-signalled.ts'

/** Starts `command`, waits for "ready", sends SIGTERM to that process only, and resolves with its exit code and output. */
function terminateWhenReady(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const first = !output.includes('ready')
      output += chunk.toString()
      if (first && output.includes('ready')) child.kill('SIGTERM')
    })
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, output }))
  })
}

describe('typescriptProcess', () => {
  it('delivers SIGTERM to a busy process, which leaves by its own handler (0)', async () => {
    const { command, args } = typescriptProcess(fixture)
    const result = await terminateWhenReady(command, args)
    expect(result.output).toContain('drained')
    expect(result.code).toBe(0)
  })

  it('why not tsx’s wrapper: it kills a child that is busy when SIGTERM comes and exits 143', async () => {
    const result = await terminateWhenReady(path.resolve('node_modules/.bin/tsx'), [fixture])
    expect(result.output).not.toContain('drained')
    expect(result.code).toBe(143)
  })
})

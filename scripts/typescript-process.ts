/**
 * How our own processes run a TypeScript file: Node with tsx's loader
 * (`node --import tsx`), never tsx's command-line wrapper in between.
 *
 * Why: the wrapper relays SIGTERM to its child and, if the child hasn't
 * confirmed within 30 ms (twice), SIGKILLs it and exits 143. A server busy
 * under load misses that window, so a rolling restart cut requests in flight
 * instead of draining them (CI saw exit 143 within 4 s of SIGTERM). With the
 * loader, the signal reaches our own handler directly.
 */
import path from 'node:path'

export interface TypeScriptProcess {
  command: string
  args: string[]
}

/** `process.execPath` and its arguments for `script`; `reactServer` resolves `server-only` as the app's server does. */
export function typescriptProcess(
  script: string,
  options: { reactServer?: boolean; cwd?: string; nodeFlags?: string[] } = {},
): TypeScriptProcess {
  const cwd = options.cwd ?? process.cwd()
  return {
    command: process.execPath,
    args: [
      ...(options.nodeFlags ?? []),
      ...(options.reactServer ? ['--conditions=react-server'] : []),
      '--import',
      'tsx',
      path.resolve(cwd, script),
    ],
  }
}

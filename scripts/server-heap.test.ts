import { describe, expect, it } from 'vitest'
import { ConfigError } from '@/lib/config/secrets'
import { serverHeapFlags } from './server-heap'
import { typescriptProcess } from './typescript-process'

describe('serverHeapFlags', () => {
  it('bounds the server heap to 1024 MB unless told otherwise', () => {
    expect(serverHeapFlags({})).toEqual(['--max-old-space-size=1024'])
    expect(serverHeapFlags({ SERVER_HEAP_MB: '2048' })).toEqual(['--max-old-space-size=2048'])
  })

  it('leaves the heap to NODE_OPTIONS when that already sets it', () => {
    expect(serverHeapFlags({ NODE_OPTIONS: '--enable-source-maps --max-old-space-size=3000', SERVER_HEAP_MB: '600' })).toEqual([])
  })

  it('refuses a size that is not a whole number of megabytes, or too small to serve', () => {
    for (const bad of ['lots', '1.5', '-1', '100', '512MB']) {
      expect(() => serverHeapFlags({ SERVER_HEAP_MB: bad })).toThrow(ConfigError)
    }
    expect(() => serverHeapFlags({ SERVER_HEAP_MB: 'lots' })).toThrow(
      'SERVER_HEAP_MB must be a whole number of megabytes, at least 256 (got "lots").',
    )
  })

  it('puts the flags before the loader, where Node reads them', () => {
    const { args } = typescriptProcess('scripts/serve.ts', { nodeFlags: ['--max-old-space-size=1024'] })
    expect(args.slice(0, 3)).toEqual(['--max-old-space-size=1024', '--import', 'tsx'])
  })
})

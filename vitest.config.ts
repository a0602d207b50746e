import os from 'node:os'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Tests run outside React's server environment; the marker package would throw there.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['{app,lib,db,scripts,testing}/**/*.test.ts'],
    globalSetup: ['testing/global-setup.ts'],
    setupFiles: ['testing/setup.ts'],
    pool: 'forks',
    // Files share nothing but the PostgreSQL database, where every test makes its own workspace: both cores of a
    // 2-core machine run files (Vitest's default leaves one idle). PGlite 220 → 148 s, PostgreSQL 189 → 81 s.
    maxWorkers: Math.max(2, os.availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

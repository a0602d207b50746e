import type { NextConfig } from 'next'

// The e2e build is a separate build (own distDir) that also compiles `*.e2e.ts`
// route files: the test-support endpoints never exist in the production build.
const e2eBuild = process.env.SWITCHBOARD_E2E_BUILD === '1'

const nextConfig: NextConfig = {
  // PGlite ships wasm and data files it loads from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  distDir: e2eBuild ? '.next-e2e' : '.next',
  pageExtensions: e2eBuild ? ['e2e.ts', 'tsx', 'ts'] : ['tsx', 'ts'],
  poweredByHeader: false,
  // The e2e build skips the type check: `npm run typecheck` covers it, and the
  // production build's own (possibly older) .next/types would otherwise fail it.
  typescript: { ignoreBuildErrors: e2eBuild },
  typedRoutes: false,
  experimental: {
    // The largest body an action may read: an import's file (20 MB) and the form around it. Every
    // other action is held to 1 MB by scripts/serve.ts, which answers 413 before reading the body.
    serverActions: { bodySizeLimit: '21mb' },
  },
}

export default nextConfig

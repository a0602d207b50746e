import fs from 'node:fs'
import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'
import drizzle from 'eslint-plugin-drizzle'

/**
 * Layers (docs/adding-an-area.md): db/ imports nothing of lib/, app/ or
 * testing/; lib/ nothing of app/; an area of lib/ uses another area only
 * through the shared modules below, never its internals.
 */
const SHARED_AREAS = ['auth', 'audit', 'validation', 'db', 'http', 'crypto', 'config', 'logging', 'time', 'imports', 'mail']
/**
 * A domain area's public modules, which other areas may use: its reads
 * (`list-*`) and its input schemas (`*-input`), plus these few. Everything
 * else in an area (`manage-*` and helpers) is its own.
 */
const PUBLIC_MODULES = [
  '*/list-*',
  '*/*-input',
  'users/user-fields',
  'exports/export-rows',
  'exports/formats',
  'api-tokens/authenticate-token',
  // Users as an identity provider keeps them: SCIM and single sign-on's first sign-in.
  'users/provision-users',
  // The PBX's one rule, which webhooks' eligibility.changed also asks.
  'extensions/call-eligibility',
  // Events the app knows of (a finished import) go out through the webhooks' one outbox function.
  'webhooks/emit-events',
]
/** The REST API and SCIM bind every area's lib calls to routes: like app/, they may import any area. */
const EDGE_AREAS = ['api', 'scim']
const AREAS = fs
  .readdirSync(new URL('./lib', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

const noApp = {
  group: ['@/app/*', '@/app', '**/app/*'],
  message: 'lib/ must not import app/: pages and actions call lib, never the other way.',
}
const areaRule = (area) => ({
  files: [`lib/${area}/**/*.{ts,tsx}`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          noApp,
          ...(EDGE_AREAS.includes(area)
            ? []
            : [
                {
                  group: [
                    '@/lib/*/*',
                    ...new Set([area, ...SHARED_AREAS].map((a) => `!@/lib/${a}/*`)),
                    ...PUBLIC_MODULES.map((m) => `!@/lib/${m}`),
                  ],
                  message: `lib/${area} may use another area only through a shared module (lib/{${SHARED_AREAS.join(',')}}/…) or its public list-*/…-input modules, never its internals.`,
                },
              ]),
        ],
      },
    ],
  },
})

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // A DELETE or UPDATE without WHERE would cross every tenant at once.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['db/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/*', '@/lib', '@/app/*', '@/testing/*', '**/lib/*', '**/app/*'],
              message: 'db/ is the schema layer: it imports nothing of lib/, app/ or testing/ (seeds live in lib/workspaces).',
            },
          ],
        },
      ],
    },
  },
  ...AREAS.map(areaRule),
  globalIgnores(['.next/**', '.next-e2e/**', '.data/**', 'out/**', 'build/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**']),
])

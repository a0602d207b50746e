import fs from 'node:fs'
import path from 'node:path'

/**
 * Every `METHOD /path` a route.ts under app/ answers, for the tests that must
 * cover them all (the permission matrix, the OpenAPI document). Route groups
 * are dropped and dynamic segments written `{name}`. route.e2e.ts exists only
 * in the e2e build (and answers only the test runner's secret): not listed.
 */
export function routeHandlers(appDir = path.resolve('app')): string[] {
  const routes: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === 'route.ts') {
        const route =
          '/' +
          path
            .relative(appDir, dir)
            .replace(/\([^)]+\)\//g, '')
            .replace(/\[([^\]]+)\]/g, '{$1}')
        const text = fs.readFileSync(full, 'utf8')
        const methods = new Set(
          [
            ...text.matchAll(
              /\bexport (?:async function|function|const) (GET|POST|PUT|PATCH|DELETE)\b|\bas (GET|POST|PUT|PATCH|DELETE)\b/g,
            ),
          ].map((m) => m[1] ?? m[2]),
        )
        for (const method of methods) routes.push(`${method} ${route}`)
      }
    }
  }
  walk(appDir)
  return routes.sort()
}

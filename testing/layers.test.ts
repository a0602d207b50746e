import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The layer rules of eslint.config.mjs fire on a deliberate violation (and
 * stay quiet on the allowed import next to it): a rule that silently matches
 * nothing would let the layers rot.
 */
const eslint = new ESLint({ cwd: path.resolve('.') })
async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const x = y\n`, { filePath: path.resolve(file) })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layers, enforced by lint', () => {
  it('db/ imports nothing of lib/, app/ or testing/', async () => {
    expect(await importErrors('db/violation.ts', "import { y } from '@/lib/auth/permissions'")).toEqual([
      expect.stringMatching(/schema layer/),
    ])
    expect(await importErrors('db/violation.ts', "import { y } from '@/testing/fixtures'")).toHaveLength(1)
    expect(await importErrors('db/violation.ts', "import { y } from './schema'")).toEqual([])
  }, 60_000)

  it('lib/ imports nothing of app/', async () => {
    expect(await importErrors('lib/users/violation.ts', "import { y } from '@/app/_components/page-bits'")).toEqual([
      expect.stringMatching(/must not import app/),
    ])
  })

  it('an area uses another only through shared or public modules, never its internals', async () => {
    expect(await importErrors('lib/extensions/violation.ts', "import { y } from '@/lib/users/manage-users'")).toEqual([
      expect.stringMatching(/internals/),
    ])
    expect(await importErrors('lib/groups/violation.ts', "import { y } from '@/lib/profiles/manage-profiles'")).toEqual([
      expect.stringMatching(/internals/),
    ])
    expect(await importErrors('lib/extensions/violation.ts', "import { y } from '@/lib/db/like'")).toEqual([])
    expect(await importErrors('lib/groups/violation.ts', "import { y } from '@/lib/auth/actor'")).toEqual([])
    expect(await importErrors('lib/exports/violation.ts', "import { y } from '@/lib/users/list-users'")).toEqual([])
    expect(await importErrors('lib/users/violation.ts', "import { y } from '@/lib/users/manage-users'")).toEqual([])
  })
})

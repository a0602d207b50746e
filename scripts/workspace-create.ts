/**
 * npm run workspace:create -- --slug acme --name "Acme" --admin-username ada
 *   --admin-email ada@acme.test --admin-password '…' [--admin-full-name "Ada L."]
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { openDb } from '@/db/client'
import { createWorkspace, createWorkspaceSchema, WorkspaceExistsError } from '@/lib/workspaces/create-workspace'

const USAGE = `Usage: npm run workspace:create -- --slug SLUG --name NAME --admin-username USERNAME
         --admin-email EMAIL --admin-password PASSWORD [--admin-full-name NAME]`

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

let values
try {
  ;({ values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'admin-username': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-full-name': { type: 'string' },
      help: { type: 'boolean' },
    },
  }))
} catch (error) {
  fail((error as Error).message)
}
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}

const parsed = createWorkspaceSchema.safeParse({
  slug: values.slug,
  name: values.name,
  adminUsername: values['admin-username'],
  adminEmail: values['admin-email'],
  adminPassword: values['admin-password'],
  adminFullName: values['admin-full-name'],
})
if (!parsed.success) {
  const flags: Record<string, string> = {
    adminUsername: 'admin-username',
    adminEmail: 'admin-email',
    adminPassword: 'admin-password',
    adminFullName: 'admin-full-name',
  }
  const lines = Object.entries(z.flattenError(parsed.error).fieldErrors).map(
    ([field, messages]) => `  --${flags[field] ?? field}: ${(messages ?? []).join(' ')}`,
  )
  fail(`Invalid arguments:\n${lines.join('\n')}`)
}

const handle = await openDb()
try {
  const created = await createWorkspace(handle.db, parsed.data, { userId: null, label: 'operator (cli)' })
  console.log(`Created workspace "${parsed.data.slug}" (${created.tenantId}) with admin "${parsed.data.adminUsername}".`)
} catch (error) {
  if (error instanceof WorkspaceExistsError) {
    await handle.close()
    fail(error.message)
  }
  throw error
} finally {
  await handle.close()
}

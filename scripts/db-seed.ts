import { openDb } from '@/db/client'
import { DEMO, seedDemo } from '@/lib/workspaces/seed-demo'
import { loadSecrets } from '@/lib/config/secrets'

const handle = await openDb()
try {
  const { created } = await seedDemo(handle.db, loadSecrets().encryptionKey)
  console.log(
    created
      ? `Seeded workspace "${DEMO.workspace}" (admin "${DEMO.adminUsername}" / "${DEMO.adminPassword}").`
      : `Workspace "${DEMO.workspace}" already exists: nothing to do.`,
  )
} finally {
  await handle.close()
}

import { openDb } from '@/db/client'

const handle = await openDb({ migrate: true })
await handle.close()
console.log(`Migrations applied (${handle.kind}).`)

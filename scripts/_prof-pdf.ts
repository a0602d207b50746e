import { buildUsersPdf } from '@/lib/exports/pdf'
const rows = Array.from({ length: 10000 }, (_, i) => ({
  fullName: `Person Number ${i} Longname`, username: `user.${i}`, email: `user.${i}@example-company.com`,
  extension: String(1000 + i), extensionType: 'sip', role: 'agent', profile: 'Default agent',
  groups: 'Sales, Support East', status: 'inactive', forceLogin: i % 2 === 0, lastLoginAt: new Date(), createdAt: new Date(),
}))
for (let k = 0; k < 2; k++) {
  const t = performance.now()
  const buf = buildUsersPdf(rows as any, { workspace: 'Bench', filters: 'Status: Inactive', generatedAt: new Date() })
  console.log('pdf', ((performance.now() - t) / 1000).toFixed(2), 's', (buf.byteLength / 2 ** 20).toFixed(1), 'MB', (process.memoryUsage().rss / 2 ** 20).toFixed(0), 'MB rss')
}

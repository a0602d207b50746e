import { searchTerm } from '@/lib/validation/text'
import type { Metadata } from 'next'
import Link from 'next/link'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { getDb } from '@/db/client'
import { listAudit } from '@/lib/audit/list-audit'
import { requirePermission } from '@/lib/auth/session'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'

export const metadata: Metadata = { title: 'Audit log' }

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })

const show = (v: unknown) =>
  v === null || v === undefined || v === ''
    ? '—'
    : Array.isArray(v)
      ? v.join(', ') || '—'
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v)

/** "field: before → after" for each changed field; creations and removals show one side. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>
  const a = (after ?? {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  if (!keys.length) return <span className="muted">—</span>
  return (
    <ul className="space-y-0.5 whitespace-normal">
      {keys.map((k) => (
        <li key={k}>
          <span className="font-medium">{k}</span>: {k in b && k in a ? `${show(b[k])} → ${show(a[k])}` : show(k in a ? a[k] : b[k])}
        </li>
      ))}
    </ul>
  )
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ user?: string; page?: string }> }) {
  const actor = await requirePermission('settings.manage')
  const query = await searchParams
  const username = searchTerm(query.user, 64)
  const page = pageParam(query.page)
  const { rows, hasMore, userFound } = await listAudit(await getDb(), actor.tenantId, { username, page })
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Audit log" />
      <form method="get" action="/settings/audit-log" role="search" aria-label="Filter the audit log" className="mt-6 flex items-end gap-3">
        <div>
          <label htmlFor="audit-user" className="field-label">
            User
          </label>
          <input
            id="audit-user"
            name="user"
            defaultValue={username}
            placeholder="username"
            className="field-input"
            autoCapitalize="none"
            spellCheck={false}
          />
        </div>
        <button type="submit" className="btn-primary">
          Filter
        </button>
        {username && (
          <Link href="/settings/audit-log" className="btn-secondary no-underline">
            Show everyone
          </Link>
        )}
      </form>
      {!userFound ? (
        <EmptyState>No user “{username}” in this workspace.</EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState>Nothing recorded{username ? ` for ${username}` : ''}.</EmptyState>
      ) : (
        <TableFrame>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">About</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} className="align-top">
                <td>{dateTime.format(e.at)}</td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.subjectName ?? (e.entityId ? `${e.entityType} ${e.entityId.slice(0, 8)}` : e.entityType)}</td>
                <td className="text-xs">
                  <Changes before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <SimplePager
        path={username ? `/settings/audit-log?user=${encodeURIComponent(username)}` : '/settings/audit-log'}
        page={page}
        hasMore={hasMore}
      />
    </>
  )
}

import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { DateTime, zoneNote } from '@/app/_components/date-time'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { getDb } from '@/db/client'
import { ACTION_LABELS, actionLabel, fieldLabel, OBJECT_LABELS } from '@/lib/audit/audit-labels'
import { listAudit } from '@/lib/audit/list-audit'
import { requirePermission } from '@/lib/auth/session'
import { endOfDayIn, isoDay, parseDay, startOfDayIn } from '@/lib/time/zoned-day'
import { loadFilterOptions } from '@/lib/users/list-filter-options'
import { searchTerm } from '@/lib/validation/text-rules'

export const metadata: Metadata = { title: 'Audit log' }

type Names = Map<string, string>

/** A value as an admin reads it: Yes/No, names instead of ids where we know them, lists joined. */
function show(key: string, v: unknown, names: Names): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'boolean') return v ? 'Yes' : 'No'
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? (names.get(x) ?? x) : JSON.stringify(x))).join(', ') || '—'
  if (typeof v === 'object') return JSON.stringify(v)
  if (typeof v === 'string' && (key === 'profileId' || key === 'groupId') && names.has(v)) return names.get(v)!
  return String(v)
}

/** "Field: before → after" for each changed field; creations and removals show one side. */
function Changes({ before, after, names }: { before: unknown; after: unknown; names: Names }) {
  const b = (before ?? {}) as Record<string, unknown>
  const a = (after ?? {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  if (!keys.length) return <span className="muted">—</span>
  return (
    <ul className="space-y-0.5 whitespace-normal">
      {keys.map((k) => (
        <li key={k}>
          <span className="font-medium">{fieldLabel(k)}</span>:{' '}
          {k in b && k in a ? `${show(k, b[k], names)} → ${show(k, a[k], names)}` : show(k, k in a ? a[k] : b[k], names)}
        </li>
      ))}
    </ul>
  )
}

/** One of the log's select filters: "Any …" first, then each value by its label. */
function ChoiceFilter({
  name,
  label,
  any,
  labels,
  value,
}: {
  name: string
  label: string
  any: string
  labels: Record<string, string>
  value: string | null
}) {
  return (
    <div>
      <label htmlFor={`audit-${name}`} className="field-label">
        {label}
      </label>
      <select id={`audit-${name}`} name={name} defaultValue={value ?? ''} className="field-input w-auto">
        <option value="">{any}</option>
        {Object.entries(labels).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  )
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && values.includes(v as T) ? (v as T) : null
const ACTIONS = Object.keys(ACTION_LABELS) as (keyof typeof ACTION_LABELS)[]
const OBJECTS = Object.keys(OBJECT_LABELS) as (keyof typeof OBJECT_LABELS)[]

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission('settings.manage')
  const query = await searchParams
  const username = searchTerm(query.user, 64)
  const action = oneOf(ACTIONS, query.action)
  const object = oneOf(OBJECTS, query.object)
  // Whole days in the workspace's zone; a reversed range is read the right way round.
  let [fromDay, toDay] = [parseDay(query.from), parseDay(query.to)]
  if (fromDay && toDay && fromDay > toDay) [fromDay, toDay] = [toDay, fromDay]
  const page = pageParam(query.page)
  const db = await getDb()
  const [{ rows, hasMore, userFound }, options] = await Promise.all([
    listAudit(db, actor.tenantId, {
      username,
      action,
      object,
      from: fromDay ? startOfDayIn(fromDay, actor.timeZone) : null,
      to: toDay ? endOfDayIn(toDay, actor.timeZone) : null,
      page,
    }),
    loadFilterOptions(db, actor),
  ])
  const names: Names = new Map([...options.profiles, ...options.groups].map((o) => [o.id, o.name]))
  const filters = new URLSearchParams()
  if (username) filters.set('user', username)
  if (action) filters.set('action', action)
  if (object) filters.set('object', object)
  if (fromDay) filters.set('from', isoDay(fromDay))
  if (toDay) filters.set('to', isoDay(toDay))
  const filtered = filters.size > 0
  // A GET form without JavaScript sends the empty fields too: one redirect to the clean URL.
  if (Object.values(query).some((v) => v === '')) {
    if (page > 1) filters.set('page', String(page))
    redirect(filters.size ? `/settings/audit-log?${filters}` : '/settings/audit-log')
  }
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Audit log" />
      <form
        method="get"
        action="/settings/audit-log"
        role="search"
        aria-label="Filter the audit log"
        className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        <div>
          <label htmlFor="audit-user" className="field-label">
            User
          </label>
          <input
            id="audit-user"
            name="user"
            defaultValue={username}
            placeholder="username"
            className="field-input w-40"
            autoCapitalize="none"
            spellCheck={false}
          />
        </div>
        <ChoiceFilter name="action" label="Action" any="Any action" labels={ACTION_LABELS} value={action} />
        <ChoiceFilter name="object" label="Object" any="Any object" labels={OBJECT_LABELS} value={object} />
        <div>
          <label htmlFor="audit-from" className="field-label">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={fromDay ? isoDay(fromDay) : ''} className="field-input w-auto" />
        </div>
        <div>
          <label htmlFor="audit-to" className="field-label">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={toDay ? isoDay(toDay) : ''} className="field-input w-auto" />
        </div>
        <button type="submit" className="btn-primary">
          Filter
        </button>
        {filtered && (
          <Link href="/settings/audit-log" className="btn-secondary no-underline">
            Clear all filters
          </Link>
        )}
      </form>
      {!userFound ? (
        <EmptyState>No user “{username}” in this workspace.</EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState>Nothing recorded{filtered ? ' that matches these filters' : ''}.</EmptyState>
      ) : (
        <TableFrame>
          <thead>
            <tr>
              <th scope="col">{zoneNote('Time', actor.timeZone)}</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">About</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} className="align-top">
                <td>
                  <DateTime value={e.at} timeZone={actor.timeZone} />
                </td>
                <td>{e.actor}</td>
                <td title={e.action}>{actionLabel(e.action)}</td>
                <td>
                  {e.subjectName ??
                    (e.entityId
                      ? `${OBJECT_LABELS[e.entityType as keyof typeof OBJECT_LABELS] ?? e.entityType} ${e.entityId.slice(0, 8)}`
                      : (OBJECT_LABELS[e.entityType as keyof typeof OBJECT_LABELS] ?? e.entityType))}
                </td>
                <td className="text-xs">
                  <Changes before={e.before} after={e.after} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <SimplePager path={filtered ? `/settings/audit-log?${filters}` : '/settings/audit-log'} page={page} hasMore={hasMore} />
    </>
  )
}

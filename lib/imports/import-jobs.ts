import 'server-only'
import { and, desc, eq, lt, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { importJobs, profiles, users } from '@/db/schema'
import { scopeSizeColumn } from '@/lib/auth/scope'
import type { Actor } from '@/lib/auth/actor'
import { effectivePermissions, type Permission } from '@/lib/auth/permissions'
import { loggableError } from '@/lib/logging/loggable-error'
import { emitEvents } from '@/lib/webhooks/emit-events'
import { conflict, forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { csvDocument } from './csv-document'
import { neutralise } from './formula-cells'
import { rowErrorText, type ImportPreview, type ImportResult, type PreviewRow, type RowAction } from './import-report'
import { ImportFileError, readTableFile, type TableFile } from './read-table-file'

/**
 * Import jobs: the uploaded file waits in the database, a worker in any
 * instance previews it (a dry run) and, once the admin confirms, imports it.
 * The preview and the result are stored with the job, so a reload, another
 * tab or another instance shows the same page.
 */
export type ImportKind = 'users' | 'extensions'
export type ImportProgress = (done: number, total: number) => Promise<void> | void

/** An import that wrote nothing for a reason the admin can act on (the message says it). */
export class ImportConflictError extends Error {}

export interface ImportOptions {
  createMissingExtensions?: boolean
  skipErrors?: boolean
}

/** What one kind of import does: the users area and the extensions area each give one. */
export interface ImportProcessor {
  /** Needed to upload and import this kind. */
  permission: Permission
  /** Throws ImportFileError when the header row can't be imported at all. */
  checkColumns(headers: string[]): void
  preview(db: Db, actor: Actor, table: TableFile, options: ImportOptions): Promise<ImportPreview>
  apply(
    db: Db,
    actor: Actor,
    table: TableFile,
    run: { options: ImportOptions; fileName: string; jobId: string | null; progress?: ImportProgress },
  ): Promise<ImportResult>
}

export interface ImportJobView {
  id: string
  kind: ImportKind
  fileName: string
  phase: 'preview' | 'import'
  status: 'queued' | 'running' | 'done' | 'failed'
  options: ImportOptions
  progressDone: number
  progressTotal: number
  /** The preview without its rows (page through them with previewRows). */
  preview: Omit<ImportPreview, 'rows'> | null
  /** The result without its failed rows (failedRows / failedRowsCsv). */
  result: Omit<ImportResult, 'errors'> | null
  error: string | null
  createdAt: Date
  finishedAt: Date | null
}

/** Jobs (with their files) are kept this long, then removed when the workspace next uploads one. */
const KEEP_DAYS = 30
/** A worker holds a job this long without a sign of life; after that another worker may take it. */
const LEASE_SECONDS = 120

const mine = (actor: Actor, id: string) =>
  and(eq(importJobs.tenantId, actor.tenantId), eq(importJobs.id, id), eq(importJobs.createdBy, actor.userId))
/** Anything else can't be a job's id: answered as "not there" before a query. */
const isId = (id: string) => z.uuid().safeParse(id).success
const GONE = 'This import no longer exists.'

/**
 * Stores an upload and queues its preview. The file is read once here so that
 * a file that isn't one (binary, empty, not UTF-8, too large, no key column)
 * is refused on the upload form; the rows are checked by the preview.
 */
export async function createImportJob(
  db: Db,
  actor: Actor,
  processor: ImportProcessor,
  input: { kind: ImportKind; fileName: string; bytes: Uint8Array; options: ImportOptions },
): Promise<Result<{ id: string }, 'file'>> {
  if (!actor.permissions.has(processor.permission)) return forbidden()
  try {
    const table = await readTableFile(input.bytes)
    processor.checkColumns(table.headers)
  } catch (error) {
    if (error instanceof ImportFileError) return invalid({ file: error.message })
    throw error
  }
  const fileName = input.fileName.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 200) || 'upload'
  await db
    .delete(importJobs)
    .where(and(eq(importJobs.tenantId, actor.tenantId), lt(importJobs.createdAt, sql`now() - make_interval(days => ${KEEP_DAYS})`)))
  const [job] = await db
    .insert(importJobs)
    .values({
      tenantId: actor.tenantId,
      kind: input.kind,
      fileName,
      file: Buffer.from(input.bytes),
      createdBy: actor.userId,
      createdByLabel: actor.label,
      options: { createMissingExtensions: !!input.options.createMissingExtensions },
    })
    .returning({ id: importJobs.id })
  return { ok: true, id: job!.id }
}

const viewColumns = {
  id: importJobs.id,
  kind: importJobs.kind,
  fileName: importJobs.fileName,
  phase: importJobs.phase,
  status: importJobs.status,
  options: importJobs.options,
  progressDone: importJobs.progressDone,
  progressTotal: importJobs.progressTotal,
  preview: sql<ImportJobView['preview']>`${importJobs.preview} - 'rows'`,
  result: sql<ImportJobView['result']>`${importJobs.result} - 'errors'`,
  error: importJobs.error,
  createdAt: importJobs.createdAt,
  finishedAt: importJobs.finishedAt,
}

/** An import of the actor's (nobody else's: another admin's upload is theirs to confirm), or null. */
export async function loadImportJob(db: Db, actor: Actor, id: string, kind: ImportKind): Promise<ImportJobView | null> {
  if (!isId(id)) return null
  const [job] = await db
    .select(viewColumns)
    .from(importJobs)
    .where(and(mine(actor, id), eq(importJobs.kind, kind)))
  return (job as ImportJobView | undefined) ?? null
}

/** The actor's recent imports of a kind, newest first (the upload page lists them). */
export async function listImportJobs(db: Db, actor: Actor, kind: ImportKind, limit = 10): Promise<ImportJobView[]> {
  const rows = await db
    .select(viewColumns)
    .from(importJobs)
    .where(and(eq(importJobs.tenantId, actor.tenantId), eq(importJobs.createdBy, actor.userId), eq(importJobs.kind, kind)))
    .orderBy(desc(importJobs.createdAt))
    .limit(limit)
  return rows as ImportJobView[]
}

/** A page of the preview's rows (or of the result's failed rows), optionally of one action only. */
export async function importRows(
  db: Db,
  actor: Actor,
  id: string,
  query: { from: 'preview' | 'result'; action: RowAction | null; page: number; size: number },
): Promise<{ rows: PreviewRow[]; total: number }> {
  if (!isId(id)) return { rows: [], total: 0 }
  const list = query.from === 'preview' ? sql`${importJobs.preview} -> 'rows'` : sql`${importJobs.result} -> 'errors'`
  const where = sql`${mine(actor, id)} AND (${query.action}::text IS NULL OR r.value ->> 'action' = ${query.action})`
  const rows = (await db.execute(sql`
    SELECT r.value AS row, count(*) OVER () AS total
      FROM ${importJobs}, jsonb_array_elements(coalesce(${list}, '[]'::jsonb)) WITH ORDINALITY AS r(value, n)
     WHERE ${where}
     ORDER BY r.n
     LIMIT ${query.size} OFFSET ${(query.page - 1) * query.size}`)) as unknown as {
    rows: { row: PreviewRow | string; total: string | number }[]
  }
  const parse = (v: PreviewRow | string) => (typeof v === 'string' ? (JSON.parse(v) as PreviewRow) : v)
  return { rows: rows.rows.map((r) => parse(r.row)), total: Number(rows.rows[0]?.total ?? 0) }
}

/**
 * Queues the import of a previewed file. The rows are validated again when
 * the worker runs it; `skipErrors` writes the valid rows and reports the rest.
 */
export async function queueImport(
  db: Db,
  actor: Actor,
  processor: ImportProcessor,
  id: string,
  choice: { skipErrors: boolean },
): Promise<Result> {
  if (!actor.permissions.has(processor.permission)) return forbidden()
  if (!isId(id)) return notFound(GONE)
  const [job] = await db
    .update(importJobs)
    .set({
      phase: 'import',
      status: 'queued',
      options: sql`${importJobs.options} || ${JSON.stringify({ skipErrors: choice.skipErrors })}::jsonb`,
      progressDone: 0,
      progressTotal: 0,
      result: null,
      error: null,
      finishedAt: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        mine(actor, id),
        // A previewed file; or an import that wrote nothing (errors, or a race), to run again, e.g. skipping errors.
        sql`((${importJobs.phase} = 'preview' AND ${importJobs.status} = 'done')
          OR (${importJobs.phase} = 'import' AND ${importJobs.status} IN ('done', 'failed')
              AND coalesce(${importJobs.result} ->> 'written', 'false') = 'false'))`,
      ),
    )
    .returning({ id: importJobs.id })
  if (job) return { ok: true }
  const [exists] = await db.select({ phase: importJobs.phase }).from(importJobs).where(mine(actor, id))
  if (!exists) return notFound(GONE)
  return conflict(
    exists.phase === 'import' ? 'This file has been imported already: upload it again to import it again.' : 'The preview isn’t ready yet.',
  )
}

/** The failed rows as the file had them, plus an `Error` column: fix them and upload this file again. */
export async function failedRowsCsv(db: Db, actor: Actor, id: string): Promise<{ fileName: string; csv: string } | null> {
  if (!isId(id)) return null
  const [job] = await db
    .select({ file: importJobs.file, fileName: importJobs.fileName, errors: sql<PreviewRow[] | null>`${importJobs.result} -> 'errors'` })
    .from(importJobs)
    .where(mine(actor, id))
  if (!job?.errors) return null
  const table = await readTableFile(job.file)
  const messages = new Map(job.errors.map((r) => [r.line, (r.errors ?? []).map(rowErrorText).join(' ')]))
  const width = table.headers.length
  const failed = table.rows
    .filter((r) => messages.has(r.line))
    .map((r) => [...Array.from({ length: width }, (_, i) => r.cells[i] ?? ''), messages.get(r.line)!])
  const csv = csvDocument([[...table.headers, 'Error'], ...failed].map((cells) => cells.map(neutralise)))
  const base = job.fileName.replace(/\.(csv|xlsx)$/i, '')
  return { fileName: `${base}-errors.csv`, csv }
}

/** The job's author as an actor, with the permissions they have now (not at upload). */
async function authorOf(db: Db, tenantId: string, userId: string, label: string): Promise<Actor | null> {
  const [row] = await db
    .select({
      role: users.role,
      status: users.status,
      deletedAt: users.deletedAt,
      profileId: users.profileId,
      permissions: profiles.permissions,
      scope: profiles.scope,
      scopeSize: scopeSizeColumn(profiles.scope),
    })
    .from(users)
    .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
  if (!row || row.deletedAt || row.status !== 'active') return null
  return {
    tenantId,
    userId,
    label,
    permissions: effectivePermissions(row.role, row.profileId ? (row.permissions ?? []) : null),
    scoped: row.scope === 'managed_groups',
    ...(row.scopeSize !== null ? { scopeSize: row.scopeSize } : {}),
    ip: null,
  }
}

interface Claimed {
  tenant_id: string
  id: string
  kind: ImportKind
  phase: 'preview' | 'import'
  file_name: string
  created_by: string
  created_by_label: string
  options: ImportOptions | string
}

/** Takes the oldest waiting job (or one whose worker stopped renewing its lease), skipping those others hold. */
async function claim(db: Db): Promise<Claimed | null> {
  const result = (await db.execute(sql`
    UPDATE ${importJobs} SET status = 'running', locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()
     WHERE (tenant_id, id) = (
       SELECT tenant_id, id FROM ${importJobs}
        WHERE status IN ('queued', 'running') AND (locked_until IS NULL OR locked_until < now())
        ORDER BY created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING tenant_id, id, kind, phase, file_name, created_by, created_by_label, options`)) as unknown as { rows: Claimed[] }
  return result.rows[0] ?? null
}

/** Records the end of a phase; the end of an import (not a preview) is also a webhook event, in the same transaction. */
const finish = (db: Db, job: Claimed, values: Partial<typeof importJobs.$inferInsert>) =>
  db.transaction(async (tx) => {
    await tx
      .update(importJobs)
      .set({ ...values, lockedUntil: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(importJobs.tenantId, job.tenant_id), eq(importJobs.id, job.id)))
    if (job.phase !== 'import') return
    const result = (values.result ?? null) as { created?: number; updated?: number; skipped?: number } | null
    await emitEvents(tx, job.tenant_id, [
      {
        type: 'import.completed',
        data: {
          importId: job.id,
          kind: job.kind,
          fileName: job.file_name,
          status: values.status,
          created: result?.created ?? 0,
          updated: result?.updated ?? 0,
          ...(values.error ? { error: values.error } : {}),
        },
      },
    ])
  })

const SERVER_FAILURE = 'Something went wrong on our side, so nothing was imported. Try again; if it keeps happening, tell your operator.'

/**
 * Runs waiting jobs until there are none. `progressWrites` is false on PGlite:
 * its one connection belongs to the import's transaction until it ends, so a
 * progress write from outside would wait for ever.
 */
export async function runImportJobs(
  db: Db,
  processors: Record<ImportKind, ImportProcessor>,
  options: { progressWrites: boolean },
): Promise<number> {
  let ran = 0
  for (let job = await claim(db); job; job = await claim(db)) {
    ran++
    const jobOptions: ImportOptions = typeof job.options === 'string' ? JSON.parse(job.options) : job.options
    const processor = processors[job.kind]
    try {
      const actor = await authorOf(db, job.tenant_id, job.created_by, job.created_by_label)
      if (!actor || !actor.permissions.has(processor.permission)) {
        throw new ImportConflictError('The admin who uploaded this file can no longer import it, so nothing was imported.')
      }
      const [row] = await db
        .select({ file: importJobs.file })
        .from(importJobs)
        .where(and(eq(importJobs.tenantId, job.tenant_id), eq(importJobs.id, job.id)))
      const table = await readTableFile(row!.file)
      if (job.phase === 'preview') {
        const preview = await processor.preview(db, actor, table, jobOptions)
        await finish(db, job, { status: 'done', preview, progressDone: table.rows.length, progressTotal: table.rows.length })
      } else {
        const current = job
        const progress: ImportProgress | undefined = options.progressWrites
          ? async (done, total) => {
              await db
                .update(importJobs)
                .set({ progressDone: done, progressTotal: total, lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
                .where(and(eq(importJobs.tenantId, current.tenant_id), eq(importJobs.id, current.id)))
            }
          : undefined
        const result = await processor.apply(db, actor, table, { options: jobOptions, fileName: job.file_name, jobId: job.id, progress })
        const written = result.created + result.updated
        await finish(db, job, { status: 'done', result, progressDone: written, progressTotal: written })
      }
    } catch (error) {
      if (error instanceof ImportFileError || error instanceof ImportConflictError) {
        await finish(db, job, { status: 'failed', error: error.message })
      } else {
        console.error(`Import job ${job.id} (${job.kind}, ${job.phase}) failed:`, loggableError(error))
        await finish(db, job, { status: 'failed', error: SERVER_FAILURE })
      }
    }
  }
  return ran
}

import { z } from 'zod'
import { singleLineText } from '@/lib/validation/text'
import { LAST_LOGIN_VALUES, ROLE_VALUES, SIGNED_IN_VALUES, STATUS_VALUES, TYPE_VALUES } from './list-params'

/**
 * What a bulk edit changes: every field is optional, and a field left out is
 * left unchanged ("Leave unchanged" in the form). The same for the users
 * list's Edit (form fields, read by bulkEditSetFromForm) and for
 * `POST /api/v1/users/bulk` (JSON).
 */

const uuid = (message: string) => z.uuid(message)
const text = (label: string) => singleLineText().trim().max(200, `${label}: use at most 200 characters.`)
const yesNo = (label: string) => z.boolean(`${label}: choose Yes, No or Leave unchanged.`)
const groupList = z.array(uuid('Choose groups from the list.')).max(200, 'Choose at most 200 groups.')

export const bulkEditSetSchema = z.strictObject(
  {
    role: z.enum(ROLE_VALUES, 'Choose a role.').optional(),
    /** null: no profile. */
    profileId: uuid('Choose a profile from the list.').nullable().optional(),
    addGroupIds: groupList.optional(),
    removeGroupIds: groupList.optional(),
    status: z.enum(STATUS_VALUES, 'Choose Active or Inactive.').optional(),
    forceLogin: yesNo('Force login').optional(),
    hideFromDirectory: yesNo('Hide from directory').optional(),
    /** An empty string clears it. */
    department: text('Department').optional(),
    jobTitle: text('Job title').optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.` : undefined,
  },
)

export type BulkEditSet = z.output<typeof bulkEditSetSchema>
export type BulkEditField = keyof BulkEditSet

export const NOTHING_CHOSEN = 'Choose at least one field to change.'

/** The rules between the set's own fields (the ones about each user are changeRefusal's). */
export function bulkEditSetErrors(set: BulkEditSet): Partial<Record<BulkEditField, string>> {
  const errors: Partial<Record<BulkEditField, string>> = {}
  // A new role needs its own profile: keeping one of the old role is impossible, and dropping it silently would widen rights.
  if (set.role && set.profileId === undefined) errors.profileId = 'Choose the profile they get with the new role, or No profile.'
  const removed = new Set(set.removeGroupIds ?? [])
  if (set.addGroupIds?.some((id) => removed.has(id))) errors.removeGroupIds = 'A group can’t be both added and removed.'
  return errors
}

/** The users list's filter as JSON (the API's `filter`): the same fields as the list's URL, without sort and page. */
export const bulkFilterSchema = z.strictObject({
  q: z.string().max(200).optional(),
  role: z.array(z.enum(ROLE_VALUES)).optional(),
  profile: z.array(z.uuid()).max(50).optional(),
  group: z.array(z.uuid()).max(50).optional(),
  department: z.array(z.string().max(200)).max(50).optional(),
  status: z.enum(STATUS_VALUES).optional(),
  type: z.enum(TYPE_VALUES).optional(),
  lastLogin: z.enum(LAST_LOGIN_VALUES).optional(),
  signedIn: z.enum(SIGNED_IN_VALUES).optional(),
  import: z.uuid().optional(),
})

/** The filter as the list's URL parameters (what userListWhere reads). */
export function bulkFilterQuery(filter: z.output<typeof bulkFilterSchema>): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) {
    for (const v of [value].flat()) if (v !== undefined) query.append(key, String(v))
  }
  return query.toString()
}

/** Form values meaning "Leave unchanged": the select's first option, or a text field's `keep`. */
export const KEEP = 'keep'
export const TEXT_FIELDS = [
  { name: 'department', label: 'Department' },
  { name: 'jobTitle', label: 'Job title' },
] as const

/**
 * The form's fields as a set: a select at `keep` (or empty) leaves its field
 * alone; Profile's `` is No profile; Yes/No are `yes`/`no`; Department and Job
 * title have a `…Change` select (`keep`, `set`, `clear`) beside their box.
 * Text typed while its select says Leave unchanged is an error rather than a
 * guess (with JavaScript, typing picks "Change to").
 */
export function bulkEditSetFromForm(form: FormData): { set: Record<string, unknown>; fieldErrors: Partial<Record<BulkEditField, string>> } {
  const value = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }
  const chosen = (name: string) => (value(name) === '' || value(name) === KEEP ? undefined : value(name))
  const yes = (name: string) => {
    const v = chosen(name)
    return v === undefined ? undefined : v === 'yes' ? true : v === 'no' ? false : v
  }
  const set: Record<string, unknown> = {
    role: chosen('role'),
    profileId: value('profileId') === KEEP ? undefined : value('profileId') || null,
    status: chosen('status'),
    forceLogin: yes('forceLogin'),
    hideFromDirectory: yes('hideFromDirectory'),
  }
  for (const list of ['addGroupIds', 'removeGroupIds'] as const) {
    const ids = form.getAll(list).filter((v) => v !== '')
    if (ids.length) set[list] = ids
  }
  const fieldErrors: Partial<Record<BulkEditField, string>> = {}
  for (const { name, label } of TEXT_FIELDS) {
    const mode = value(`${name}Change`) || KEEP
    if (mode === 'clear') set[name] = ''
    else if (mode === 'set') set[name] = value(name)
    else if (mode !== KEEP) fieldErrors[name] = `${label}: choose Leave unchanged, Change to or Clear.`
    else if (value(name).trim() !== '') fieldErrors[name] = `Choose “Change to” to set the ${label.toLowerCase()}, or empty the box.`
  }
  if (!form.has('profileId')) delete set.profileId
  return { set: Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)), fieldErrors }
}

export interface BulkEditCounts {
  updated: number
  unchanged: number
  skipped: { name: string; reason: string }[]
  skippedCount: number
}

const number = new Intl.NumberFormat('en-GB')

/** "10 updated, 2 not changed: …" — the sentence, and the skipped users with their reasons. */
export function bulkEditOutcomeText(counts: BulkEditCounts): { text: string; details: string[] } {
  const parts = [`${number.format(counts.updated)} updated`]
  if (counts.unchanged) parts.push(`${number.format(counts.unchanged)} already as chosen`)
  if (counts.skippedCount) parts.push(`${number.format(counts.skippedCount)} not changed:`)
  const details = counts.skipped.map((s) => `${s.name}: ${s.reason}`)
  if (counts.skippedCount > counts.skipped.length) details.push(`and ${number.format(counts.skippedCount - counts.skipped.length)} more`)
  return { text: counts.skippedCount ? parts.join(', ') : `${parts.join(', ')}.`, details }
}

/**
 * Okta's SCIM 2.0 requests as its provisioning documentation shows them
 * (developer.okta.com, "SCIM 2.0 protocol reference" and the Runscope/
 * Spec tests it ships): lookup by userName with integer paging, create,
 * read, full PUT updates, deactivate and reactivate by PATCH without a path
 * (Okta never sends DELETE), push groups with members, rename, member
 * changes, and 409 on a duplicate. Each answer is checked against RFC 7644,
 * and the rows behind it.
 */
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, groups, userGroups, users } from '@/db/schema'
import { createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { expectList, expectResource, expectScimError, scimClient, scimTokenOf } from '@/testing/scim'

let db: Db
let ws: TestWorkspace
let scim: ReturnType<typeof scimClient>

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'okta')
  scim = scimClient(await scimTokenOf(db, ws))
})

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const rowOf = async (id: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.id, id)))
  )[0]!

const oktaUser = (userName: string, given: string, family: string, active = true) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: given, familyName: family },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: `${given} ${family}`,
  locale: 'en-US',
  externalId: `00u${Math.random().toString(36).slice(2, 12)}`,
  groups: [],
  password: 't1meMa$heen',
  active,
})

describe('Okta', () => {
  it('creates, reads, updates, deactivates and reactivates a user the way Okta does', async () => {
    const userName = `ines.garcia.${Math.random().toString(36).slice(2, 6)}@okta.example`
    // 1. Does the user exist? Okta asks by userName, with integer paging.
    const lookup = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`)
    expect(expectList(lookup, 0)).toEqual([])
    expect(lookup.body.startIndex).toBe(1)

    // 2. Create.
    const body = oktaUser(userName, 'Inés', 'García')
    const created = expectResource(await scim('POST', '/scim/v2/Users', body), 201, 'User')
    expect(created).toMatchObject({
      userName,
      externalId: body.externalId,
      active: true,
      name: { formatted: 'Inés García' },
      emails: [{ value: userName, type: 'work', primary: true }],
    })
    expect(created).not.toHaveProperty('password')
    const row = await rowOf(created.id)
    expect(row).toMatchObject({
      fullName: 'Inés García',
      email: userName,
      username: userName.split('@')[0],
      scimUserName: userName,
      role: 'Agent',
      status: 'active',
      passwordHash: null,
      externalId: body.externalId,
    })

    // 3. Read it back, and find it by the same filter.
    expect(expectResource(await scim('GET', `/scim/v2/Users/${created.id}`), 200, 'User').userName).toBe(userName)
    const found = expectList(await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`), 1)
    expect(found[0].id).toBe(created.id)

    // 4. A profile update: Okta PUTs the whole user.
    const put = await scim('PUT', `/scim/v2/Users/${created.id}`, {
      ...body,
      id: created.id,
      name: { givenName: 'Inés', familyName: 'García López' },
      title: 'Team lead',
    })
    expect(expectResource(put, 200, 'User')).toMatchObject({ name: { formatted: 'Inés García López' }, title: 'Team lead' })
    expect(await rowOf(created.id)).toMatchObject({ fullName: 'Inés García López', jobTitle: 'Team lead', version: 2 })

    // 5. Deactivate: PATCH without a path.
    const off = await scim('PATCH', `/scim/v2/Users/${created.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    })
    expect(expectResource(off, 200, 'User').active).toBe(false)
    expect((await rowOf(created.id)).status).toBe('inactive')
    const inactive = expectList(
      await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}" and active eq false`)}`),
      1,
    )
    expect(inactive[0].id).toBe(created.id)

    // 6. Reactivate.
    const on = await scim('PATCH', `/scim/v2/Users/${created.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: true } }],
    })
    expect(expectResource(on, 200, 'User').active).toBe(true)
    expect((await rowOf(created.id)).status).toBe('active')

    // Every change is audited as SCIM, never as a user.
    const audit = await db
      .select({ action: auditEntries.action, label: auditEntries.actorLabel, actor: auditEntries.actorUserId })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.entityId, created.id)))
      .orderBy(auditEntries.id)
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.update', 'user.update', 'user.update'])
    expect(audit.every((a) => a.label === 'SCIM' && a.actor === null)).toBe(true)
  })

  it('answers 409 uniqueness for a user that exists (userName or email), and pages in a stable order', async () => {
    const userName = `dup.${Math.random().toString(36).slice(2, 8)}@okta.example`
    expectResource(await scim('POST', '/scim/v2/Users', oktaUser(userName, 'Du', 'Plicate')), 201, 'User')
    expectScimError(await scim('POST', '/scim/v2/Users', oktaUser(userName, 'Du', 'Plicate')), 409, 'uniqueness')
    // The same email under another userName is the same person.
    expectScimError(
      await scim('POST', '/scim/v2/Users', { ...oktaUser(`other.${userName}`, 'Du', 'P'), emails: [{ value: userName, primary: true }] }),
      409,
      'uniqueness',
    )

    const page = async (startIndex: number) => scim('GET', `/scim/v2/Users?startIndex=${startIndex}&count=2`)
    const total = (await page(1)).body.totalResults
    expect(total).toBeGreaterThanOrEqual(3)
    const seen: string[] = []
    for (let i = 1; i <= total; i += 2) seen.push(...expectList(await page(i), total).map((r: { id: string }) => r.id))
    expect(new Set(seen).size).toBe(total)
    // count=0: only how many.
    expect(expectList(await scim('GET', '/scim/v2/Users?count=0'), total)).toEqual([])
  })

  it('pushes a group with members, renames it, adds and removes members, and deletes it', async () => {
    const members = []
    for (const n of ['a', 'b', 'c']) {
      const made = await scim(
        'POST',
        '/scim/v2/Users',
        oktaUser(`push.${n}.${Math.random().toString(36).slice(2, 6)}@okta.example`, 'Push', n.toUpperCase()),
      )
      members.push(expectResource(made, 201, 'User').id as string)
    }
    const name = `Tier 1 ${Math.random().toString(36).slice(2, 6)}`
    const created = await scim('POST', '/scim/v2/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: name,
      members: [{ value: members[0], display: 'Push A' }],
    })
    const group = expectResource(created, 201, 'Group')
    expect(group.members.map((m: { value: string }) => m.value)).toEqual([members[0]])

    // Rename: a path-less replace with the id and the new name (Okta's Push Groups).
    const renamed = await scim('PATCH', `/scim/v2/Groups/${group.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { id: group.id, displayName: `${name} (FR)` } }],
    })
    expect(renamed.status).toBe(204)
    // Members: add two, then remove one by filter.
    expect(
      (
        await scim('PATCH', `/scim/v2/Groups/${group.id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'add', path: 'members', value: [{ value: members[1] }, { value: members[2] }] }],
        })
      ).status,
    ).toBe(204)
    expect(
      (
        await scim('PATCH', `/scim/v2/Groups/${group.id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'remove', path: `members[value eq "${members[0]}"]` }],
        })
      ).status,
    ).toBe(204)
    const read = expectResource(await scim('GET', `/scim/v2/Groups/${group.id}`), 200, 'Group')
    expect(read.displayName).toBe(`${name} (FR)`)
    expect(read.members.map((m: { value: string }) => m.value).sort()).toEqual([members[1], members[2]].sort())
    const rows = await db.select({ userId: userGroups.userId }).from(userGroups).where(eq(userGroups.groupId, group.id))
    expect(rows.map((r) => r.userId).sort()).toEqual([members[1], members[2]].sort())
    // A user's groups show on the user.
    expect(expectResource(await scim('GET', `/scim/v2/Users/${members[1]}`), 200, 'User').groups).toEqual([
      { value: group.id, display: `${name} (FR)`, $ref: expect.stringMatching(`/scim/v2/Groups/${group.id}$`) },
    ])
    // Find it by name, then delete it: its members stay.
    expect(expectList(await scim('GET', `/scim/v2/Groups?filter=${encodeURIComponent(`displayName eq "${name} (FR)"`)}`), 1)[0].id).toBe(
      group.id,
    )
    expect((await scim('DELETE', `/scim/v2/Groups/${group.id}`)).status).toBe(204)
    expectScimError(await scim('GET', `/scim/v2/Groups/${group.id}`), 404)
    expect(await db.select().from(groups).where(eq(groups.id, group.id))).toEqual([])
    expect((await rowOf(members[1]!)).deletedAt).toBeNull()
  })
})

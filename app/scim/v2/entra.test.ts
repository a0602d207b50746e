/**
 * Microsoft Entra ID's SCIM requests as its provisioning documentation and
 * its SCIM validator send them ("Develop and plan provisioning for a SCIM
 * endpoint", request/response examples): lookups by userName and externalId,
 * create with the enterprise extension, PATCH with capitalised ops
 * (`Replace`, `Add`, `Remove`), string booleans (`"active": "False"`), filter
 * paths in PATCH paths, the disable-user test, groups with
 * `excludedAttributes=members` and member add/remove by value. Each answer is
 * checked against RFC 7644, and the rows behind it.
 */
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { userGroups, users } from '@/db/schema'
import { createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { expectList, expectResource, expectScimError, scimClient, scimTokenOf } from '@/testing/scim'

let db: Db
let ws: TestWorkspace
let scim: ReturnType<typeof scimClient>

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'entra')
  scim = scimClient(await scimTokenOf(db, ws))
})

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const rowOf = async (id: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.id, id)))
  )[0]!
const q = (filter: string) => encodeURIComponent(filter)

function entraUser() {
  const suffix = Math.random().toString(36).slice(2, 8)
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    externalId: `0a21f0f2-8d2a-4f8e-bf98-${suffix}aaaaaa`.slice(0, 36),
    userName: `Test_User_${suffix}@contoso.example`,
    active: true,
    emails: [{ primary: true, type: 'work', value: `Test_User_${suffix}@contoso.example` }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    phoneNumbers: [{ type: 'mobile', value: '+44 7911 123456' }],
    roles: [],
    [ENTERPRISE]: { department: 'Support' },
  }
}

describe('Microsoft Entra ID', () => {
  it('creates a user after looking it up, updates it with Replace ops and filter paths, and disables it with "False"', async () => {
    const body = entraUser()
    expectList(await scim('GET', `/scim/v2/Users?filter=${q(`userName eq "${body.userName}"`)}`), 0)
    expectList(await scim('GET', `/scim/v2/Users?filter=${q(`externalId eq "${body.externalId}"`)}`), 0)

    const created = expectResource(await scim('POST', '/scim/v2/Users', body), 201, 'User')
    expect(created).toMatchObject({
      userName: body.userName,
      externalId: body.externalId,
      active: true,
      [ENTERPRISE]: { department: 'Support' },
    })
    // Entra's userName has capitals and an underscore and an @: the username is made from it, the userName kept as sent.
    const row = await rowOf(created.id)
    expect(row).toMatchObject({
      username: body.userName.split('@')[0]!.toLowerCase(),
      scimUserName: body.userName,
      mobile: '+447911123456',
      department: 'Support',
    })

    // Found by each way Entra asks.
    for (const filter of [
      `userName eq "${body.userName}"`,
      `externalId eq "${body.externalId}"`,
      `emails[type eq "work"].value eq "${body.emails[0]!.value.toLowerCase()}"`,
      `emails[type eq "work" and value eq "${body.emails[0]!.value}"]`,
    ]) {
      expect(expectList(await scim('GET', `/scim/v2/Users?filter=${q(filter)}`), 1)[0].id, filter).toBe(created.id)
    }
    // externalId is case-exact; a user that isn't there is an empty list, not a 404.
    expectList(await scim('GET', `/scim/v2/Users?filter=${q(`externalId eq "${body.externalId.toUpperCase()}"`)}`), 0)
    expectList(await scim('GET', `/scim/v2/Users?filter=${q('userName eq "non-existent user"')}`), 0)

    const email = `updated.${body.userName}`.toLowerCase()
    const patched = await scim('PATCH', `/scim/v2/Users/${created.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: email },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Sales' },
        { op: 'Add', path: 'title', value: 'Agent II' },
      ],
    })
    expect(expectResource(patched, 200, 'User')).toMatchObject({
      emails: [{ value: email }],
      title: 'Agent II',
      name: { formatted: 'givenName updatedFamilyName' },
    })
    // A new family name makes the full name (its formatted form wasn't in the patch).
    expect(await rowOf(created.id)).toMatchObject({
      email,
      fullName: 'givenName updatedFamilyName',
      department: 'Sales',
      jobTitle: 'Agent II',
    })

    // Path-less replace with dotted keys (Entra writes them so).
    await scim('PATCH', `/scim/v2/Users/${created.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', value: { 'name.formatted': 'Grace Hopper', [`${ENTERPRISE}:department`]: 'Research' } }],
    })
    expect(await rowOf(created.id)).toMatchObject({ fullName: 'Grace Hopper', department: 'Research' })

    // The validator's disable-user test: a string boolean, capitalised op.
    const disabled = await scim('PATCH', `/scim/v2/Users/${created.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    })
    expect(expectResource(disabled, 200, 'User').active).toBe(false)
    expect((await rowOf(created.id)).status).toBe('inactive')
    expect(
      expectList(await scim('GET', `/scim/v2/Users?filter=${q(`externalId eq "${body.externalId}" and active eq "False"`)}`), 1)[0].id,
    ).toBe(created.id)
    const enabled = await scim('PATCH', `/scim/v2/Users/${created.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    })
    expect(expectResource(enabled, 200, 'User').active).toBe(true)

    // Removing the mobile clears it.
    await scim('PATCH', `/scim/v2/Users/${created.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: 'phoneNumbers[type eq "mobile"]' }],
    })
    expect((await rowOf(created.id)).mobile).toBe('')

    // Delete: soft, and then it is gone for SCIM.
    expect((await scim('DELETE', `/scim/v2/Users/${created.id}`)).status).toBe(204)
    expect((await rowOf(created.id)).deletedAt).not.toBeNull()
    expectScimError(await scim('GET', `/scim/v2/Users/${created.id}`), 404)
    // Its userName is free again.
    expectResource(await scim('POST', '/scim/v2/Users', { ...body, externalId: `${body.externalId}-2` }), 201, 'User')
  })

  it('manages a group the way Entra does: create, read without members, add and remove members by value, rename, delete', async () => {
    const a = expectResource(await scim('POST', '/scim/v2/Users', entraUser()), 201, 'User')
    const b = expectResource(await scim('POST', '/scim/v2/Users', entraUser()), 201, 'User')
    const name = `Group ${Math.random().toString(36).slice(2, 8)}`
    const group = expectResource(
      await scim('POST', '/scim/v2/Groups', { externalId: `ext-${name}`, displayName: name, meta: { resourceType: 'Group' }, members: [] }),
      201,
      'Group',
    )
    expect(group.members).toEqual([])
    const withoutMembers = expectResource(await scim('GET', `/scim/v2/Groups/${group.id}?excludedAttributes=members`), 200, 'Group')
    expect(withoutMembers).not.toHaveProperty('members')
    expect(
      expectList(await scim('GET', `/scim/v2/Groups?excludedAttributes=members&filter=${q(`displayName eq "${name}"`)}`), 1)[0],
    ).not.toHaveProperty('members')

    const addBoth = await scim('PATCH', `/scim/v2/Groups/${group.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'Add',
          path: 'members',
          value: [
            { $ref: null, value: a.id },
            { $ref: null, value: b.id },
          ],
        },
      ],
    })
    expect(addBoth.status).toBe(204)
    expect(
      expectList(await scim('GET', `/scim/v2/Groups?filter=${q(`id eq "${group.id}" and members[value eq "${a.id}"]`)}`), 1),
    ).toHaveLength(1)
    const removeA = await scim('PATCH', `/scim/v2/Groups/${group.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: a.id }] }],
    })
    expect(removeA.status).toBe(204)
    const members = await db.select({ userId: userGroups.userId }).from(userGroups).where(eq(userGroups.groupId, group.id))
    expect(members.map((m) => m.userId)).toEqual([b.id])
    expectList(await scim('GET', `/scim/v2/Groups?filter=${q(`id eq "${group.id}" and members[value eq "${a.id}"]`)}`), 0)

    await scim('PATCH', `/scim/v2/Groups/${group.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'displayName', value: `${name} renamed` }],
    })
    const renamed = expectResource(await scim('GET', `/scim/v2/Groups/${group.id}`), 200, 'Group')
    expect(renamed).toMatchObject({ displayName: `${name} renamed`, externalId: `ext-${name}`, members: [{ value: b.id }] })
    // Every change moved the version the ETag carries.
    expect(renamed.meta.version).not.toBe(group.meta.version)
    expect((await scim('DELETE', `/scim/v2/Groups/${group.id}`)).status).toBe(204)
  })
})

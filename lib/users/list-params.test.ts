import { describe, expect, it } from 'vitest'
import { DEFAULT_SORT, listViewOf, parseUserListParams, userListHref } from './list-params'

const id1 = '0b5c1a8e-9a57-4d6b-9d3a-2f1e4c5b6a70'
const id2 = '6f1e2d3c-4b5a-4987-8a6b-5c4d3e2f1a0b'

describe('parseUserListParams', () => {
  it('gives the defaults for an empty URL', () => {
    expect(parseUserListParams({})).toEqual({
      q: '',
      role: [],
      profile: [],
      group: [],
      department: [],
      status: null,
      type: null,
      lastLogin: null,
      signedIn: null,
      import: null,
      sort: DEFAULT_SORT,
      page: 1,
      size: 25,
    })
  })

  it('reads every parameter, repeated or comma-separated', () => {
    const p = parseUserListParams(
      new URLSearchParams(
        `q=%20Ada%20&role=Admin&role=Agent&profile=${id1},${id2}&group=${id2}&department=Sales%2C%20EMEA&department=Billing&status=inactive&type=SIP&lastLogin=90d&signedIn=now&import=${id1}&sort=-last_login&page=3&size=100`,
      ),
    )
    expect(p).toEqual({
      q: 'Ada',
      role: ['Admin', 'Agent'],
      profile: [id1, id2],
      group: [id2],
      department: ['Sales, EMEA', 'Billing'],
      status: 'inactive',
      type: 'SIP',
      lastLogin: '90d',
      signedIn: 'now',
      import: id1,
      sort: { key: 'last_login', desc: true },
      page: 3,
      size: 100,
    })
  })

  it.each([
    ['unknown sort key', { sort: 'password_hash' }, { sort: DEFAULT_SORT }],
    ['SQL in sort', { sort: 'name; DROP TABLE users' }, { sort: DEFAULT_SORT }],
    ['page zero', { page: '0' }, { page: 1 }],
    ['negative page', { page: '-4' }, { page: 1 }],
    ['huge page', { page: '99999999999' }, { page: 1 }],
    ['fractional page', { page: '2.5' }, { page: 1 }],
    ['odd page size', { size: '30' }, { size: 25 }],
    ['oversized page size', { size: '1000000' }, { size: 25 }],
    ['unknown role', { role: ['Admin', 'Root'] }, { role: ['Admin'] }],
    ['non-uuid profile', { profile: ["1' OR 1=1", id1] }, { profile: [id1] }],
    ['unknown status', { status: 'deleted' }, { status: null }],
    ['unknown type', { type: 'PSTN' }, { type: null }],
    ['unknown last login', { lastLogin: '7d' }, { lastLogin: null }],
    ['duplicates', { role: ['Agent', 'Agent'], group: [id1, id1] }, { role: ['Agent'], group: [id1] }],
  ])('falls back on %s', (_name, raw, expected) => {
    expect(parseUserListParams(raw)).toMatchObject(expected)
  })

  it('caps and cleans the search term', () => {
    expect(parseUserListParams({ q: 'x'.repeat(5000) }).q).toHaveLength(200)
    expect(parseUserListParams({ q: 'a\u0000b' }).q).toBe('a b')
  })
})

describe('listViewOf', () => {
  it('reads the list view a page was asked from, and the plain list from anything else', () => {
    expect(listViewOf('role=Agent&sort=-email&page=2')).toEqual(parseUserListParams(new URLSearchParams('role=Agent&sort=-email&page=2')))
    for (const nothing of [undefined, null, ['role=Agent', 'q=x'], new Blob(['role=Agent'])]) {
      expect(listViewOf(nothing)).toEqual(parseUserListParams(new URLSearchParams('')))
    }
  })
})

describe('userListHref', () => {
  it('round-trips and leaves defaults out', () => {
    const p = parseUserListParams({ q: 'ada', role: ['Agent'], group: [id1], lastLogin: 'never', sort: '-created', page: '2', size: '50' })
    const href = userListHref(p)
    expect(parseUserListParams(new URLSearchParams(href.split('?')[1]))).toEqual(p)
    expect(userListHref(parseUserListParams({}))).toBe('/users')
    expect(userListHref(p, { page: 1 })).not.toContain('page=')
  })
})

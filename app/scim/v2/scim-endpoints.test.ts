import { describe, expect, it } from 'vitest'
import { SCIM_ENDPOINTS } from '@/lib/scim/scim-endpoints'
import { routeHandlers } from '@/testing/route-handlers'

describe('the API reference’s SCIM list', () => {
  it('names exactly the routes under app/scim/v2, method by method', () => {
    const inCode = routeHandlers().filter((r) => r.split(' ')[1]!.startsWith('/scim/'))
    expect(SCIM_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(inCode.sort())
  })
})

/** The SCIM endpoints as the API reference lists them (a test checks the list against the routes under app/scim/v2). */
export const SCIM_ENDPOINTS = [
  {
    method: 'GET',
    path: '/scim/v2/Users',
    summary: 'List users: filter, startIndex, count, attributes, excludedAttributes (ListResponse).',
  },
  {
    method: 'POST',
    path: '/scim/v2/Users',
    summary: 'Create a user (an Agent without a password). 409 uniqueness when the userName, email or externalId is taken.',
  },
  { method: 'GET', path: '/scim/v2/Users/{id}', summary: 'Read a user (ETag: meta.version; If-None-Match → 304).' },
  { method: 'PUT', path: '/scim/v2/Users/{id}', summary: 'Replace the mapped attributes (If-Match → 412 when stale).' },
  {
    method: 'PATCH',
    path: '/scim/v2/Users/{id}',
    summary: 'PatchOp: add, replace, remove, with or without a path; active=false deactivates at once.',
  },
  { method: 'DELETE', path: '/scim/v2/Users/{id}', summary: 'Soft-delete (restorable in Settings › Deleted users).' },
  { method: 'GET', path: '/scim/v2/Groups', summary: 'List groups: filter on displayName, externalId, id, members[value eq …].' },
  { method: 'POST', path: '/scim/v2/Groups', summary: 'Create a group with its members. 409 uniqueness for a name taken.' },
  { method: 'GET', path: '/scim/v2/Groups/{id}', summary: 'Read a group (excludedAttributes=members leaves them out).' },
  { method: 'PUT', path: '/scim/v2/Groups/{id}', summary: 'Replace its name, externalId and members.' },
  { method: 'PATCH', path: '/scim/v2/Groups/{id}', summary: 'PatchOp: rename; add, remove or replace members (204).' },
  { method: 'DELETE', path: '/scim/v2/Groups/{id}', summary: 'Delete the group; its members stay.' },
  { method: 'GET', path: '/scim/v2/ServiceProviderConfig', summary: 'What is supported: PATCH, filter, ETags (no bulk, no sort).' },
  { method: 'GET', path: '/scim/v2/ResourceTypes', summary: 'User and Group.' },
  { method: 'GET', path: '/scim/v2/ResourceTypes/{id}', summary: 'One resource type.' },
  { method: 'GET', path: '/scim/v2/Schemas', summary: 'The User, EnterpriseUser and Group schemas as mapped here.' },
  { method: 'GET', path: '/scim/v2/Schemas/{id}', summary: 'One schema, by its URN.' },
] as const

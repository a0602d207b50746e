import { PERMISSION_LABELS, type Permission } from '@/lib/auth/permissions'
import type { Metadata } from 'next'
import { requireUser } from '@/lib/auth/session'
import { openApiDocument } from '@/lib/api/openapi'
import { SCIM_ENDPOINTS } from '@/lib/scim/scim-endpoints'
import { PageHeader } from '@/app/_components/page-bits'

export const metadata: Metadata = { title: 'API reference' }

type Schema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  description?: string
  enum?: unknown[]
  anyOf?: Schema[]
  items?: Schema
}
type Operation = {
  summary: string
  description?: string
  'x-permission'?: string
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema: Schema }[]
  requestBody?: { description?: string; content: Record<string, { schema: Schema }> }
  responses: Record<string, { description: string }>
}

/** A schema's type in a few words: `string`, `"Admin" | "Agent"`, `array of string`. */
function typeOf(s: Schema, schemas: Record<string, Schema>): string {
  if (s.$ref) return s.$ref.split('/').at(-1)!
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
  if (s.anyOf) return [...new Set(s.anyOf.map((x) => typeOf(x, schemas)))].join(' or ')
  if (s.type === 'array' && s.items) return `array of ${typeOf(s.items, schemas)}`
  return Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any')
}

function Fields({ schema, schemas }: { schema: Schema; schemas: Record<string, Schema> }) {
  const resolved = schema.$ref ? schemas[schema.$ref.split('/').at(-1)!]! : schema
  if (!resolved.properties) return <p className="text-sm">{typeOf(schema, schemas)}</p>
  return (
    // Focusable: a keyboard user can scroll a table wider than the screen (it has nothing else to focus).
    <div className="mt-1 overflow-x-auto" tabIndex={0}>
      <table className="data-table text-sm">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(resolved.properties).map(([name, p]) => (
            <tr key={name}>
              <th scope="row" className="font-mono">
                {name}
                {resolved.required?.includes(name) ? ' *' : ''}
              </th>
              <td className="font-mono">{typeOf(p, schemas)}</td>
              <td>{p.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The OpenAPI document, rendered: every endpoint with its permission, parameters, body and answers. */
export default async function ApiDocsPage() {
  await requireUser()
  const doc = openApiDocument()
  const schemas = doc.components.schemas as Record<string, Schema>
  const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  )
  return (
    <>
      <PageHeader title="API reference" />
      <p className="mt-4 max-w-3xl text-sm text-slate-700">{doc.info.description}</p>
      <p className="mt-2 text-sm">
        Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Tokens: <a href="/account">My account</a>.
      </p>
      {operations.map(({ path, method, op }) => (
        <section key={`${method} ${path}`} className="mt-8 max-w-4xl [overflow-wrap:anywhere]" aria-labelledby={`op-${method}-${path}`}>
          <h2 id={`op-${method}-${path}`} className="font-mono text-base font-semibold">
            <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs">{method.toUpperCase()}</span> {path}
          </h2>
          <p className="mt-1 font-medium">{op.summary}</p>
          {op.description && <p className="mt-1 text-sm text-slate-700">{op.description}</p>}
          <p className="mt-1 text-sm">
            Permission:{' '}
            {op['x-permission'] ? (
              <>
                {PERMISSION_LABELS[op['x-permission'] as Permission] ?? op['x-permission']}{' '}
                <code className="text-xs text-slate-500">{op['x-permission']}</code>
              </>
            ) : (
              'none (public)'
            )}
          </p>
          {!!op.parameters?.length && (
            <>
              <h3 className="mt-3 text-sm font-semibold">Parameters</h3>
              <ul className="text-sm">
                {op.parameters.map((p) => (
                  <li key={p.name}>
                    <code>{p.name}</code> ({p.in}, {typeOf(p.schema, schemas)}){p.description ? `: ${p.description}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          {op.requestBody?.content['application/json'] && (
            <>
              <h3 className="mt-3 text-sm font-semibold">JSON body (* required)</h3>
              <Fields schema={op.requestBody.content['application/json'].schema} schemas={schemas} />
            </>
          )}
          {op.requestBody && !op.requestBody.content['application/json'] && (
            <>
              <h3 className="mt-3 text-sm font-semibold">Body</h3>
              <p className="text-sm">
                {op.requestBody.description}: {Object.keys(op.requestBody.content).join(' or ')}
              </p>
            </>
          )}
          <h3 className="mt-3 text-sm font-semibold">Answers</h3>
          <ul className="text-sm">
            {Object.entries(op.responses).map(([status, r]) => (
              <li key={status}>
                <code>{status}</code> {r.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section id="scim" className="mt-12 max-w-4xl [overflow-wrap:anywhere]" aria-labelledby="scim-heading">
        <h2 id="scim-heading" className="text-xl font-semibold">
          SCIM 2.0 (provisioning)
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          For identity providers (Okta, Microsoft Entra ID): RFC 7643/7644 under <code>/scim/v2</code>, with a SCIM token from Settings ›
          Provisioning (SCIM) as <code>Authorization: Bearer scim_…</code>. JSON is <code>application/scim+json</code>; errors are SCIM
          Error messages with <code>scimType</code>. The README says how to set up each provider and how attributes map.
        </p>
        <ul className="mt-3 space-y-1 text-sm">
          {SCIM_ENDPOINTS.map((e) => (
            <li key={`${e.method} ${e.path}`}>
              <span className="rounded bg-slate-200 px-1.5 py-0.5 font-mono text-xs">{e.method}</span> <code>{e.path}</code>: {e.summary}
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}

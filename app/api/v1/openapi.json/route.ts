import { openApiDocument } from '@/lib/api/openapi'

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (public: it holds no data), generated from the endpoint list. */
export function GET(request: Request) {
  return Response.json(openApiDocument(new URL(request.url).origin), { headers: { 'cache-control': 'public, max-age=300' } })
}

import Link from 'next/link'

/** `?page=` from a URL: a whole number from 1 to 10,000, else 1. */
export function pageParam(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw)
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1
}

/** Previous / Next links for lists that page by number without a total. */
export function SimplePager({ path, page, hasMore }: { path: string; page: number; hasMore: boolean }) {
  if (page <= 1 && !hasMore) return null
  const href = (p: number) => `${path}${path.includes('?') ? '&' : '?'}page=${p}`
  return (
    <nav aria-label="Pages" className="mt-4 flex gap-3 text-sm">
      {page > 1 && (
        <Link href={href(page - 1)} rel="prev">
          Previous
        </Link>
      )}
      <span aria-current="page">Page {page}</span>
      {hasMore && (
        <Link href={href(page + 1)} rel="next">
          Next
        </Link>
      )}
    </nav>
  )
}

import Link from 'next/link'

/** The dashed box a list shows when it has nothing to show. */
export function EmptyState({ children }: { children: React.ReactNode }) {
  return <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">{children}</div>
}

/** A bordered, horizontally scrollable frame around a `.data-table`; focusable, so a keyboard can scroll it too. */
export function TableFrame({ children, className = 'mt-6' }: { children: React.ReactNode; className?: string }) {
  return (
    <div className={`${className} overflow-x-auto rounded-lg border border-slate-200 bg-white`} tabIndex={0}>
      <table className="data-table">{children}</table>
    </div>
  )
}

/** Breadcrumb link, heading and an optional main action on the right. */
export function PageHeader({
  back,
  title,
  action,
}: {
  back?: { href: string; label: string; current?: string }
  title: string
  action?: { href: string; label: string }
}) {
  return (
    <>
      {back && (
        <p className="text-sm">
          <Link href={back.href}>{back.label}</Link>
          {back.current ? ` / ${back.current}` : null}
        </p>
      )}
      <div className={`${back ? 'mt-2 ' : ''}flex items-center justify-between gap-4`}>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {action && (
          <Link href={action.href} className="btn-primary no-underline">
            {action.label}
          </Link>
        )}
      </div>
    </>
  )
}

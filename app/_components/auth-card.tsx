import type { ReactNode } from 'react'

/** The signed-out pages' frame (sign-in, its second step, password links): the product name, a heading, one card. */
export function AuthCard({ title, intro, children, wide }: { title: string; intro?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className={`w-full ${wide ? 'max-w-lg' : 'max-w-sm'}`}>
        <p className="text-center text-sm font-semibold tracking-wide text-indigo-700 uppercase">Switchboard</p>
        <h1 className="mt-2 text-center text-2xl font-semibold">{title}</h1>
        {intro && <div className="mt-3 text-center text-sm text-slate-600">{intro}</div>}
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  )
}

/** The alert at the top of a signed-out form. */
export function FormAlert({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null
  return (
    <p id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  )
}

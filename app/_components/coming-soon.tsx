export function ComingSoon({ children }: { children: React.ReactNode }) {
  return (
    <p className="mt-4 max-w-2xl rounded-md border border-dashed border-slate-300 bg-white px-4 py-6 text-slate-600">{children}</p>
  )
}

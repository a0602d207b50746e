import Link from 'next/link'
import { ThemeSwitch } from '@/app/_theme/theme-switch'
import { signOut } from './sign-out'

/** My account, the theme and Sign out: the items of the user menu, and of the phone menu's lower half. */
export function AccountItems() {
  return (
    <>
      <Link href="/account" className="menu-item">
        My account
      </Link>
      <ThemeSwitch className="px-4 py-2" />
      <form action={signOut}>
        <button type="submit" className="menu-item w-full text-left">
          Sign out
        </button>
      </form>
    </>
  )
}

/** The wide-screen user menu: a <details data-menu>, so it opens without JavaScript (app/_components/menu-dismiss.tsx closes it). */
export function UserMenu({ fullName, workspace, children }: { fullName: string; workspace: string; children: React.ReactNode }) {
  return (
    <details data-menu className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
        {fullName} <span className="text-slate-600">· {workspace}</span>
        <span aria-hidden="true"> ▾</span>
      </summary>
      <div className="menu-panel right-0 w-60">{children}</div>
    </details>
  )
}

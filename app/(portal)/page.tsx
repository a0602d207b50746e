import { redirect } from 'next/navigation'
import { homePath } from '@/lib/auth/navigation'
import { requireUser } from '@/lib/auth/session'

export default async function Home() {
  const user = await requireUser()
  redirect(homePath(user.permissions))
}

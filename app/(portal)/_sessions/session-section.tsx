import { getDb } from '@/db/client'
import { wholeWorkspace } from '@/lib/auth/scope'
import { listLiveSessions } from '@/lib/sessions/list-sessions'
import { signOutEverywhereAction, signOutSessionAction } from './session-actions'
import { SessionList } from './session-list'

/** `Sessions`: who is signed in where, on a user's page and on My account. */
export async function SessionSection({
  tenantId,
  userId,
  whose,
  timeZone,
  canSignOut,
  currentSessionId,
}: {
  tenantId: string
  userId: string
  whose: string
  timeZone: string
  canSignOut: boolean
  currentSessionId?: string
}) {
  // The page has already found this user within the viewer's reach (or it is the viewer themselves).
  const sessions = await listLiveSessions(await getDb(), wholeWorkspace(tenantId), userId)
  return (
    <section id="sessions" className="mt-10 max-w-4xl scroll-mt-6" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Sessions
      </h2>
      <p className="mt-1 text-sm text-slate-600">Where {whose === 'you' ? 'you are' : `${whose} is`} signed in now.</p>
      <SessionList
        sessions={sessions}
        timeZone={timeZone}
        whose={whose}
        currentSessionId={currentSessionId}
        signOut={signOutSessionAction.bind(null, userId)}
        signOutAll={signOutEverywhereAction.bind(null, userId)}
        canSignOut={canSignOut}
      />
    </section>
  )
}

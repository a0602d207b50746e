import 'server-only'
import type { Permission } from './permissions'
import { formDataArg, idArg } from '@/lib/http/action-args'
import { sessionActor, type Actor } from './actor'

/**
 * The one shape of a server action. Every action is a public endpoint: anyone
 * can call it with any arguments. This wrapper authenticates (sign-in page
 * without a session), checks the permission (404 without it), type-checks
 * each argument (`form`: FormData, `id`: a string, `state`: the form state a
 * client sent back, untrusted) and only then runs the action's few lines,
 * which call lib, where every rule is checked again.
 *
 * In the style of dub's `authActionClient` and saas-starter's
 * `validatedActionWithUser`, without a library: the arguments are positional
 * because React calls form actions as `(boundArgs…, previousState, formData)`.
 */
type ArgKind = 'form' | 'id' | 'state'
/** The previous form state is whatever the client sent back: `unknown`, read only through checks (submissionOf). */
type ArgOf<K extends ArgKind> = K extends 'form' ? FormData : K extends 'id' ? string : unknown
type Args<K extends readonly ArgKind[]> = { [I in keyof K]: ArgOf<K[I]> }

export function serverAction<const K extends readonly ArgKind[], R>(
  spec: { permission?: Permission; args: K },
  run: (actor: Actor & { sessionId: string }, ...args: Args<K>) => Promise<R>,
): (...args: Args<K>) => Promise<R> {
  return async (...raw) => {
    const actor = await sessionActor(spec.permission)
    const checked = spec.args.map((kind, i) => (kind === 'form' ? formDataArg(raw[i]) : kind === 'id' ? idArg(raw[i]) : raw[i]))
    return run(actor, ...(checked as Args<K>))
  }
}

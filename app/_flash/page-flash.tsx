import { randomUUID } from 'node:crypto'
import { takeFlash } from './flash'
import { FlashMessage } from './flash-message'

/** The page's success line, if the action that sent us here named one of `messages` (fixed texts, never text from a request). */
export async function PageFlash({ messages }: { messages: Record<string, React.ReactNode> }) {
  const key = await takeFlash(Object.keys(messages))
  // A fresh key per render: a second save's message is a new one, not the first one (hidden by the second submit) again.
  return key ? <FlashMessage key={randomUUID()}>{messages[key]}</FlashMessage> : null
}

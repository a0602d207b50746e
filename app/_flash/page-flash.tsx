import { takeFlash } from './flash'
import { FlashMessage } from './flash-message'

/** The page's success line, if the action that sent us here named one of `messages` (fixed texts, never text from a request). */
export async function PageFlash({ messages }: { messages: Record<string, React.ReactNode> }) {
  const key = await takeFlash(Object.keys(messages))
  return key ? <FlashMessage>{messages[key]}</FlashMessage> : null
}

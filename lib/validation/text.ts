import { z } from 'zod'
import { textProblem } from './text-rules'

const checked = (multiline: boolean) =>
  z.string().check((ctx) => {
    const problem = textProblem(ctx.value, multiline)
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
  })

/** A single-line text field: a name, a title, a search term. Chain trim/min/max as usual. */
export const singleLineText = () => checked(false)
/** Notes and other multi-line text: tab and newlines allowed. */
export const multiLineText = () => checked(true)

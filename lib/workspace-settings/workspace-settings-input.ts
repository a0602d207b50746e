import { z } from 'zod'
import { singleLineText } from '@/lib/validation/text'

/** Every IANA zone this runtime knows (Intl), plus UTC itself (which `supportedValuesOf` lists as "UTC" on some runtimes only). */
export const TIME_ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].sort()
const known = new Set(TIME_ZONES)

/** Settings › General: what an admin may change about the workspace itself. */
export const workspaceSettingsInputSchema = z.object({
  timeZone: singleLineText()
    .trim()
    .refine((zone) => known.has(zone), 'Choose a time zone from the list, e.g. Europe/London.'),
})
export type WorkspaceSettingsField = keyof z.output<typeof workspaceSettingsInputSchema>

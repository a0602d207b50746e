/**
 * Calendar days in a workspace's time zone. A day is carried as a UTC-midnight
 * Date (so day arithmetic stays plain) and turned into the instant it starts in
 * the zone only where a query needs a bound.
 */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** `YYYY-MM-DD` from a form or URL, or null. */
export const parseDay = (v: unknown): Date | null =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? new Date(`${v}T00:00:00Z`) : null

/** The calendar day `at` falls on in `timeZone`. */
export function dayIn(at: Date, timeZone: string): Date {
  const text = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
  return new Date(`${text}T00:00:00Z`)
}

const partsFormat = new Map<string, Intl.DateTimeFormat>()

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  let f = partsFormat.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    partsFormat.set(timeZone, f)
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, Number(p.value)]))
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - instant
}

/** The instant after a calendar day ends in `timeZone` (the next day's start): the exclusive end of a range of whole days. */
export const endOfDayIn = (day: Date, timeZone: string): Date => startOfDayIn(new Date(day.getTime() + 86_400_000), timeZone)

/** The instant a calendar day starts in `timeZone`, DST included. */
export function startOfDayIn(day: Date, timeZone: string): Date {
  const guess = day.getTime() - offsetAt(day.getTime(), timeZone)
  return new Date(day.getTime() - offsetAt(guess, timeZone))
}

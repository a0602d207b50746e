/**
 * The one way a time is shown: in the workspace's time zone (Settings ›
 * General), as "1 Dec 2026, 14:05", in a <time> whose title adds the seconds and
 * the zone. Tables name the zone once, in the column header (zoneNote).
 */
const formats = new Map<string, { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat; full: Intl.DateTimeFormat }>()

function formatsFor(timeZone: string) {
  let f = formats.get(timeZone)
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }),
      date: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone }),
      full: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'long', timeZone }),
    }
    formats.set(timeZone, f)
  }
  return f
}

/** "1 Dec 2026, 14:05:09 CET (Europe/Paris)": a <time>'s title, the seconds and the zone. */
export const fullTime = (value: Date, timeZone: string) => `${formatsFor(timeZone).full.format(value)} (${timeZone})`

/** A date and time (or only the date) in `timeZone`. */
export function DateTime({ value, timeZone, dateOnly = false }: { value: Date; timeZone: string; dateOnly?: boolean }) {
  const f = formatsFor(timeZone)
  return (
    <time dateTime={value.toISOString()} title={fullTime(value, timeZone)}>
      {dateOnly ? f.date.format(value) : f.dateTime.format(value)}
    </time>
  )
}

/** "09:12" today, "30 Nov, 22:40" before (a live session's start, in the workspace's zone). */
export function SinceTime({ value, timeZone }: { value: Date; timeZone: string }) {
  const [iso, text] = shownTime(value, timeZone, 'since')
  return (
    <time dateTime={iso} title={fullTime(value, timeZone)}>
      {text}
    </time>
  )
}

/** "Last login (Europe/Paris)": the zone said once, where a column of times starts. */
export const zoneNote = (label: string, timeZone: string) => `${label} (${timeZone})`

/**
 * A time as the list's client-rendered rows need it: [ISO to the second, shown
 * text], formatted here on the server (the browser's Intl data may differ: the
 * hydrated text must be exactly the server's). The title is the browser's to
 * add (users-rows.tsx): not sent once per row.
 */
export type ShownTime = [iso: string, text: string]

export function shownTime(value: Date, timeZone: string, style: 'dateTime' | 'since'): ShownTime {
  const f = formatsFor(timeZone)
  let text = f.dateTime.format(value)
  if (style === 'since') {
    const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(value)
    const today = f.date.format(value) === f.date.format(new Date())
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone }).format(value)
    text = today ? time : `${day}, ${time}`
  }
  // Milliseconds say nothing to a reader or a machine reading dateTime here.
  return [`${value.toISOString().slice(0, 19)}Z`, text]
}

import { setTheme } from './theme-action'
import { THEMES, type Theme } from './themes'

const LABELS = { system: 'System', light: 'Light', dark: 'Dark' } as const

/** Three buttons in one POST form: it works without JavaScript; the current one is pressed. */
export function ThemeSwitch({ theme, className = '' }: { theme: Theme; className?: string }) {
  return (
    <form action={setTheme} className={className}>
      <fieldset className="flex items-center gap-1">
        <legend className="sr-only">Theme</legend>
        <span aria-hidden="true" className="mr-1 text-xs text-slate-600">
          Theme
        </span>
        {THEMES.map((t) => (
          <button key={t} type="submit" name="theme" value={t} aria-pressed={theme === t} className="theme-option">
            {LABELS[t]}
          </button>
        ))}
      </fieldset>
    </form>
  )
}

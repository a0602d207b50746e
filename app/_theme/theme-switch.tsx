import { currentTheme, THEMES } from './theme'
import { setTheme } from './theme-action'

const LABELS = { system: 'System', light: 'Light', dark: 'Dark' } as const

/** Three buttons in one POST form: it works without JavaScript; the current one is pressed. */
export async function ThemeSwitch({ className = '' }: { className?: string }) {
  const theme = await currentTheme()
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

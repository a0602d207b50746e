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
          <button
            key={t}
            type="submit"
            name="theme"
            value={t}
            aria-pressed={theme === t}
            className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-100 aria-pressed:border-indigo-700 aria-pressed:bg-indigo-50 aria-pressed:font-semibold aria-pressed:text-indigo-800"
          >
            {LABELS[t]}
          </button>
        ))}
      </fieldset>
    </form>
  )
}

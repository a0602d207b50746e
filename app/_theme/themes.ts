/** The browser's choice of theme; "system" (no cookie) follows prefers-color-scheme. Shared with the client's theme buttons. */
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

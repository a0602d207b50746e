import type { Page } from '@playwright/test'

/** The filter toolbar's disclosure for `label` ("Role ▾", "Role: 2"). */
export const filterMenu = (page: Page, label: string) => page.getByRole('search').locator('summary', { hasText: new RegExp(`^${label}`) })

/**
 * Opens a filter of the toolbar and ticks `options` (checkboxes) or picks one
 * (radios). With JavaScript each change applies at once; without, press Apply.
 */
export async function chooseFilter(page: Page, label: string, ...options: string[]) {
  const menu = filterMenu(page, label)
  const panel = menu.locator('xpath=..')
  // An attribute, not evaluate(): this also runs in pages with JavaScript off.
  if ((await panel.getAttribute('open')) === null) await menu.click()
  for (const option of options) {
    const box = panel.getByRole('checkbox', { name: option, exact: true })
    if (await box.count()) await box.check()
    else await panel.getByRole('radio', { name: option, exact: true }).check()
  }
}

import { UAParser } from 'ua-parser-js'

/**
 * "Chrome 131 on Windows", "Safari 17 on iOS", "curl 8": a User-Agent header as
 * an admin reads it. ua-parser-js 1.x (MIT; 2.x is AGPL) does the parsing. What it
 * can't name is said plainly; the raw string stays available to show on request.
 */
export function describeUserAgent(raw: string | null | undefined): string {
  if (!raw) return 'Unknown'
  const { browser, os } = new UAParser(raw).getResult()
  const name = browser.name ? [browser.name, browser.major].filter(Boolean).join(' ') : null
  // ua-parser-js 1.x still says "Mac OS"; Apple's name since 2016 is macOS.
  const osName = os.name === 'Mac OS' ? 'macOS' : os.name
  const system = osName
    ? [osName, osName === 'Windows' || osName === 'macOS' ? undefined : os.version?.split('.')[0]].filter(Boolean).join(' ')
    : null
  if (name && system) return `${name} on ${system}`
  if (name) return name
  const tool = /^([A-Za-z][\w.-]{0,30})\/(\d+)/.exec(raw)
  if (tool) return `${tool[1]} ${tool[2]}`
  return system ? `Unknown browser on ${system}` : 'Unknown browser'
}

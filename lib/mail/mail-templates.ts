import 'server-only'

/**
 * The mails Switchboard sends, as text and HTML. A body never holds a
 * password, token or secret of its own: where a link goes, it says `{{link}}`
 * and the sender puts the (sealed until then) link in at sending.
 */
export const LINK_PLACEHOLDER = '{{link}}'

export interface MailContent {
  subject: string
  text: string
  html: string
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function layout(workspace: string, paragraphs: string[], button?: { label: string }): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join('')
  const cta = button
    ? `<p style="margin:24px 0"><a href="${LINK_PLACEHOLDER}" style="background:#4338ca;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(button.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#475569">Or paste this address into your browser: ${LINK_PLACEHOLDER}</p>`
    : ''
  return (
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px">` +
    `<p style="font-size:12px;letter-spacing:.05em;text-transform:uppercase;color:#4338ca">Switchboard · ${escapeHtml(workspace)}</p>` +
    `${body}${cta}</body></html>`
  )
}

/** "1 December 2026, 21:05 UTC" in the workspace's time zone. */
export function mailTime(at: Date, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone, hour12: false }).format(at)
  return `${formatted} (${timeZone})`
}

export function invitationMail(p: {
  workspace: string
  fullName: string
  username: string
  expiresAt: Date
  timeZone: string
}): MailContent {
  const lines = [
    `Hello ${p.fullName},`,
    `You have been invited to the ${p.workspace} workspace of Switchboard. Your username is ${p.username}.`,
    `Set your password with the link below. It can be used once and works until ${mailTime(p.expiresAt, p.timeZone)}.`,
  ]
  return {
    subject: `Your invitation to ${p.workspace} on Switchboard`,
    text: `${lines.join('\n\n')}\n\n${LINK_PLACEHOLDER}\n\nIf you weren't expecting this, you can ignore this email.\n`,
    html: layout(p.workspace, lines, { label: 'Set your password' }),
  }
}

export function passwordResetMail(p: { workspace: string; fullName: string; expiresAt: Date; timeZone: string }): MailContent {
  const lines = [
    `Hello ${p.fullName},`,
    `Someone asked to reset your password for the ${p.workspace} workspace of Switchboard.`,
    `Choose a new one with the link below. It can be used once and works until ${mailTime(p.expiresAt, p.timeZone)}; then every session of yours is signed out.`,
  ]
  return {
    subject: `Reset your Switchboard password (${p.workspace})`,
    text: `${lines.join('\n\n')}\n\n${LINK_PLACEHOLDER}\n\nIf you didn't ask for this, ignore this email: your password stays as it is.\n`,
    html: layout(p.workspace, lines, { label: 'Reset password' }),
  }
}

export function testMail(p: { workspace: string; requestedBy: string }): MailContent {
  const lines = [`This is a test email from the ${p.workspace} workspace of Switchboard, sent by ${p.requestedBy}.`, 'Mail is working.']
  return { subject: `Switchboard test email (${p.workspace})`, text: `${lines.join('\n\n')}\n`, html: layout(p.workspace, lines) }
}

import type { AuditAction } from './record-audit'

/** What each audited action is called in the audit log. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  'workspace.create': 'Workspace created',
  'workspace.update': 'Workspace settings changed',
  'user.create': 'User created',
  'user.update': 'User changed',
  'user.password_change': 'Password changed',
  'user.activate': 'User activated',
  'user.deactivate': 'User deactivated',
  'user.delete': 'User deleted',
  'user.restore': 'User restored',
  'user.sign_out': 'User signed out',
  'user.invite': 'Invitation sent',
  'user.password_reset_send': 'Password reset sent',
  'user.two_factor_on': 'Two-factor authentication turned on',
  'user.two_factor_off': 'Two-factor authentication turned off',
  'user.two_factor_reset': 'Two-factor authentication reset',
  'user.passkey_add': 'Passkey added',
  'user.passkey_remove': 'Passkey removed',
  'mail.test': 'Test email sent',
  'token.create': 'API token created',
  'token.revoke': 'API token revoked',
  'extension.create': 'Extension created',
  'extension.create_range': 'Extension range created',
  'extension.update': 'Extension changed',
  'extension.delete': 'Extension deleted',
  'extension.sip_reveal': 'SIP password shown',
  'profile.create': 'Profile created',
  'profile.update': 'Profile changed',
  'profile.delete': 'Profile deleted',
  'group.create': 'Group created',
  'group.update': 'Group renamed',
  'group.delete': 'Group deleted',
  'group.add_member': 'Member added to group',
  'group.remove_member': 'Member removed from group',
  'group.add_manager': 'Group manager added',
  'group.remove_manager': 'Group manager removed',
  'directory.regenerate': 'Directory URL regenerated',
  'users.export': 'Users exported',
  'users.import': 'Users imported',
  'extensions.import': 'Extensions imported',
  'reports.users.export': 'Users report exported',
  'sso.update': 'Single sign-on changed',
  'sso.remove': 'Single sign-on removed',
  'scim.token_create': 'SCIM token generated',
  'scim.token_revoke': 'SCIM token revoked',
  'webhook.create': 'Webhook created',
  'webhook.update': 'Webhook changed',
  'webhook.delete': 'Webhook deleted',
  'webhook.secret_reveal': 'Webhook secret shown',
  'webhook.secret_rotate': 'Webhook secret rotated',
  'webhook.test': 'Webhook test event sent',
  'webhook.redeliver': 'Webhook event sent again',
  'webhook.disable': 'Webhook switched off after failing',
}

/** The kinds of object an entry is about, for the Object filter. */
export const OBJECT_LABELS = {
  user: 'User',
  extension: 'Extension',
  profile: 'Profile',
  group: 'Group',
  workspace: 'Workspace',
  users: 'Users export',
  import: 'Import',
  report: 'Report',
  mail: 'Email',
  sso: 'Single sign-on',
  scim_token: 'SCIM token',
  webhook: 'Webhook',
} as const

/** Field names as the forms call them; anything else is spelled out from its name (hideFromDirectory → Hide from directory). */
const FIELD_LABELS: Record<string, string> = {
  groupIds: 'Groups',
  profileId: 'Profile',
  extensionId: 'Extension',
  extensionType: 'Extension type',
  forceLogin: 'Force login',
  fullName: 'Full name',
  expiresAt: 'Expires',
  timeZone: 'Time zone',
  tokenId: 'Token',
  voicemailEnabled: 'Voicemail on',
  voicemailEmail: 'Voicemail email',
}

export function fieldLabel(key: string): string {
  if (FIELD_LABELS[key]) return FIELD_LABELS[key]
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const actionLabel = (action: string) => (ACTION_LABELS as Record<string, string>)[action] ?? action

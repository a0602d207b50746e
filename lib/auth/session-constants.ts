/** A dashboard session lasts one long shift; signing in again starts a new one. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60
/** How often a request refreshes the session's last-seen time (force login reads it). */
export const SESSION_TOUCH_SECONDS = 60

import { singleLineText } from '@/lib/validation/text'

/** A group's name: unique per workspace, any case (the database's index says so too). */
export const groupNameSchema = singleLineText().trim().min(1, 'Give the group a name.').max(100, 'Use at most 100 characters.')

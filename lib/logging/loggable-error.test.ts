import { DrizzleQueryError } from 'drizzle-orm/errors'
import { describe, expect, it } from 'vitest'
import { loggableError } from './loggable-error'

describe('loggableError', () => {
  it('keeps a query error’s text and cause but drops its parameters', () => {
    const cause = new Error('duplicate key value violates unique constraint')
    const logged = loggableError(new DrizzleQueryError('insert into users (password_hash) values ($1)', ['$argon2id$v=19$SECRET'], cause))
    expect(JSON.stringify(logged)).not.toContain('SECRET')
    expect(logged).toEqual({ query: 'insert into users (password_hash) values ($1)', cause })
  })
  it('passes other errors through', () => {
    const e = new Error('x')
    expect(loggableError(e)).toBe(e)
  })
})

import { describe, expect, it } from 'vitest'
import { commonPasswordCount, passwordProblem } from './password-policy'

const person = { username: 'ana.lima', email: 'Ana.Lima@Calls.Example' }

describe('passwordProblem', () => {
  it('accepts a long password that is nobody’s and on no list', () => {
    expect(passwordProblem('violet-harbour-42-kettle', person)).toBeNull()
  })

  it.each([
    ['11 characters', 'abcdefghijk', /at least 12/],
    ['129 characters', 'x'.repeat(129), /at most 128/],
    ['the username inside', 'my-ANA.LIMA-secret', /username/],
    ['the email’s local part inside', 'xxana.limaxx!', /username|email/],
    ['a common password (12+ characters, any case)', 'Password1234', /too common/],
  ])('refuses %s', (_name, password, message) => {
    expect(passwordProblem(password, person)).toMatch(message)
  })

  it('counts characters, not bytes: 12 emoji are 12 characters', () => {
    expect(passwordProblem('🔒'.repeat(12), person)).toBeNull()
  })

  it('checks the email local part even when the username differs', () => {
    expect(passwordProblem('zz-support.desk-zz', { username: 'sd01', email: 'support.desk@example.test' })).toMatch(/email/)
  })

  it('ships a real common-password list (at least 10,000 entries)', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000)
  })
})

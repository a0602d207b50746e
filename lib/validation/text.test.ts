import { describe, expect, it } from 'vitest'
import { multiLineText, singleLineText } from './text'
import { searchTerm, TEXT_MESSAGES, textProblem } from './text-rules'

describe('the shared text rule', () => {
  it('refuses NUL, other controls, lone surrogates and bidi overrides in single-line text', () => {
    expect(textProblem('Ada Lovelace')).toBeNull()
    expect(textProblem('Zoë 🙂 Łukasz')).toBeNull()
    expect(textProblem('a\u0000b')).toBe(TEXT_MESSAGES.control)
    expect(textProblem('a\tb')).toBe(TEXT_MESSAGES.control)
    expect(textProblem('a\uD800b')).toBe(TEXT_MESSAGES.illFormed)
    expect(textProblem('\uDC00')).toBe(TEXT_MESSAGES.illFormed)
    expect(textProblem('admin\u202Egnp.exe')).toBe(TEXT_MESSAGES.bidi)
  })
  it('allows tab and newlines in multi-line text, nothing else', () => {
    expect(textProblem('line 1\r\n\tline 2', true)).toBeNull()
    expect(textProblem('a\u0000', true)).toBe(TEXT_MESSAGES.control)
    expect(textProblem('a\u0007', true)).toBe(TEXT_MESSAGES.control)
  })
  it('works as a zod schema that still chains trim and max', () => {
    const name = singleLineText().trim().min(1).max(5)
    expect(name.parse('  abc ')).toBe('abc')
    expect(name.safeParse('a\u0000').error?.issues[0]?.message).toBe(TEXT_MESSAGES.control)
    expect(name.safeParse('abcdefg').success).toBe(false)
    expect(multiLineText().safeParse('a\nb').success).toBe(true)
  })
  it('turns a URL’s search term into something safe to search with', () => {
    expect(searchTerm(['first', 'second'])).toBe('first')
    expect(searchTerm('a\u0000b\uD800c')).toBe('a b c')
    expect(searchTerm({ not: 'a string' })).toBe('')
    expect(searchTerm('x'.repeat(500))).toHaveLength(200)
  })
})

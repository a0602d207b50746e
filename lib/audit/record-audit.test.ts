import { describe, expect, it } from 'vitest'
import { redact } from './record-audit'

describe('audit redaction', () => {
  it('redacts secret-looking fields at any depth and keeps the rest', () => {
    expect(
      redact({
        username: 'ada',
        password: 'p',
        nested: { sipSecret: 'x', voicemailPin: '1234', tokenHash: 'h', ok: 1 },
        list: [{ apiToken: 't' }],
      }),
    ).toEqual({
      username: 'ada',
      password: '[redacted]',
      nested: { sipSecret: '[redacted]', voicemailPin: '[redacted]', tokenHash: '[redacted]', ok: 1 },
      list: [{ apiToken: '[redacted]' }],
    })
  })
  it('leaves empty secret fields visible as empty', () => {
    expect(redact({ password: null })).toEqual({ password: null })
  })
})

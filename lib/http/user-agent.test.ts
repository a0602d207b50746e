import { describe, expect, it } from 'vitest'
import { describeUserAgent } from './user-agent'

describe('describeUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome 131 on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Mobile Safari 17 on iOS 17',
    ],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 on macOS'],
    ['curl/8.5.0', 'curl 8'],
    ['', 'Unknown'],
    ['%%%', 'Unknown browser'],
  ])('%s → %s', (raw, expected) => {
    expect(describeUserAgent(raw)).toBe(expected)
  })
})

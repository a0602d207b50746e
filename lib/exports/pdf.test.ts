import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ExportRow } from '@/lib/users/list-export-columns'
import { buildUsersPdf, PDF_ROW_HEIGHT } from './pdf'

const row = (i: number, over: Partial<ExportRow> = {}): ExportRow => ({
  fullName: `Person ${String(i).padStart(3, '0')}`,
  username: `person.${String(i).padStart(3, '0')}`,
  email: `person.${i}@calls.example`,
  extension: String(1000 + i),
  extensionType: 'SIP',
  role: 'Agent',
  profile: 'Default agent',
  groups: 'Sales',
  status: 'active',
  forceLogin: i % 2 === 0,
  lastLoginAt: new Date('2026-11-20T09:00:00Z'),
  createdAt: new Date('2026-01-02T03:04:05Z'),
  ...over,
})

interface Item {
  str: string
  x: number
  y: number
}

async function pages(rows: ExportRow[]): Promise<Item[][]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const data = new Uint8Array(
    buildUsersPdf(rows, {
      workspace: 'Acme',
      filters: 'Status: Active; sorted by Full name',
      generatedAt: new Date('2026-11-23T10:00:00Z'),
    }),
  )
  const pdf = await getDocument({ data, standardFontDataUrl: `${path.resolve('node_modules/pdfjs-dist/standard_fonts')}/` }).promise
  const out: Item[][] = []
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent()
    out.push(
      content.items.flatMap((it) =>
        'str' in it && it.str.trim() ? [{ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number }] : [],
      ),
    )
  }
  return out
}

describe('users PDF', () => {
  it('repeats title, filters, time and the header on every page, numbers the pages, and keeps every row once, in order, on one line', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(i))
    const got = await pages(rows)
    expect(got.length).toBeGreaterThan(2)
    const usernames: string[] = []
    got.forEach((items, p) => {
      const strs = items.map((i) => i.str)
      expect(strs).toEqual(
        expect.arrayContaining([
          'Users — Acme',
          'Status: Active; sorted by Full name',
          'Generated 2026-11-23 10:00 UTC',
          `Page ${p + 1} of ${got.length}`,
        ]),
      )
      expect(strs).toEqual(
        expect.arrayContaining([
          'Full name',
          'Username',
          'Email',
          'Extension',
          'Extension type',
          'Role',
          'Profile',
          'Groups',
          'Status',
          'Force login',
          'Last login (UTC)',
          'Created (UTC)',
        ]),
      )
      // A row's cells share a baseline: the username, email and created time of row n sit on one line.
      for (const u of items.filter((i) => i.str.startsWith('person.') && !i.str.includes('@'))) {
        usernames.push(u.str)
        const n = Number(u.str.slice('person.'.length))
        const line = items.filter((i) => Math.abs(i.y - u.y) < 0.5).map((i) => i.str)
        expect(line).toEqual([
          `Person ${u.str.slice(7)}`,
          u.str,
          `person.${n}@calls.example`,
          String(1000 + n),
          'SIP',
          'Agent',
          'Default agent',
          'Sales',
          'active',
          n % 2 === 0 ? 'Yes' : 'No',
          '2026-11-20 09:00:00',
          '2026-01-02 03:04:05',
        ])
      }
    })
    expect(usernames).toEqual(rows.map((r) => r.username))
    // Rows are one row height apart, so the text stays inside its (striped) row all the way down the page.
    const ys = got[0]!.filter((i) => i.str.startsWith('person.') && !i.str.includes('@')).map((i) => i.y)
    for (let i = 1; i < ys.length; i++) expect(ys[i - 1]! - ys[i]!).toBeCloseTo(PDF_ROW_HEIGHT, 1)
  })

  it('cuts a value too long for its column with "…" and keeps the start', async () => {
    const long = 'Alexandra Konstantinopoulou-Vanderbilt de la Fontaine'
    const [items] = await pages([row(1, { fullName: long })])
    const cell = items!.find((i) => i.str.startsWith('Alexandra'))!
    expect(cell.str).toMatch(/^Alexandra Konstantinopoul.*…$/)
    expect(cell.str.length).toBeLessThan(long.length)
  })

  it('still has its title, header and "Page 1 of 1" with no rows', async () => {
    const got = await pages([])
    expect(got).toHaveLength(1)
    expect(got[0]!.map((i) => i.str)).toEqual(expect.arrayContaining(['Users — Acme', 'Full name', 'Page 1 of 1']))
  })
})

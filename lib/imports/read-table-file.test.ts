import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, ImportFileError, readTableFile } from './read-table-file'

const read = (text: string | Uint8Array) => readTableFile(typeof text === 'string' ? Buffer.from(text) : text)
const refusal = async (bytes: string | Uint8Array) => {
  const error = await read(bytes).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportFileError)
  return (error as Error).message
}

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Users')
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

describe('readTableFile', () => {
  it('reads CSV with a BOM, comma or semicolon, mixed line endings, and gives each row its line (quoted cells may span lines)', async () => {
    const comma = await read('\uFEFFUsername,Notes\r\nana,"two\r\nlines"\nbo,x\r\rcy,y\n')
    expect(comma.headers).toEqual(['Username', 'Notes'])
    expect(comma.rows).toEqual([
      { line: 2, cells: ['ana', 'two\nlines'] },
      { line: 4, cells: ['bo', 'x'] },
      { line: 6, cells: ['cy', 'y'] },
    ])
    const semicolon = await read('Username;Full name\nana;Ana, Lima\n')
    expect(semicolon.rows[0]!.cells).toEqual(['ana', 'Ana, Lima'])
  })

  it('keeps formula-looking CSV cells as text', async () => {
    const t = await read('Username,Full name\nana,=HYPERLINK("http://evil")\n')
    expect(t.rows[0]!.cells[1]).toBe('=HYPERLINK("http://evil")')
  })

  it('reads the first sheet of an xlsx; a formula gives its computed value as text, never the formula', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Users')
    sheet.addRow(['Username', 'Extension', 'Full name'])
    sheet.addRow(['ana', 1001, { formula: 'CONCAT("Ana"," Lima")', result: 'Ana Lima' }])
    workbook.addWorksheet('Notes').addRow(['ignored'])
    const t = await read(new Uint8Array(await workbook.xlsx.writeBuffer()))
    expect(t).toMatchObject({
      format: 'xlsx',
      headers: ['Username', 'Extension', 'Full name'],
      rows: [{ line: 2, cells: ['ana', '1001', 'Ana Lima'] }],
    })
  })

  it.each([
    ['an empty file', '', 'This file is empty.'],
    ['blank lines only', '\r\n\r\n', 'This file is empty.'],
    ['a header without rows', 'Username,Email\r\n', 'This file has a header row but no rows to import.'],
    ['binary data', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'This isn’t a CSV or Excel file'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'Old Excel files (.xls) can’t be read'],
    ['a zip that is no workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), 'This file is not a readable Excel workbook'],
    ['an unclosed quote', 'Username,Notes\nana,"open\nbo,x\n', 'Line 2: a quoted cell is never closed.'],
  ])('refuses %s with a clear message', async (_, bytes, message) => {
    expect(await refusal(bytes)).toContain(message)
  })

  it('detects Windows-1252 text and says which line, instead of mangling it', async () => {
    const bytes = Buffer.concat([Buffer.from('Username,Full name\nana,Ana\nze,Jos'), Buffer.from([0xe9]), Buffer.from('\n')])
    expect(await refusal(bytes)).toBe(
      'This file isn’t UTF-8 text (line 3 has a character in another encoding, probably Windows-1252). In Excel choose “CSV UTF-8” when saving, then upload it again.',
    )
  })

  it('refuses more than 20 MB and more than 100,000 rows', async () => {
    expect(await refusal(new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41))).toContain('larger than 20 MB')
    const many = 'Username\n' + 'a\n'.repeat(IMPORT_MAX_ROWS + 1)
    expect(await refusal(many)).toContain('more than 100,000 rows')
    expect((await read('Username\n' + 'a\n'.repeat(IMPORT_MAX_ROWS))).rows).toHaveLength(IMPORT_MAX_ROWS)
    expect(await refusal(await xlsx([['Username'], ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, () => ['a'])]))).toContain(
      'more than 100,000 rows',
    )
  }, 60_000)
})

import Papa from 'papaparse'

/** A whole CSV as the exports write it: UTF-8 with a BOM (Excel reads it right), RFC 4180, CRLF, a final line break. */
export const csvDocument = (rows: string[][]) => '\uFEFF' + Papa.unparse(rows, { newline: '\r\n' }) + '\r\n'

import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { CsvRange } from './csv-split.js';
import type { Cell } from './sources.js';

export type FileFormat = 'csv' | 'xlsx';

/**
 * XLSX is a ZIP (PK\x03\x04); text that decodes as UTF-8 (optional BOM) is CSV; anything else (an
 * image, a PDF, an old .xls, a GBK-encoded CSV) is `null`: refused before a run starts.
 */
export async function sniffFormat(path: string): Promise<FileFormat | null> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return formatOf(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export function formatOf(head: Buffer): FileFormat | null {
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (head.includes(0)) return null;
  // The sample may end inside a multi-byte character: drop up to three trailing bytes of one.
  let end = head.length;
  for (let i = 0; i < 3 && end > 0 && (head[end - 1]! & 0xc0) === 0x80; i++) end--;
  if (end > 0 && (head[end - 1]! & 0xc0) === 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'csv';
  } catch {
    return null;
  }
}

/** The header row of a source as a CSV a department can fill in (UTF-8 with BOM, so Excel opens it in Chinese). */
export function templateCsv(labels: readonly string[]): string {
  return `\uFEFF${labels.map((l) => (/[",\n]/.test(l) ? `"${l.replace(/"/g, '""')}"` : l)).join(',')}\r\n`;
}

function excelCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.result !== undefined) return excelCell(o.result);
    if (o.text !== undefined) return excelCell(o.text);
  }
  return String(v);
}

/**
 * Rows of the file, streamed (a million-row file is never held in memory), with their row numbers
 * (header = 1). With a range (CSV only: splitCsv), only its bytes are read and its rows are numbered
 * from its first row, as in a read of the whole file.
 */
export async function* readRows(path: string, format: FileFormat, range?: CsvRange): AsyncGenerator<{ rowNumber: number; cells: Cell[] }> {
  if (format === 'csv') {
    const stream = range ? createReadStream(path, { start: range.start, ...(range.end === null ? {} : { end: range.end - 1 }) }) : createReadStream(path);
    const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }));
    let n = range ? range.firstRow - 1 : 0;
    for await (const record of parser as AsyncIterable<string[]>) yield { rowNumber: ++n, cells: record };
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      yield { rowNumber: row.number, cells: values.slice(1).map(excelCell) };
    }
    break; // the first worksheet only
  }
}

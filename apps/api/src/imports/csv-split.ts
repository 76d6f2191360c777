import { createReadStream } from 'node:fs';

/** A byte range of a CSV file holding whole records: [start, end) (end null: to the end), its first record's row number. */
export interface CsvRange {
  start: number;
  end: number | null;
  firstRow: number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Splits a CSV file after its header (row 1) into ranges of `rowsPerRange` records, at record
 * boundaries, by one fast scan of the bytes: a record ends at a newline outside quotes (a quoted
 * field may hold newlines; `""` inside quotes toggles twice and changes nothing; CRLF ends at its
 * LF; a BOM is neither). Every line counts as a record, empty ones too, as csv-parse reads them
 * (skip_empty_lines off), so a range's first row number is that of a whole-file read. A file with
 * no record after the header gives no range.
 */
export async function splitCsv(path: string, rowsPerRange: number, chunkBytes = 1 << 20): Promise<CsvRange[]> {
  const ranges: CsvRange[] = [];
  let inQuotes = false;
  let offset = 0; // bytes before the current chunk
  let records = 0; // record terminators seen
  let rangeStart = -1; // byte where the current range starts (after the header's newline)
  let rangeFirstRow = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    let pos = 0;
    let nextQuote = chunk.indexOf(QUOTE, 0);
    while (pos < chunk.length) {
      if (inQuotes) {
        if (nextQuote < 0) break;
        inQuotes = false;
        pos = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, pos);
        continue;
      }
      const nl = chunk.indexOf(NEWLINE, pos);
      if (nextQuote >= 0 && (nl < 0 || nextQuote < nl)) {
        inQuotes = true;
        pos = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, pos);
        continue;
      }
      if (nl < 0) break;
      records++;
      pos = nl + 1;
      const at = offset + pos; // the byte after the newline: the next record starts here
      if (records === 1) {
        rangeStart = at;
        rangeFirstRow = 2;
      } else if ((records - 1) % rowsPerRange === 0) {
        ranges.push({ start: rangeStart, end: at, firstRow: rangeFirstRow });
        rangeStart = at;
        rangeFirstRow = records + 1;
      }
    }
    offset += chunk.length;
  }
  // What follows the last full range (if anything does) is the last range.
  if (rangeStart >= 0 && rangeStart < offset) ranges.push({ start: rangeStart, end: null, firstRow: rangeFirstRow });
  else if (ranges.length) ranges[ranges.length - 1]!.end = null;
  return ranges;
}

/** A range as a job shard's keys: fromKey "start:firstRow", toKey "end" (exclusive) or null. */
export function rangeKeys(r: CsvRange): { fromKey: string; toKey: string | null } {
  return { fromKey: `${r.start}:${r.firstRow}`, toKey: r.end === null ? null : String(r.end) };
}

export function rangeOfKeys(fromKey: string, toKey: string | null): CsvRange {
  const [start, firstRow] = fromKey.split(':').map(Number);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(firstRow)) throw new Error(`bad import shard key ${fromKey}`);
  return { start: start!, end: toKey === null ? null : Number(toKey), firstRow: firstRow! };
}

import { correctIdNumber, validateIdNumber, type ValidIdNumber } from '@zczr/id-card';
import type { ReadChar, ZoneText } from '../engine/tesseract-pool.js';

/** One field as read: what the person is shown to confirm or correct. */
export interface OcrField {
  value: string | null;
  /** 0–1: how sure we are the value is what the document says. */
  confidence: number;
  /** The person must look at it before it is used. Always true for an ID number not proven right. */
  needsConfirmation: boolean;
  /** Why the value was changed or doubted, in Chinese, for the person. */
  note?: string;
  /** Valid numbers that fit the read equally well (ambiguous ID number): the person picks one. */
  candidates?: string[];
}

/** Below this confidence a field is shown for confirmation. */
export const CONFIRM_BELOW = 0.75;

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export function field(value: string | null, confidence: number, opts: { confirm?: boolean; note?: string; candidates?: string[] } = {}): OcrField {
  const c = value === null ? 0 : round2(Math.max(0, Math.min(1, confidence)));
  return {
    value,
    confidence: c,
    needsConfirmation: value === null || opts.confirm === true || c < CONFIRM_BELOW,
    ...(opts.note ? { note: opts.note } : {}),
    ...(opts.candidates?.length ? { candidates: opts.candidates } : {}),
  };
}

export const unread = (note?: string): OcrField => field(null, 0, { note });

/** Mean confidence of characters (1 for none). */
export function meanConf(chars: readonly ReadChar[]): number {
  return chars.length ? chars.reduce((s, c) => s + c.conf, 0) / chars.length : 1;
}

export function minConf(chars: readonly ReadChar[]): number {
  return chars.reduce((m, c) => Math.min(m, c.conf), 1);
}

/** All characters of a zone's lines, in reading order. */
export function charsOf(z: ZoneText): ReadChar[] {
  return z.lines.flatMap((l) => l.chars);
}

// ---------------------------------------------------------------------------------------------
// ID numbers

/** Runs of characters OCR produces for ID digits (look-alikes included; correctIdNumber maps them). */
const ID_RUN = /[0-9XxKk×OoDQUIil|!ZzSsGbTBgq]+/g;

/** The longest run of ID-like characters in a read (spaces removed). */
export function idCharsIn(text: string): string {
  // Full-width digits and letters (１, Ｘ) as ASCII first, as correctIdNumber reads them: some engines return them for a wide font.
  return (text.normalize('NFKC').replace(/\s+/g, '').match(ID_RUN) ?? []).reduce((best, run) => (run.length > best.length ? run : best), '');
}

export interface IdReading {
  /** Every valid number this read could be (one when certain or corrected). */
  candidates: string[];
  status: 'valid' | 'corrected' | 'ambiguous' | 'invalid';
  raw: string;
  conf: number;
}

/** Every way of dropping `n` characters from `text`. */
function withoutChars(text: string, n: number): string[] {
  if (n === 0) return [text];
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) for (const rest of withoutChars(text.slice(0, i) + text.slice(i + 1), n - 1)) out.add(rest);
  return [...out];
}

export function interpretIdRead(raw: string, conf: number, today?: Date): IdReading {
  const text = idCharsIn(raw);
  if (text.length === 19 || text.length === 20) {
    // The engine sometimes reads a bold digit twice ("5101231992603140611"): the numbers left by
    // dropping the extra characters that pass the check are candidates, never certain.
    const found = new Set<string>();
    for (const t of withoutChars(text, text.length - 18)) {
      const v = validateIdNumber(t, { today });
      if (v.valid) found.add(v.idNumber);
    }
    const candidates = [...found].sort();
    if (candidates.length) return { candidates, status: candidates.length === 1 ? 'corrected' : 'ambiguous', raw: text, conf };
  }
  const c = correctIdNumber(text.length > 18 ? text.slice(text.length - 18) : text, { today });
  return { candidates: c.candidates, status: c.status, raw: text, conf };
}

export interface IdDecision {
  field: OcrField;
  /** The number's own facts when one number was settled on. */
  parsed: ValidIdNumber | null;
}

/**
 * Settles the ID number from independent reads (different scales of the same zone). Certain only
 * when two reads give the same valid number and no read gives another valid one; a number found by
 * repairing a character, or seen once, is offered but flagged. A wrong number is never unflagged.
 * `corroborated`: a number the document itself vouches for beyond its check digit (its birth date
 * and sex printed apart, read apart): one direct read of it, contradicted by no other, is enough.
 */
export function decideIdNumber(reads: readonly IdReading[], today?: Date, corroborated: string | null = null): IdDecision {
  const votes = new Map<string, { direct: number; repaired: number }>();
  for (const r of reads) {
    if (r.status === 'valid') {
      const v = votes.get(r.candidates[0]!) ?? { direct: 0, repaired: 0 };
      v.direct++;
      votes.set(r.candidates[0]!, v);
    } else if (r.status === 'corrected' || r.status === 'ambiguous') {
      for (const c of r.candidates) {
        const v = votes.get(c) ?? { direct: 0, repaired: 0 };
        v.repaired++;
        votes.set(c, v);
      }
    }
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1].direct * 2 + b[1].repaired - (a[1].direct * 2 + a[1].repaired));
  if (ranked.length === 0) {
    const longest = reads.map((r) => r.raw).sort((a, b) => b.length - a.length)[0] ?? '';
    return { field: field(longest || null, 0.1, { confirm: true, note: '身份证号码未能识别或校验位不符，请对照证件录入' }), parsed: null };
  }
  const [top, topVotes] = ranked[0]!;
  const parsed = validateIdNumber(top, { today });
  const others = ranked.slice(1).filter(([, v]) => v.direct > 0 || v.repaired >= topVotes.repaired);
  const directOthers = ranked.slice(1).some(([, v]) => v.direct > 0);
  const meanReadConf = reads.reduce((s, r) => s + r.conf, 0) / Math.max(1, reads.length);
  if ((topVotes.direct >= 2 || (topVotes.direct === 1 && top === corroborated)) && !directOthers) {
    return { field: field(top, Math.min(0.99, 0.9 + 0.1 * meanReadConf)), parsed: parsed.valid ? parsed : null };
  }
  const candidates = [top, ...others.map(([c]) => c)].slice(0, 5);
  const note =
    topVotes.direct >= 1
      ? '身份证号码只有一次读数通过校验，请核对'
      : candidates.length > 1
        ? '身份证号码有个别字符不清，以下号码均可能，请对照证件选择'
        : '身份证号码经单字符纠错后通过校验，请核对';
  return {
    field: field(top, topVotes.direct >= 1 ? 0.7 : 0.5, { confirm: true, note, candidates: candidates.length > 1 ? candidates : undefined }),
    parsed: parsed.valid ? parsed : null,
  };
}

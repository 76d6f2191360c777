/**
 * Repairing ID numbers read by OCR from a card photo. The check character makes a single wrong
 * digit detectable (MOD 11-2 catches every single substitution), and a small table of look-alike
 * characters makes it fixable — but only when exactly one repair is possible. Anything else goes
 * back to a person: a confidently wrong ID number is worse than an unread one.
 */
import { normaliseIdInput, validateIdNumber, type ValidateIdOptions } from './id-number.js';

/** Pairs of digits that OCR confuses in either direction. */
const DIGIT_CONFUSIONS: ReadonlyArray<readonly [string, string]> = [
  ['1', '7'],
  ['3', '8'],
  ['5', '6'],
  ['0', '8'],
  ['6', '8'],
  ['0', '9'],
];

/** Non-ID characters OCR produces in place of one; each has a single obvious reading. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  U: '0',
  I: '1',
  i: '1',
  l: '1',
  '|': '1',
  '!': '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  G: '6',
  b: '6',
  T: '7',
  B: '8',
  g: '9',
  q: '9',
  x: 'X',
  K: 'X',
  '×': 'X',
};

function buildConfusions(): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const [read, meant] of Object.entries(LOOK_ALIKES)) table[read] = [meant];
  for (const [a, b] of DIGIT_CONFUSIONS) {
    (table[a] ??= []).push(b);
    (table[b] ??= []).push(a);
  }
  return table;
}

/**
 * Character as read → characters it may really be. Letters and symbols have exactly one reading
 * and are replaced up front; digit entries are symmetric, so whatever a digit was misread as, the
 * original is among the candidates tried.
 */
export const OCR_CONFUSIONS: Readonly<Record<string, readonly string[]>> = buildConfusions();

export interface IdNumberCorrection {
  /**
   * valid: the read (after replacing look-alike letters) is a valid number;
   * corrected: exactly one single-character fix makes it valid;
   * ambiguous: several fixes do — a person must choose (see candidates);
   * invalid: nothing in the table fixes it.
   */
  status: 'valid' | 'corrected' | 'ambiguous' | 'invalid';
  /** The valid/corrected number, otherwise the normalised read. */
  value: string;
  /** Valid numbers found (one for valid/corrected, several for ambiguous, none for invalid). */
  candidates: string[];
}

function replaceLookAlikes(read: string): string {
  return [...read].map((c) => LOOK_ALIKES[c] ?? c).join('');
}

export function correctIdNumber(read: string, opts?: ValidateIdOptions): IdNumberCorrection {
  // Look-alikes first, so that 'x' and 'K' become 'X' before normaliseIdInput uppercases them.
  const value = normaliseIdInput(replaceLookAlikes(read.normalize('NFKC')));
  const direct = validateIdNumber(value, opts);
  if (direct.valid) return { status: 'valid', value: direct.idNumber, candidates: [direct.idNumber] };

  // Only 18-character reads are repaired: without a check character (15-digit numbers) a
  // plausible-looking substitution proves nothing.
  if (value.length !== 18) return { status: 'invalid', value, candidates: [] };

  const found = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    for (const replacement of OCR_CONFUSIONS[value.charAt(i)] ?? []) {
      if (replacement === 'X' && i !== 17) continue; // X only exists as the check character
      const candidate = validateIdNumber(value.slice(0, i) + replacement + value.slice(i + 1), opts);
      if (candidate.valid) found.add(candidate.idNumber);
    }
  }
  const candidates = [...found].sort();
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) return { status: 'corrected', value: only, candidates };
  return { status: candidates.length > 1 ? 'ambiguous' : 'invalid', value, candidates };
}

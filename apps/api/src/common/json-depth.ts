/**
 * Whether a JSON text nests objects/arrays deeper than `limit`. One pass over the bytes, strings and
 * escapes skipped, so a 5,000-deep body is refused before JSON.parse and class-transformer recurse.
 */
export function jsonDeeperThan(buf: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The error body-parser passes on; the exception filter answers it as JSON_TOO_DEEP. */
export const JSON_TOO_DEEP_TYPE = 'entity.too.deep';

/** body-parser `verify` hook: refuses over-deep JSON with a 400 before it is parsed. */
export function rejectDeepJson(limit: number) {
  return (_req: unknown, _res: unknown, buf: Buffer): void => {
    if (jsonDeeperThan(buf, limit))
      throw Object.assign(new Error(`${JSON_TOO_DEEP_TYPE}: JSON nested deeper than ${limit}`), { status: 400, type: JSON_TOO_DEEP_TYPE });
  };
}

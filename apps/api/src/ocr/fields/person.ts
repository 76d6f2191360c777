import type { ValidIdNumber } from '@zczr/id-card';
import type { ReadChar, ZoneText } from '../engine/tesseract-pool.js';
import { closestWord } from '../text/fuzzy.js';
import { ETHNIC_GROUPS, isGb2312Hanzi, startsWithSurname } from '../text/vocabulary.js';
import { field, meanConf, minConf, unread, type OcrField } from './field.js';

/** 2–4 Chinese characters; minority names may join parts with a middle dot. */
export const NAME_PATTERN = /^[\u3400-\u9fff](?:·?[\u3400-\u9fff]){1,3}$/;

const LABEL_REMNANTS = /^(姓名|姓|名)/;

/** The name as one read gives it: Chinese characters of the fullest line, label remnants dropped. */
function nameChars(z: ZoneText): ReadChar[] {
  let best: ReadChar[] = [];
  for (const line of z.lines) {
    const chars = line.chars.filter((c) => /[\u3400-\u9fff·]/.test(c.ch));
    if (chars.length > best.length) best = chars;
  }
  const text = best.map((c) => c.ch).join('');
  const cut = LABEL_REMNANTS.exec(text)?.[0].length ?? 0;
  // Only strip a remnant if a plausible name is left.
  return cut && best.length - cut >= 2 ? best.slice(cut) : best;
}

/**
 * The name from several reads of its zone (different scales): the most common length wins, then
 * each character by summed confidence. Any disagreement between reads, a weak character or a
 * shape that is not a name sends it for confirmation.
 */
export function decideName(reads: readonly ZoneText[]): OcrField {
  const options = reads.map(nameChars).filter((c) => c.length > 0);
  if (options.length === 0) return unread('未能识别姓名，请对照证件录入');
  const byLength = new Map<number, ReadChar[][]>();
  for (const o of options) byLength.set(o.length, [...(byLength.get(o.length) ?? []), o]);
  const [, group] = [...byLength.entries()].sort((a, b) => b[1].length - a[1].length || meanConf(b[1][0]!) - meanConf(a[1][0]!))[0]!;
  const chosen: ReadChar[] = [];
  let disagreement = group.length < options.length;
  for (let i = 0; i < group[0]!.length; i++) {
    const score = new Map<string, number>();
    for (const g of group) score.set(g[i]!.ch, (score.get(g[i]!.ch) ?? 0) + Math.max(0.05, g[i]!.conf));
    const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1) disagreement = true;
    chosen.push({ ch: ranked[0]![0], conf: ranked[0]![1] / group.length });
  }
  const value = chosen.map((c) => c.ch).join('');
  const shapeOk = NAME_PATTERN.test(value);
  const agreement = group.length / options.length;
  const confidence = Math.min(meanConf(chosen) * agreement, minConf(chosen) + 0.2);
  const note = !shapeOk ? '姓名应为2至4个汉字，请核对' : disagreement ? '姓名有字识别不一致，请核对' : undefined;
  return field(value, shapeOk ? confidence : Math.min(confidence, 0.4), { confirm: !shapeOk || disagreement, note });
}

/**
 * A read of a name with a stray mark before it taken off: a label's remnant or a speck read as a
 * character (作郑鹏, 名张三) — when the read does not begin with a surname and the rest is a name that
 * does. Anything else is returned as read.
 */
export function withoutStrayMark(read: string): string {
  const chars = [...read];
  if (chars.length < 3 || startsWithSurname(read)) return read;
  const rest = chars.slice(1).join('');
  return NAME_PATTERN.test(rest) && startsWithSurname(rest) ? rest : read;
}

/**
 * The name to show from several reads of it, the first reader's first: the one most reads agree on
 * when at least two do — a read counts for itself and for itself with a stray mark taken off, and on a
 * tie the read as made wins — else, for three reads of one length, the majority of each character,
 * else the likeliest read by likelierName, in reader order. `hanName`:
 * whether the holder is Han (a Tibetan 德吉措姆 has no surname, and 德 is no stray mark: off, reads count as made).
 */
export function voteName(reads: readonly string[], hanName = true): string {
  const made = reads.filter((r) => r.length > 0);
  const clean = (r: string): string => (hanName ? withoutStrayMark(r) : r);
  const votes = new Map<string, number>();
  for (const r of made) for (const v of new Set([r, clean(r)])) votes.set(v, (votes.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [candidate, n] of votes) {
    const b = best === null ? 0 : votes.get(best)!;
    if (n >= 2 && (n > b || (n === b && made.includes(candidate) && !made.includes(best!)))) best = candidate;
  }
  if (best !== null) return best;
  // Three or more reads of one length, none agreeing whole: character by character, the majority
  // (曹金风, 曹金凤, 草金凤 → 曹金凤); a position without one keeps the first reader's character.
  const columns = [made, made.map(clean)].map((rs) => rs.map((r) => [...r])).find((rs) => rs.length >= 3 && rs.every((r) => r.length === rs[0]!.length));
  if (columns) {
    return columns[0]!
      .map((ch, i) => {
        const column = columns.map((r) => r[i]!);
        return column.find((c) => column.filter((x) => x === c).length * 2 > column.length) ?? ch;
      })
      .join('');
  }
  return made.reduce((a, b) => likelierName(a, b, hanName));
}

/**
 * Of two different reads of one name (the first reader's, then the second's), the one to show first;
 * both are offered and the field is flagged either way. A read that is a name (2–4 hanzi) beats one
 * that is not (丁 for 丁鑫); then one that begins with a surname beats one that does not (作郑鹏, an
 * extra stroke before 郑鹏; not for a holder who is not Han: `hanName`); then, where they differ only in characters outside everyday simplified
 * print in the first read, the second's simplified ones (會 for 曾); else the first reader's.
 */
export function likelierName(first: string, other: string, hanName = true): string {
  const shape = [NAME_PATTERN.test(first), NAME_PATTERN.test(other)];
  if (shape[0] !== shape[1]) return shape[1] ? other : first;
  if (!shape[0]) return first;
  const surname = [startsWithSurname(first), startsWithSurname(other)];
  if (hanName && surname[0] !== surname[1]) return surname[1] ? other : first;
  const mine = [...first];
  const theirs = [...other];
  const onlyUncommon =
    theirs.length === mine.length &&
    mine.some((ch, i) => ch !== theirs[i]) &&
    mine.every((ch, i) => ch === theirs[i] || (!isGb2312Hanzi(ch) && isGb2312Hanzi(theirs[i]!)));
  return onlyUncommon ? other : first;
}

const SEX_FROM_ID = { male: '男', female: '女' } as const;

/** Sex: the number decides (odd sequence = male); the printed one is a check. */
export function decideSex(printed: ReadChar | null, id: ValidIdNumber | null, idCertain: boolean): OcrField {
  const fromId = id ? SEX_FROM_ID[id.sex] : null;
  if (!fromId) {
    if (!printed) return unread('未能识别性别');
    return field(printed.ch, printed.conf, { confirm: true, note: '身份证号码未确认，性别按证面读取，请核对' });
  }
  if (!printed) return field(fromId, idCertain ? 0.95 : 0.6, { confirm: !idCertain, note: '证面性别未能识别，已按身份证号码填写' });
  if (printed.ch === fromId) return field(fromId, idCertain ? 0.99 : Math.max(0.8, printed.conf));
  return field(fromId, idCertain ? 0.9 : 0.5, { confirm: !idCertain, note: `证面性别读作“${printed.ch}”，与身份证号码不符，已按号码填写为“${fromId}”` });
}

/** Birth date: from the number; the printed date is a check. `printed` is YYYY-MM-DD or null. */
export function decideBirthDate(printed: { value: string; conf: number } | null, id: ValidIdNumber | null, idCertain: boolean): OcrField {
  if (!id) {
    if (!printed) return unread('未能识别出生日期');
    return field(printed.value, printed.conf, { confirm: true, note: '身份证号码未确认，出生日期按证面读取，请核对' });
  }
  if (!printed) return field(id.birthDate, idCertain ? 0.95 : 0.6, { confirm: !idCertain, note: '证面出生日期未能识别，已按身份证号码填写' });
  if (printed.value === id.birthDate) return field(id.birthDate, idCertain ? 0.99 : Math.max(0.8, printed.conf));
  return field(id.birthDate, idCertain ? 0.9 : 0.5, { confirm: !idCertain, note: `证面出生日期读作 ${printed.value}，与身份证号码不符，已按号码填写` });
}

/** "1985年3月7日" and misreads of it → 1985-03-07, or null. */
export function parseChineseDate(text: string): { value: string; conf: number } | null {
  const m = /(\d{4})\D{0,2}?(\d{1,2})\D{1,2}?(\d{1,2})/.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const [mo, d] = [Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { value: `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, conf: 0.8 };
}

/** Ethnicity: one of the 56 names (read with a whitelist of their characters). */
export function decideEthnicity(read: readonly ReadChar[]): OcrField {
  const text = read
    .map((c) => c.ch)
    .join('')
    .replace(/^.*?族/, '');
  if (!text) return unread('未能识别民族');
  // Read with a whitelist of these names' characters, where the engine's own confidence is
  // unreliable (often 0 for a character it would have read differently unconstrained).
  if (ETHNIC_GROUPS.includes(text)) return field(text, Math.max(0.8, meanConf(read)));
  // The longest known name inside the read (extra strokes at the edges), else the closest one.
  const inside = ETHNIC_GROUPS.filter((e) => text.includes(e)).sort((a, b) => b.length - a.length)[0];
  if (inside) return field(inside, meanConf(read) * 0.9, { note: inside.length < text.length ? `民族读作“${text}”，已按民族名称更正` : undefined });
  const near = closestWord(text, ETHNIC_GROUPS);
  if (near) return field(near.word, 0.6, { confirm: true, note: `民族读作“${text}”，可能是“${near.word}”，请核对` });
  return field(text, 0.3, { confirm: true, note: '民族不在56个民族名称中，请核对' });
}

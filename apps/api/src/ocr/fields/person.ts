import type { ValidIdNumber } from '@zczr/id-card';
import type { ReadChar, ZoneText } from '../engine/tesseract-pool.js';
import { closestWord } from '../text/fuzzy.js';
import { ETHNIC_GROUPS } from '../text/vocabulary.js';
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

import type { ZoneRecognizer } from '../engine/tesseract-pool.js';
import { decideAddress, matchAuthorityPlaces } from '../fields/address.js';
import { charsOf, decideIdNumber, field, interpretIdRead, meanConf, unread, type IdReading, type OcrField } from '../fields/field.js';
import { decideBirthDate, decideEthnicity, decideName, decideSex, parseChineseDate } from '../fields/person.js';
import type { Box, Page, PageFrame } from '../image/page.js';
import { editDistance } from '../text/fuzzy.js';
import { ETHNIC_CHARS } from '../text/vocabulary.js';

/**
 * The resident ID card (居民身份证, 85.6 × 54 mm), both faces. Zones are in card units of
 * 1712 × 1080 (20 per mm), where the standard layout puts each field; the card is flattened
 * into this frame first, so the zones hold wherever and however the card lay in the photo.
 *
 * Scales (pixels per unit) were chosen with bench/ocr: the engine reads CJK best at glyph
 * heights of ~25–30 px, so the 62-unit name is read at 0.4, not at full size.
 */
export const ID_CARD_FRAME: PageFrame = { width: 1712, height: 1080 };

const FRONT = {
  name: { x0: 270, y0: 125, x1: 1000, y1: 225 },
  sexAndEthnicity: { x0: 270, y0: 250, x1: 1000, y1: 345 },
  birth: { x0: 270, y0: 370, x1: 900, y1: 465 },
  address: { x0: 270, y0: 490, x1: 1040, y1: 800 },
  idNumber: { x0: 530, y0: 865, x1: 1560, y1: 985 },
  /** The portrait, and where it would be on a card upside down. */
  photo: { x0: 1150, y0: 150, x1: 1570, y1: 710 },
  photoTurned: { x0: 142, y0: 370, x1: 562, y1: 930 },
} satisfies Record<string, Box>;

const BACK = {
  authority: { x0: 610, y0: 770, x1: 1660, y1: 870 },
  validity: { x0: 610, y0: 880, x1: 1660, y1: 985 },
  emblem: { x0: 140, y0: 80, x1: 440, y1: 380 },
  emblemTurned: { x0: 1272, y0: 700, x1: 1572, y1: 1000 },
} satisfies Record<string, Box>;

export interface IdCardFront {
  name: OcrField;
  sex: OcrField;
  ethnicity: OcrField;
  birthDate: OcrField;
  address: OcrField;
  idNumber: OcrField;
}

export interface IdCardBack {
  issuingAuthority: OcrField;
  validFrom: OcrField;
  /** YYYY-MM-DD, or 长期 (no expiry). */
  validUntil: OcrField;
}

export interface ReadContext {
  /** The bureau's district: first choice when an address name could be two places. */
  districtCode?: string;
  today?: Date;
}

/** A face turned upside down shows its dark feature (portrait, emblem) where the light one should be. */
function upright(page: Page, feature: Box, turned: Box): Page {
  return page.meanOf(turned) + 12 < page.meanOf(feature) ? page.turned() : page;
}

async function readIdNumber(page: Page, ocr: ZoneRecognizer, scale: number, today?: Date): Promise<IdReading> {
  const z = await ocr.read(page.zone(FRONT.idNumber, scale), { psm: '7', whitelist: '0123456789X' });
  const chars = charsOf(z);
  return interpretIdRead(z.text, meanConf(chars), today);
}

export async function readIdCardFront(photoPage: Page, ocr: ZoneRecognizer, ctx: ReadContext = {}): Promise<IdCardFront> {
  let page = upright(photoPage, FRONT.photo, FRONT.photoTurned);
  // The number first: two reads at different scales must agree for it to be certain.
  const reads = [await readIdNumber(page, ocr, 0.45, ctx.today)];
  if (reads[0]!.status === 'invalid' && reads[0]!.raw.length < 12) {
    // Nothing like a number where it belongs: perhaps the card is upside down after all.
    const turned = page.turned();
    const again = await readIdNumber(turned, ocr, 0.45, ctx.today);
    if (again.status !== 'invalid') {
      page = turned;
      reads[0] = again;
    }
  }
  // More reads, at other scales, until two agree (or six have been taken): each scale misreads
  // differently, so agreement is evidence and the votes of the repairs point to the number.
  let id = decideIdNumber(reads, ctx.today);
  for (const scale of [0.55, 0.5, 0.4, 0.65, 0.75]) {
    if (!id.field.needsConfirmation && reads.length >= 2) break;
    reads.push(await readIdNumber(page, ocr, scale, ctx.today));
    id = decideIdNumber(reads, ctx.today);
  }
  const idCertain = !id.field.needsConfirmation;

  const nameReads = [];
  for (const [sx, sy] of [
    [0.4, 0.4],
    [0.48, 0.4],
    [0.3, 0.3],
  ] as const)
    nameReads.push(await ocr.read(page.zone(FRONT.name, sx, sy), { psm: '7' }));

  const sexLine = charsOf(await ocr.read(page.zone(FRONT.sexAndEthnicity, 0.55), { psm: '7', whitelist: `男女民族${ETHNIC_CHARS}` }));
  const sexIndex = sexLine.findIndex((c) => c.ch === '男' || c.ch === '女');
  const labelEnd = sexLine.findIndex((c) => c.ch === '族');
  const printedSex = sexIndex >= 0 && (labelEnd < 0 || sexIndex < labelEnd) ? sexLine[sexIndex]! : null;
  const ethnicityChars = labelEnd >= 0 ? sexLine.slice(labelEnd + 1) : sexLine.slice(sexIndex + 1).filter((c) => c.ch !== '民');

  const birthRead = await ocr.read(page.zone(FRONT.birth, 0.45), { psm: '7', whitelist: '0123456789年月日' });
  const printedBirth = parseChineseDate(birthRead.text);
  if (printedBirth) printedBirth.conf = meanConf(charsOf(birthRead));

  const addressRead = await ocr.read(page.zone(FRONT.address, 0.55), { psm: '6' });

  return {
    name: decideName(nameReads),
    sex: decideSex(printedSex, id.parsed, idCertain),
    ethnicity: decideEthnicity(ethnicityChars),
    birthDate: decideBirthDate(printedBirth, id.parsed, idCertain),
    address: decideAddress(charsOf(addressRead), ctx.districtCode),
    idNumber: id.field,
  };
}

// ---------------------------------------------------------------------------------------------
// Back

const AUTHORITY = /(公安局|分局|派出所)$/;

/**
 * 签发机关: a police authority; its place names are checked like an address's (matchAuthorityPlaces),
 * `preferDistrict` (the bureau's district) breaking ties.
 */
export function decideAuthority(text: string, conf: number, preferDistrict?: string): OcrField {
  // The label (or what is left of it) and any mark between it and the name (a stray "、" or ":").
  const t = text
    .replace(/\s+/g, '')
    .replace(/^(签发机关|机关|关)/, '')
    .replace(/^[^\u3400-\u9fff]+/, '');
  if (!t) return unread('未能识别签发机关');
  let fixed = t;
  // Common misreads of the fixed words.
  for (const word of ['公安局', '分局', '派出所']) {
    for (let i = 0; i + word.length <= fixed.length; i++) {
      const piece = fixed.slice(i, i + word.length);
      // 公安局 anywhere; 分局 and 派出所 only as the end, and not where the end is already right ("…公安局" is no "…公分局").
      const atEnd = i + word.length === fixed.length && !AUTHORITY.test(fixed);
      if (piece !== word && editDistance(piece, word) === 1 && (atEnd || word === '公安局')) {
        fixed = fixed.slice(0, i) + word + fixed.slice(i + word.length);
      }
    }
  }
  const ok = AUTHORITY.test(fixed) && fixed.length >= 5;
  if (!ok) return field(fixed, Math.min(conf, 0.5), { confirm: true, note: '签发机关应以公安局、分局或派出所结尾，请核对' });
  const places = matchAuthorityPlaces(fixed, preferDistrict);
  if (places && !places.known) return field(fixed, Math.min(conf, 0.5), { confirm: true, note: '签发机关中的地名未能与行政区划对上，请核对' });
  const value = places?.text ?? fixed;
  return field(value, places?.decidedByPreference ? Math.min(conf, 0.6) : conf, {
    confirm: places?.decidedByPreference ?? false,
    note: value !== t ? `签发机关读作“${t}”，已更正${places?.decidedByPreference ? '，请核对' : ''}` : undefined,
  });
}

const DATE = /(\d{4})[.\-·,]?(\d{2})[.\-·,]?(\d{2})/;

function isoDate(m: RegExpExecArray): string | null {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1984 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Years a card runs (by age at issue), unless it is 长期. */
const TERMS = [5, 10, 20];

/**
 * A date of the validity line that lost one digit ("2043.02.1", "2021.01.1"), put right from the
 * other date: both end on the same month and day, so the damaged one is its year and the other's
 * month and day, when its digits are those with one left out and the years are a card's term apart.
 */
function repairedDate(damaged: string, other: string, laterThanOther: boolean): string | null {
  const digits = damaged.replace(/\D/g, '');
  const ok = /^(\d{4})-(\d{2})-(\d{2})$/.exec(other);
  if (digits.length !== 7 || !ok) return null;
  const year = digits.slice(0, 4);
  const md = `${ok[2]}${ok[3]}`;
  const rest = digits.slice(4);
  if (![0, 1, 2, 3].some((i) => md.slice(0, i) + md.slice(i + 1) === rest)) return null;
  const years = (Number(year) - Number(other.slice(0, 4))) * (laterThanOther ? 1 : -1);
  return TERMS.includes(years) ? `${year}-${ok[2]}-${ok[3]}` : null;
}

/**
 * 有效期限 "2015.03.12-2035.03.12" or "2015.03.12-长期". Cards run 5, 10 or 20 years (by age at
 * issue) or without end, always to the same day: an end date that breaks this is flagged. The
 * start date is the line's first run of digits: a damaged start is never mistaken for the end
 * ("2021.01.1-2041.01.18" does not start on 2041). A date that lost one digit is put right from
 * the other (repairedDate) and flagged.
 */
export function decideValidity(text: string, conf: number): { from: OcrField; until: OcrField } {
  const t = text.replace(/\s+/g, '');
  const first = DATE.exec(t);
  // Digits before the first whole date: that date is the end, and the start is damaged.
  const damagedStart = first && /\d/.test(t.slice(0, first.index)) ? t.slice(0, first.index) : null;
  const start = damagedStart === null ? first : null;
  const from = start ? isoDate(start) : null;
  const after = start ? t.slice(start.index + start[0].length) : first ? t.slice(first.index) : t;
  const longTerm = /长|期/.test(after);
  const end = DATE.exec(after);
  const until = end ? isoDate(end) : null;
  const repairNote = '有效期日期有一位数字未能识别，已按起止月日相同补全，请核对';
  if (damagedStart !== null && until) {
    const fixed = repairedDate(damagedStart, until, false);
    if (fixed)
      return { from: field(fixed, Math.min(conf, 0.6), { confirm: true, note: repairNote }), until: field(until, Math.min(conf, 0.6), { confirm: true }) };
  }
  if (from && !end && !longTerm) {
    const fixed = repairedDate(after, from, true);
    if (fixed)
      return { from: field(from, Math.min(conf, 0.6), { confirm: true }), until: field(fixed, Math.min(conf, 0.6), { confirm: true, note: repairNote }) };
  }
  const fromField = from ? field(from, conf) : unread('未能识别有效期起始日期');
  if (longTerm && !end) return { from: fromField, until: field('长期', Math.min(conf + 0.1, 0.99)) };
  if (!until) return { from: from ? field(from, conf, { confirm: true }) : fromField, until: unread('未能识别有效期截止日期') };
  if (!from) return { from: fromField, until: field(until, conf, { confirm: true }) };
  const years = Number(until.slice(0, 4)) - Number(from.slice(0, 4));
  const consistent = TERMS.includes(years) && until.slice(5) === from.slice(5);
  if (consistent) return { from: field(from, Math.max(conf, 0.9)), until: field(until, Math.max(conf, 0.9)) };
  return {
    from: field(from, Math.min(conf, 0.6), { confirm: true }),
    until: field(until, Math.min(conf, 0.6), { confirm: true, note: '有效期应为5年、10年、20年或长期，且起止月日相同，请核对' }),
  };
}

export async function readIdCardBack(photoPage: Page, ocr: ZoneRecognizer, ctx: ReadContext = {}): Promise<IdCardBack> {
  const page = upright(photoPage, BACK.emblem, BACK.emblemTurned);
  const authority = await ocr.read(page.zone(BACK.authority, 0.5), { psm: '7' });
  // The dates obey rules (5/10/20 years or 长期, same day): read again at other scales until they do.
  let v = { from: unread(), until: unread() };
  for (const scale of [0.5, 0.4, 0.6]) {
    const validity = await ocr.read(page.zone(BACK.validity, scale), { psm: '7', whitelist: '0123456789.-长期' });
    const next = decideValidity(validity.text, meanConf(charsOf(validity)));
    const known = (x: typeof v): number => (x.from.value ? 1 : 0) + (x.until.value ? 1 : 0);
    if (known(next) > known(v) || (known(next) === known(v) && !next.until.needsConfirmation && v.until.needsConfirmation)) v = next;
    if (!v.from.needsConfirmation && !v.until.needsConfirmation) break;
  }
  return { issuingAuthority: decideAuthority(authority.text, meanConf(charsOf(authority)), ctx.districtCode), validFrom: v.from, validUntil: v.until };
}

import type { ReadChar, ZoneRecognizer } from '../engine/tesseract-pool.js';
import { charsOf, decideIdNumber, field, interpretIdRead, meanConf, unread, type IdReading, type OcrField } from '../fields/field.js';
import { decideBirthDate, decideSex, NAME_PATTERN, parseChineseDate } from '../fields/person.js';
import { removeRuledLines, type GrayImage } from '../image/geometry.js';
import type { Page, PageFrame } from '../image/page.js';
import { closestWord, cjkOnly } from '../text/fuzzy.js';
import { splitByLabels, textOf } from '../text/labels.js';
import { EDUCATION_TERMS, ETHNIC_GROUPS, MARITAL_TERMS, RELATION_TERMS } from '../text/vocabulary.js';
import type { ReadContext } from './id-card.js';

/**
 * A member page of the household register (户口簿 常住人口登记卡): a ruled form of label and
 * value cells. Forms differ between provinces and years, so nothing here depends on where a
 * cell is: the rules are found and painted out, each row is read as a line, and the labels
 * (a closed list) say what each value is.
 */
export const HOUSEHOLD_REGISTER_FRAME: PageFrame = { width: 1600, height: 1120 };
const SCALE = 0.5;

const LABELS = [
  '姓名',
  '户主或与户主关系',
  '曾用名',
  '性别',
  '出生地',
  '民族',
  '籍贯',
  '出生日期',
  '本市县其他住址',
  '宗教信仰',
  '公民身份证件编号',
  '身高',
  '血型',
  '文化程度',
  '婚姻状况',
  '兵役状况',
  '服务处所',
  '职业',
  '何时由何地迁来本市县',
  '何时由何地迁来本址',
  '登记日期',
] as const;

export interface HouseholdRegisterMember {
  name: OcrField;
  relationToHead: OcrField;
  sex: OcrField;
  ethnicity: OcrField;
  birthDate: OcrField;
  idNumber: OcrField;
  education: OcrField;
  maritalStatus: OcrField;
  /** 服务处所 */
  employer: OcrField;
  occupation: OcrField;
}

function band(img: GrayImage, y0: number, y1: number, x0 = 0, x1 = img.width): GrayImage {
  const w = Math.max(1, Math.round(x1 - x0));
  const h = Math.max(1, Math.round(y1 - y0));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    out.set(img.data.subarray((Math.round(y0) + y) * img.width + Math.round(x0), (Math.round(y0) + y) * img.width + Math.round(x0) + w), y * w);
  return { data: out, width: w, height: h };
}

/** A value from a closed list: exact, or the one closest within tolerance (flagged). */
export function fromVocabulary(chars: ReadChar[] | undefined, terms: readonly string[], what: string): OcrField {
  const text = cjkOnly(textOf(chars));
  if (!text) return unread(`未能识别${what}`);
  if (terms.includes(text)) return field(text, Math.max(0.8, meanConf(chars ?? [])));
  const near = closestWord(text, terms);
  if (near) return field(near.word, 0.6, { confirm: true, note: `${what}读作“${text}”，可能是“${near.word}”，请核对` });
  return field(text, Math.min(0.5, meanConf(chars ?? [])), { confirm: true, note: `${what}“${text}”不是常见写法，请核对` });
}

function freeText(chars: ReadChar[] | undefined, what: string): OcrField {
  const text = textOf(chars).replace(/[|｜\s]/g, '');
  if (!text) return unread(`未能识别${what}`);
  return field(text, meanConf(chars ?? []));
}

export async function readHouseholdRegister(page: Page, ocr: ZoneRecognizer, ctx: ReadContext): Promise<HouseholdRegisterMember> {
  const image = page.zone({ x0: 0, y0: 0, x1: HOUSEHOLD_REGISTER_FRAME.width, y1: HOUSEHOLD_REGISTER_FRAME.height }, SCALE);
  const { cleaned, rows, columns } = removeRuledLines(image, 24);
  const values = new Map<string, ReadChar[]>();
  let idRow: [number, number] | null = null;
  const bands: Array<[number, number]> = rows.length >= 2 ? rows.slice(1).map((y, i) => [rows[i]!, y]) : [[0, cleaned.height]];
  for (const [y0, y1] of bands) {
    if (y1 - y0 < 12) continue;
    const line = charsOf(await ocr.read(band(cleaned, y0 + 1, y1 - 1), { psm: '7' })).filter((c) => c.ch !== '|' && c.ch !== '｜');
    const found = splitByLabels(line, LABELS);
    for (const [label, value] of found) if (!values.has(label)) values.set(label, value);
    if (found.has('公民身份证件编号')) idRow = [y0, y1];
  }

  // The number: read again in its cell with digits only, at two scales, and settled by agreement.
  const idReads: IdReading[] = [interpretIdRead(textOf(values.get('公民身份证件编号')), meanConf(values.get('公民身份证件编号') ?? []))];
  if (idRow) {
    // The last cell of its row (between the last two rules), else the right half.
    const x0 = columns.length >= 3 ? columns[columns.length - 2]! : cleaned.width / 2;
    const x1 = columns.length >= 3 ? columns[columns.length - 1]! : cleaned.width;
    for (const s of [1, 1.2]) {
      const cell = page.zone({ x0: x0 / SCALE, y0: idRow[0] / SCALE, x1: x1 / SCALE, y1: idRow[1] / SCALE }, SCALE * s);
      const z = await ocr.read(removeRuledLines(cell, 24 * s).cleaned, { psm: '7', whitelist: '0123456789X' });
      idReads.push(interpretIdRead(z.text, meanConf(charsOf(z)), ctx.today));
    }
  }
  const id = decideIdNumber(idReads, ctx.today);
  const idCertain = !id.field.needsConfirmation;

  const nameText = cjkOnly(textOf(values.get('姓名')));
  const name = nameText
    ? field(nameText, NAME_PATTERN.test(nameText) ? meanConf(values.get('姓名')!) : 0.3, {
        confirm: !NAME_PATTERN.test(nameText),
        note: NAME_PATTERN.test(nameText) ? undefined : '姓名应为2至4个汉字，请核对',
      })
    : unread('未能识别姓名');
  const sexChar = (values.get('性别') ?? []).find((c) => c.ch === '男' || c.ch === '女') ?? null;
  const ethnicityText = cjkOnly(textOf(values.get('民族'))).replace(/族$/, '');
  const ethnicity = ethnicityText
    ? ETHNIC_GROUPS.includes(ethnicityText)
      ? field(`${ethnicityText}族`, Math.max(0.8, meanConf(values.get('民族')!)))
      : fromVocabulary(
          values.get('民族')?.filter((c) => c.ch !== '族'),
          ETHNIC_GROUPS,
          '民族',
        )
    : unread('未能识别民族');
  if (ethnicity.value && !ethnicity.value.endsWith('族')) ethnicity.value += '族';
  const printedBirth = parseChineseDate(textOf(values.get('出生日期')));

  return {
    name,
    relationToHead: fromVocabulary(values.get('户主或与户主关系'), RELATION_TERMS, '与户主关系'),
    sex: decideSex(sexChar, id.parsed, idCertain),
    ethnicity,
    birthDate: decideBirthDate(printedBirth, id.parsed, idCertain),
    idNumber: id.field,
    education: fromVocabulary(values.get('文化程度'), EDUCATION_TERMS, '文化程度'),
    maritalStatus: fromVocabulary(values.get('婚姻状况'), MARITAL_TERMS, '婚姻状况'),
    employer: freeText(values.get('服务处所'), '服务处所'),
    occupation: freeText(values.get('职业'), '职业'),
  };
}

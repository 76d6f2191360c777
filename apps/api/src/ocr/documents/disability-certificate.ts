import { DISABILITY_CATEGORY_NAMES, DISABILITY_GRADE_NAMES } from '@zczr/id-card';
import type { ReadChar, ReadLine, ZoneRecognizer } from '../engine/tesseract-pool.js';
import { decideIdNumber, field, idCharsIn, interpretIdRead, meanConf, unread, type IdReading, type OcrField } from '../fields/field.js';
import { decideSex, NAME_PATTERN } from '../fields/person.js';
import type { Page, PageFrame } from '../image/page.js';
import { cjkOnly } from '../text/fuzzy.js';
import { splitByLabels, textOf } from '../text/labels.js';
import { fromVocabulary } from './household-register.js';
import type { ReadContext } from './id-card.js';

/**
 * The disability certificate (残疾人证). Its number is the holder's ID number followed by the
 * category (1–7) and grade (1–4) digits, and the category and grade are also printed in words:
 * the ID number is thus read twice and the two digits are checked against the words.
 * Layouts differ between editions, so the page is read as lines and split by its labels.
 */
export const DISABILITY_FRAME: PageFrame = { width: 1500, height: 1000 };
const SCALE = 0.55;

const LABELS = [
  '姓名',
  '性别',
  '民族',
  '出生日期',
  '身份证号',
  '公民身份号码',
  '残疾人证号',
  '证号',
  '残疾类别',
  '残疾等级',
  '发证机关',
  '发证日期',
  '住址',
  '监护人',
] as const;

const CATEGORY_NAMES = Object.values(DISABILITY_CATEGORY_NAMES);
const GRADE_NAMES = Object.values(DISABILITY_GRADE_NAMES);

export interface DisabilityCertificate {
  name: OcrField;
  sex: OcrField;
  idNumber: OcrField;
  /** 20 digits: ID number + category + grade. */
  certificateNumber: OcrField;
  /** e.g. 肢体残疾 */
  category: OcrField;
  /** e.g. 二级 */
  grade: OcrField;
}

async function reread(page: Page, ocr: ZoneRecognizer, line: ReadLine | undefined): Promise<string | null> {
  if (!line) return null;
  const pad = (line.box.y1 - line.box.y0) * 0.3;
  const box = { x0: line.box.x0 / SCALE, y0: (line.box.y0 - pad) / SCALE, x1: (line.box.x1 + pad * 2) / SCALE, y1: (line.box.y1 + pad) / SCALE };
  const z = await ocr.read(page.zone(box, SCALE), { psm: '7', whitelist: '0123456789X' });
  return z.text;
}

export async function readDisabilityCertificate(page: Page, ocr: ZoneRecognizer, ctx: ReadContext): Promise<DisabilityCertificate> {
  const read = await ocr.read(page.zone({ x0: 0, y0: 0, x1: DISABILITY_FRAME.width, y1: DISABILITY_FRAME.height }, SCALE), { psm: '6' });
  const values = new Map<string, ReadChar[]>();
  const lineOf = new Map<string, ReadLine>();
  for (const line of read.lines) {
    for (const [label, value] of splitByLabels(line.chars, LABELS)) {
      if (values.has(label)) continue;
      values.set(label, value);
      lineOf.set(label, line);
    }
  }
  const idLabel = values.has('身份证号') ? '身份证号' : '公民身份号码';
  const certLabel = values.has('残疾人证号') ? '残疾人证号' : '证号';
  const idText = textOf(values.get(idLabel));
  const certText = idCharsIn(textOf(values.get(certLabel)));

  // Two reads of the ID number: its own line and the first 18 of the certificate number.
  const reads: IdReading[] = [interpretIdRead(idText, meanConf(values.get(idLabel) ?? []), ctx.today)];
  if (certText.length >= 18) reads.push(interpretIdRead(certText.slice(0, 18), meanConf(values.get(certLabel) ?? []), ctx.today));
  let id = decideIdNumber(reads, ctx.today);
  let certDigits = certText.length >= 20 ? certText.slice(18, 20) : null;
  if (id.field.needsConfirmation) {
    // Digits only, each line again.
    const idAgain = await reread(page, ocr, lineOf.get(idLabel));
    const certAgain = await reread(page, ocr, lineOf.get(certLabel));
    if (idAgain) reads.push(interpretIdRead(idAgain, 0.8, ctx.today));
    const c = certAgain ? idCharsIn(certAgain) : '';
    if (c.length >= 18) reads.push(interpretIdRead(c.slice(0, 18), 0.8, ctx.today));
    if (c.length >= 20 && !certDigits) certDigits = c.slice(18, 20);
    id = decideIdNumber(reads, ctx.today);
  }
  const idCertain = !id.field.needsConfirmation;

  let category = fromVocabulary(values.get('残疾类别'), CATEGORY_NAMES, '残疾类别');
  let grade = fromVocabulary(values.get('残疾等级'), GRADE_NAMES, '残疾等级');
  const catDigit = certDigits ? Number(certDigits[0]) : NaN;
  const gradeDigit = certDigits ? Number(certDigits[1]) : NaN;
  const catByDigit = DISABILITY_CATEGORY_NAMES[catDigit as keyof typeof DISABILITY_CATEGORY_NAMES];
  const gradeByDigit = DISABILITY_GRADE_NAMES[gradeDigit as keyof typeof DISABILITY_GRADE_NAMES];
  // The words and the digits must agree; where the words were not read, the digits speak.
  if (!category.value && catByDigit) category = field(catByDigit, 0.7, { confirm: true, note: '残疾类别按证号第19位填写，请核对' });
  if (!grade.value && gradeByDigit) grade = field(gradeByDigit, 0.7, { confirm: true, note: '残疾等级按证号第20位填写，请核对' });
  const catAgrees = category.value !== null && category.value === catByDigit;
  const gradeAgrees = grade.value !== null && grade.value === gradeByDigit;
  if (category.value && catByDigit && !catAgrees)
    category = { ...category, needsConfirmation: true, note: `残疾类别与证号第19位（${catByDigit}）不一致，请核对` };
  if (grade.value && gradeByDigit && !gradeAgrees) grade = { ...grade, needsConfirmation: true, note: `残疾等级与证号第20位（${gradeByDigit}）不一致，请核对` };

  let certificateNumber: OcrField;
  if (id.field.value && certDigits && /^[1-7][1-4]$/.test(certDigits)) {
    const value = `${id.field.value}${certDigits}`;
    const sure = idCertain && catAgrees && gradeAgrees;
    certificateNumber = field(value, sure ? id.field.confidence : 0.6, {
      confirm: !sure,
      note: sure ? undefined : '残疾人证号请核对（身份证号码或类别、等级数字未能相互印证）',
    });
  } else {
    certificateNumber = certText
      ? field(certText, 0.3, { confirm: true, note: '残疾人证号应为20位（身份证号码加类别、等级各1位），请核对' })
      : unread('未能识别残疾人证号');
  }

  const nameText = cjkOnly(textOf(values.get('姓名')));
  const nameOk = NAME_PATTERN.test(nameText);
  const sexChar = (values.get('性别') ?? []).find((c) => c.ch === '男' || c.ch === '女') ?? null;
  return {
    name: nameText
      ? field(nameText, nameOk ? meanConf(values.get('姓名')!) : 0.3, { confirm: !nameOk, note: nameOk ? undefined : '姓名应为2至4个汉字，请核对' })
      : unread('未能识别姓名'),
    sex: decideSex(sexChar, id.parsed, idCertain),
    idNumber: id.field,
    certificateNumber,
    category,
    grade,
  };
}

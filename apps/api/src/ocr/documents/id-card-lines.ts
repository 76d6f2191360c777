import { parseBackLayout, parseFrontLayout, validateIdNumber, type BackLayout, type FrontLayout, type LayoutBox } from '@zczr/id-card';
import type { LineRecognizer } from '../engine/paddle-pool.js';
import { paddleKnows, type PaddleChar, type PaddleLine } from '../engine/paddle-ocr.js';
import type { ReadChar, ZoneRecognizer, ZoneText } from '../engine/tesseract-pool.js';
import { decideAddress } from '../fields/address.js';
import { decideIdNumber, field, interpretIdRead, meanConf, minConf, unread, type IdReading, type OcrField } from '../fields/field.js';
import { decideBirthDate, decideEthnicity, decideName, decideSex, NAME_PATTERN, parseChineseDate, voteName } from '../fields/person.js';
import type { GrayImage } from '../image/geometry.js';
import type { Page, PageHypotheses } from '../image/page.js';
import { isGb2312Hanzi, startsWithSurname } from '../text/vocabulary.js';
import { decideAuthority, decideValidity, type IdCardBack, type IdCardFront, type ReadContext } from './id-card.js';

/**
 * The ID card read as text lines (PP-OCRv4), fields found by their labels (see
 * @zczr/id-card parseFrontLayout), with tesseract.js as the second reader of the number (digits
 * only) and of an uncertain name. Where the card is in the photo is only a hint: the outlined card,
 * the whole photo and their turns are hypotheses, and the read that makes most sense wins.
 */

/** Longest side a hypothesis is rendered at (detection runs at ≤ 960, recognition crops from this). */
const RENDER_MAX = 1280;
/** Above this share of the photo an outline is the photo's own edge (or a guess), not the card's. */
export const COVERS_PHOTO = 0.8;

/** The second reader, when there is one: runs a job on a tesseract.js worker. */
export type SecondReader = <T>(job: (ocr: ZoneRecognizer) => Promise<T>) => Promise<T>;

interface Hypothesis {
  page: Page;
  image: GrayImage;
  scale: number;
  lines: PaddleLine[];
}

const textOf = (cs: readonly ReadChar[]): string => cs.map((c) => c.ch).join('');

/**
 * Pages to try, most likely first, in pairs of one orientation and its other one: the outlined
 * card (unless the outline is the photo's own edge) and its half turn, then the whole photo —
 * turned a quarter either way when it is portrait-shaped — and its half turn.
 */
function candidates(h: PageHypotheses): Array<[() => Page, () => Page]> {
  const card: Array<[() => Page, () => Page]> = h.card ? [[() => h.card!, () => h.card!.turned()]] : [];
  // The whole photo is straightened (its skew measured) only when it comes to be read.
  let probe: Page | null = null;
  const photo = (): Page => (probe ??= h.whole());
  const portrait = (): boolean => photo().frame.height > photo().frame.width * 1.1;
  const whole: [() => Page, () => Page] = [
    () => (portrait() ? photo().quarterTurned(true) : photo()),
    () => (portrait() ? photo().quarterTurned(false) : photo().turned()),
  ];
  return h.card && h.coverage < COVERS_PHOTO ? [...card, whole] : [whole, ...card];
}

async function readHypothesis(page: Page, lines: LineRecognizer): Promise<Hypothesis> {
  const scale = Math.min(1, RENDER_MAX / Math.max(page.frame.width, page.frame.height));
  const image = page.render(RENDER_MAX);
  return { page, image, scale, lines: await lines.page(image) };
}

/** How much sense a front read makes: a number that passes its check, labels, fields agreeing with it. */
function frontScore(l: FrontLayout, today?: Date): number {
  const id = interpretIdRead(textOf(l.idNumber), 1, today);
  let s = l.labels;
  if (id.status === 'valid') s += 6;
  else if (id.status === 'corrected' || id.status === 'ambiguous') s += 2;
  const v = id.status === 'valid' ? validateIdNumber(id.candidates[0]!, { today }) : null;
  if (v?.valid) {
    if (l.sex?.ch === (v.sex === 'male' ? '男' : '女')) s += 1;
    if (parseChineseDate(textOf(l.birth))?.value === v.birthDate) s += 1;
  }
  if (NAME_PATTERN.test(textOf(l.name))) s += 1;
  return s;
}

/** Lowest confidence of every digit of the number for one read of it to be enough (with the card's agreement). */
const SURE_DIGIT = 0.9;

/**
 * The number of a read that passed its check when the card's birth date line and sex line (read
 * apart from it) both say what it says; else null.
 */
function agreesWithCard(read: IdReading, l: FrontLayout, today?: Date): string | null {
  if (read.status !== 'valid') return null;
  const v = validateIdNumber(read.candidates[0]!, { today });
  if (!v.valid) return null;
  const sexAgrees = l.sex?.ch === (v.sex === 'male' ? '男' : '女');
  const birthAgrees = parseChineseDate(textOf(l.birth))?.value === v.birthDate;
  return sexAgrees && birthAgrees ? v.idNumber : null;
}

function backScore(l: BackLayout): number {
  let s = l.labels;
  const v = decideValidity(textOf(l.validity), 1);
  if (v.from.value) s += 2;
  if (v.until.value) s += 2;
  if (/(公安局|分局|派出所)$/.test(textOf(l.authority))) s += 2;
  return s;
}

/** Share of the typical line height below which a box is a speck. */
const SPECK = 0.5;

/**
 * Text lines without specks: a box less than half as tall as the page's typical line is a
 * fragment of the guilloche pattern or of a glyph's edge read as a character (a "酒" between
 * 姓名 and the name), never a line of the card's print.
 */
export function withoutSpecks(lines: readonly PaddleLine[]): PaddleLine[] {
  const heights = lines.map((l) => l.box.y1 - l.box.y0).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  return lines.filter((l) => l.box.y1 - l.box.y0 >= typical * SPECK);
}

/** Reads hypotheses in order until one makes full sense; else the best. */
async function choose<L>(
  h: PageHypotheses,
  lines: LineRecognizer,
  parse: (ls: PaddleLine[]) => L,
  score: (l: L) => number,
  enough: number,
): Promise<{ hyp: Hypothesis; layout: L }> {
  let best: { hyp: Hypothesis; layout: L; score: number } | null = null;
  for (const pair of candidates(h)) {
    for (const make of pair) {
      const hyp = await readHypothesis(make(), lines);
      const layout = parse(hyp.lines);
      const s = score(layout);
      if (!best || s > best.score) best = { hyp, layout, score: s };
      if (s >= enough) return best;
      // A page on which detection finds no text line at all is not the document (an outline
      // around the portrait, a bare desk): its other orientation is not read. (A page with a few
      // lines may be: upside down, a pale card showed two lines where upright it shows fourteen.)
      if (hyp.lines.length === 0) break;
    }
  }
  return best!;
}

/** A box of the rendered image, in page units, grown by `pad` of its height on every side. */
function pageBox(hyp: Hypothesis, b: LayoutBox, pad: number): { x0: number; y0: number; x1: number; y1: number } {
  const h = b.y1 - b.y0;
  return { x0: (b.x0 - h * pad) / hyp.scale, y0: (b.y0 - h * pad * 0.5) / hyp.scale, x1: (b.x1 + h * pad) / hyp.scale, y1: (b.y1 + h * pad * 0.5) / hyp.scale };
}

/** A zone cut for tesseract, its line about `px` pixels high (the size it reads CJK and digits best at). */
function zoneAt(hyp: Hypothesis, b: LayoutBox, px: number, pad = 0.3): GrayImage {
  const box = pageBox(hyp, b, pad);
  return hyp.page.zone(box, px / Math.max(1, box.y1 - box.y0));
}

const asZoneText = (chars: ReadChar[]): ZoneText => ({
  text: textOf(chars),
  lines: chars.length ? [{ text: textOf(chars), chars, box: { x0: 0, y0: 0, x1: 0, y1: 0 } }] : [],
});

/** Fields read, and whether they were read from the card's outline (else from the whole photo). */
export interface LinesRead<T> {
  fields: T;
  outlined: boolean;
}

export async function readIdCardFrontLines(
  h: PageHypotheses,
  lines: LineRecognizer,
  second: SecondReader | null,
  ctx: ReadContext = {},
): Promise<LinesRead<IdCardFront>> {
  const { hyp, layout } = await choose(
    h,
    lines,
    (ls) => parseFrontLayout(withoutSpecks(ls)),
    (l) => frontScore(l, ctx.today),
    10,
  );

  // The number: the line as read; certain at once when it passes its check, every character was
  // read with confidence and the card's own birth date and sex lines say the same (a misread that
  // still passes the check and agrees with both is out of reach of chance). Otherwise the second
  // reader (digits only) until two reads agree.
  const reads: IdReading[] = [interpretIdRead(textOf(layout.idNumber), meanConf(layout.idNumber), ctx.today)];
  const corroborated = minConf(layout.idNumber) >= SURE_DIGIT ? agreesWithCard(reads[0]!, layout, ctx.today) : null;
  let id = decideIdNumber(reads, ctx.today, corroborated);
  if (layout.idBox && id.field.needsConfirmation) {
    let tesseractValid = false;
    if (second) {
      for (const px of [44, 36]) {
        const z = await second((ocr) => ocr.read(zoneAt(hyp, layout.idBox!, px), { psm: '7', whitelist: '0123456789X' }));
        const r = interpretIdRead(z.text, meanConf(z.lines.flatMap((l) => l.chars)), ctx.today);
        reads.push(r);
        tesseractValid ||= r.status === 'valid';
        id = decideIdNumber(reads, ctx.today, corroborated);
        if (!id.field.needsConfirmation) break;
      }
    }
    // Without a second reader, or one that could make nothing of the line: the first reader again,
    // on a finer cut of the line. Never when the second reader read another valid number.
    if (id.field.needsConfirmation && !tesseractValid) {
      const again = await lines.line(zoneAt(hyp, layout.idBox, 48, 0.2));
      reads.push(interpretIdRead(again.text, meanConf(again.chars), ctx.today));
      id = decideIdNumber(reads, ctx.today, corroborated);
    }
  }
  const idCertain = !id.field.needsConfirmation;

  // The name: the first reader; where it is unsure, reads a character outside everyday simplified
  // print or a name that does not begin with a known surname, the first reader again on a wider
  // cut of the name, and the second reader, vote (voteName); any disagreement is flagged.
  const ethnicity = decideEthnicity(layout.ethnicity);
  let name = decideName([asZoneText(layout.name)]);
  const uncommon = name.value ? [...name.value].some((ch) => ch !== '·' && !isGb2312Hanzi(ch)) : false;
  const suspect = name.value !== null && (minConf(layout.name) < 0.9 || !NAME_PATTERN.test(name.value) || uncommon || !startsWithSurname(name.value));
  if (layout.nameBox && name.value && suspect) {
    const hanzi = (chars: ReadonlyArray<{ ch: string }>): string =>
      chars
        .filter((c) => /[\u3400-\u9fff·]/.test(c.ch))
        .map((c) => c.ch)
        .join('');
    const first = name.value;
    const again = hanzi((await lines.line(zoneAt(hyp, layout.nameBox, 48, 0.6))).chars);
    const other = second ? hanzi((await second((ocr) => ocr.read(zoneAt(hyp, layout.nameBox!, 30, 0.15), { psm: '7' }))).lines.flatMap((l) => l.chars)) : '';
    const reads = [first, again, other].filter((r) => r.length > 0);
    const distinct = [...new Set(reads)];
    const shown = voteName(reads, ethnicity.value === '汉');
    const differing = distinct.filter((r) => r !== shown);
    if (differing.length > 0 || shown !== first) {
      const alternatives = differing.filter((r) => NAME_PATTERN.test(r));
      name = field(shown, Math.min(name.confidence, 0.6), {
        confirm: true,
        note: `姓名几次识别不一致（${distinct.map((r) => `“${r}”`).join('、')}），请核对`,
        candidates: NAME_PATTERN.test(shown) && alternatives.length ? [shown, ...alternatives] : undefined,
      });
    }
  }

  const fields: IdCardFront = {
    name,
    sex: decideSex(layout.sex, id.parsed, idCertain),
    ethnicity,
    birthDate: decideBirthDate(parseChineseDate(textOf(layout.birth)), id.parsed, idCertain),
    address: layout.address.length ? decideLineAddress(layout.address, ctx) : unread('未能识别住址'),
    idNumber: id.field,
  };
  return { fields, outlined: hyp.page.outlined };
}

/**
 * What a text has at a gap the first reader left in a line: the characters between the gap's two
 * neighbours, when there are as many as are missing, every one a hanzi the first reader has no
 * class for (so it could not have read it), and the text agrees with the read around the gap
 * (both neighbours, and one more character on either side). Else null.
 */
export function gapFill(text: string, before: string, after: string, missing: number): string | null {
  const t = [...text];
  const left = [...before];
  const right = [...after];
  const l = left[left.length - 1];
  const r = right[0];
  if (!l || !r || missing < 1) return null;
  let found: string | null = null;
  for (let j = 0; j + missing + 1 < t.length; j++) {
    if (t[j] !== l || t[j + missing + 1] !== r) continue;
    const x = t.slice(j + 1, j + 1 + missing);
    if (!x.every((ch) => /^[\u3400-\u9fff]$/.test(ch) && !paddleKnows(ch))) continue;
    const more = (left.length > 1 && t[j - 1] === left[left.length - 2]) || (right.length > 1 && t[j + missing + 2] === right[1]);
    if (!more) continue;
    if (found !== null && found !== x.join('')) return null;
    found = x.join('');
  }
  return found;
}

/**
 * The address. Where the first reader left a blank gap in its line (a character it has no class
 * for, see PaddleChar.gapBefore: 凫 in 鱼凫路), the address is offered for confirmation, unless
 * the division names put the gap right (鱼凫村, 鱼凫路社区: the matched name has there as many
 * characters as were missing, ones the first reader could not have read, see gapFill).
 * The second reader is no help here: every hanzi tesseract.js's chi_sim knows (3899), the first
 * reader knows too, so it can only misread the gap (it read 凫 as 儿, 名, 够, 癌).
 */
export function decideLineAddress(chars: readonly ReadChar[], ctx: ReadContext): OcrField {
  const gaps: Array<{ before: string; after: string; missing: number }> = [];
  chars.forEach((c, i) => {
    const gap = (c as PaddleChar).gapBefore;
    if (gap && i > 0) gaps.push({ before: textOf(chars.slice(Math.max(0, i - 2), i)), after: textOf(chars.slice(i, i + 2)), missing: gap.missing });
  });
  const address = decideAddress(chars, ctx.districtCode);
  if (!address.value || gaps.every((g) => gapFill(address.value!, g.before, g.after, g.missing))) return address;
  return field(address.value, Math.min(address.confidence, 0.6), { confirm: true, note: '住址有字未能识别，请对照证件核对' });
}

export async function readIdCardBackLines(
  h: PageHypotheses,
  lines: LineRecognizer,
  second: SecondReader | null,
  ctx: ReadContext = {},
): Promise<LinesRead<IdCardBack>> {
  const { hyp, layout } = await choose(h, lines, parseBackLayout, backScore, 8);
  let v = decideValidity(textOf(layout.validity), meanConf(layout.validity));
  const complete = (x: typeof v): boolean => !x.from.needsConfirmation && !x.until.needsConfirmation;
  if (!complete(v) && second && layout.validityBox) {
    const z = await second((ocr) => ocr.read(zoneAt(hyp, layout.validityBox!, 32), { psm: '7', whitelist: '0123456789.-长期' }));
    const next = decideValidity(z.text, meanConf(z.lines.flatMap((l) => l.chars)));
    if (!next.from.needsConfirmation && !next.until.needsConfirmation) v = next;
  }
  const authority = textOf(layout.authority);
  const fields: IdCardBack = {
    issuingAuthority: authority ? decideAuthority(authority, meanConf(layout.authority), ctx.districtCode) : unread('未能识别签发机关'),
    validFrom: v.from,
    validUntil: v.until,
  };
  return { fields, outlined: hyp.page.outlined };
}

/**
 * The first reader as a zone recognizer, for the forms read as lines (disability certificate,
 * household register): a block is detected and read line by line, a line read at once; reads
 * restricted to digits go to the second reader, whose whitelist is exact.
 */
export function lineZones(lines: LineRecognizer, second: SecondReader | null): ZoneRecognizer {
  const toZone = (ls: PaddleLine[]): ZoneText => ({
    text: ls.map((l) => l.text).join('\n'),
    lines: ls.map((l) => ({ text: l.text, chars: l.chars, box: l.box })),
  });
  return {
    async read(image, opts) {
      if (opts.whitelist && second) return second((ocr) => ocr.read(image, opts));
      if (opts.psm === '6') return toZone(await lines.page(image));
      const l = await lines.line(image);
      if (opts.whitelist) {
        const keep = new Set([...opts.whitelist]);
        l.chars = l.chars.filter((c) => keep.has(c.ch));
        l.text = l.chars.map((c) => c.ch).join('');
      }
      return toZone(l.chars.length ? [l] : []);
    },
  };
}

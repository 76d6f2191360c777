/**
 * Layout-free reading of an ID card from text lines (any OCR engine's lines with their boxes):
 * each field is found from the labels printed on the card (姓名 性别 民族 出生 住址 公民身份号码;
 * 签发机关 有效期限 on the back), by the positions of the rows relative to each other when a
 * label was misread, with the portrait area left out and the address joined across its lines.
 * Nothing here knows where on the card a field is in absolute terms: offsets, other fonts and
 * crops that cut the card's margin do not matter.
 */

export interface LayoutChar {
  ch: string;
  conf: number;
}

export interface LayoutBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LayoutLine {
  chars: LayoutChar[];
  box: LayoutBox;
}

export interface FrontLayout {
  name: LayoutChar[];
  nameBox: LayoutBox | null;
  /** Characters of the sex/ethnicity row after the 性别 label (男/女 first, then 民族 and the name). */
  sex: LayoutChar | null;
  ethnicity: LayoutChar[];
  birth: LayoutChar[];
  address: LayoutChar[];
  /** The number's line (label removed) and where it is. */
  idNumber: LayoutChar[];
  idBox: LayoutBox | null;
  /** How many of the six labels were found. */
  labels: number;
}

export interface BackLayout {
  authority: LayoutChar[];
  validity: LayoutChar[];
  validityBox: LayoutBox | null;
  labels: number;
}

interface Piece {
  chars: LayoutChar[];
  box: LayoutBox;
  /** The label this piece is, if it is one. */
  label?: string;
  /** Which of the engine's lines it was cut from. */
  line: number;
}

interface Row {
  pieces: Piece[];
  y: number;
}

const text = (cs: readonly LayoutChar[]): string => cs.map((c) => c.ch).join('');
const cy = (b: LayoutBox): number => (b.y0 + b.y1) / 2;
const CJK = /[\u3400-\u9fff·]/;
const ID_CHAR = /[0-9Xx×]/;

/** Labels and the misreads of them that still identify them (a character of a long label may be wrong). */
const FRONT_LABELS: ReadonlyArray<[string, RegExp]> = [
  ['公民身份号码', /公民身份号码|公民身份号?|身份号码|民身份号|公民.?份号码|公.身份号码/],
  ['姓名', /姓名/],
  ['性别', /性别/],
  ['民族', /民族/],
  ['出生', /出生/],
  ['住址', /住址/],
];
const BACK_LABELS: ReadonlyArray<[string, RegExp]> = [
  ['签发机关', /签发机关|签发机|发机关|签.机关/],
  ['有效期限', /有效期限|有效期|效期限|有.期限/],
];

/**
 * Cuts each line at the labels found in it: "姓名王川" → [姓名][王川]. A piece's box is its share
 * of the line's box by character count (engines give boxes per line, not per character).
 */
function cut(lines: readonly LayoutLine[], labels: ReadonlyArray<[string, RegExp]>): Piece[] {
  const pieces: Piece[] = [];
  for (const [index, line] of lines.entries()) {
    const chars = line.chars.filter((c) => c.ch.trim() !== '');
    if (!chars.length) continue;
    const t = text(chars);
    const hits: Array<{ label: string; start: number; end: number }> = [];
    for (const [label, re] of labels) {
      const m = new RegExp(re.source, 'g').exec(t);
      if (!m) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ label, start, end });
    }
    hits.sort((a, b) => a.start - b.start);
    const n = chars.length;
    const width = line.box.x1 - line.box.x0;
    const at = (i: number): number => line.box.x0 + (width * i) / n;
    const piece = (s: number, e: number, label?: string): void => {
      // Separators around values (：, |) are not part of them.
      let a = s;
      let b = e;
      while (a < b && /^[:：|｜;；,，。'"_\-—]$/.test(chars[a]!.ch)) a++;
      while (b > a && /^[:：|｜;；,，。'"_\-—]$/.test(chars[b - 1]!.ch)) b--;
      if (b > a)
        pieces.push({ chars: chars.slice(a, b), box: { x0: at(a), y0: line.box.y0, x1: at(b), y1: line.box.y1 }, line: index, ...(label ? { label } : {}) });
    };
    let pos = 0;
    for (const h of hits) {
      piece(pos, h.start);
      piece(h.start, h.end, h.label);
      pos = h.end;
    }
    piece(pos, n);
  }
  return pieces;
}

/** Pieces in rows: a piece joins the row whose centre line it crosses. */
function rows(pieces: readonly Piece[]): Row[] {
  const sorted = [...pieces].sort((a, b) => cy(a.box) - cy(b.box));
  const out: Row[] = [];
  for (const p of sorted) {
    const h = p.box.y1 - p.box.y0;
    const row = out.find((r) => Math.abs(r.y - cy(p.box)) < Math.max(6, h * 0.45));
    if (row) {
      row.pieces.push(p);
      row.y = row.pieces.reduce((s, q) => s + cy(q.box), 0) / row.pieces.length;
    } else {
      out.push({ pieces: [p], y: cy(p.box) });
    }
  }
  for (const r of out) r.pieces = withoutGhosts(r.pieces).sort((a, b) => a.box.x0 - b.box.x0);
  return out.sort((a, b) => a.y - b.y);
}

/** Share of a piece's width that another line's value may cover before the piece is a ghost. */
const GHOST_OVERLAP = 0.4;

/**
 * Without the ghosts of a row: where two detected lines overlap (a label's box reaching into the
 * value beside it), the edge of the value's first glyph is read once more at the end of the
 * label's line — "姓名弓" over "张淑珍", 弓 being the left half of 张. A value piece mostly covered
 * by a longer value piece of another line is such a ghost.
 */
function withoutGhosts(pieces: Piece[]): Piece[] {
  const width = (b: LayoutBox): number => Math.max(1, b.x1 - b.x0);
  const covered = (p: Piece, q: Piece): number => Math.max(0, Math.min(p.box.x1, q.box.x1) - Math.max(p.box.x0, q.box.x0)) / width(p.box);
  return pieces.filter(
    (p) =>
      p.label !== undefined ||
      !pieces.some((q) => q !== p && q.line !== p.line && !q.label && q.chars.length > p.chars.length && covered(p, q) >= GHOST_OVERLAP),
  );
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/** What follows the label in its row, up to the next label. */
function afterLabel(row: Row, label: string): Piece[] {
  const i = row.pieces.findIndex((p) => p.label === label);
  if (i < 0) return [];
  const out: Piece[] = [];
  for (const p of row.pieces.slice(i + 1)) {
    if (p.label) break;
    out.push(p);
  }
  return out;
}

/** A row without a label read: its values (a first piece at the label column is taken as the misread label). */
function valuesOf(row: Row, labelColumn: number | null, unit: number, labelChars = 2): Piece[] {
  const pieces = row.pieces.filter((p) => !p.label);
  if (labelColumn === null || !pieces.length) return pieces;
  const first = pieces[0]!;
  if (Math.abs(first.box.x0 - labelColumn) > unit * 1.2) return pieces;
  if (pieces.length > 1 && first.chars.length <= labelChars + 1) return pieces.slice(1);
  // The label was read into the value's line: drop its characters.
  const rest = first.chars.slice(labelChars);
  const x0 = first.box.x0 + ((first.box.x1 - first.box.x0) * labelChars) / Math.max(1, first.chars.length);
  return rest.length ? [{ chars: rest, box: { ...first.box, x0 }, line: first.line }, ...pieces.slice(1)] : pieces.slice(1);
}

const flat = (ps: readonly Piece[]): LayoutChar[] => ps.flatMap((p) => p.chars);
const boxOf = (ps: readonly Piece[]): LayoutBox | null =>
  ps.length
    ? {
        x0: Math.min(...ps.map((p) => p.box.x0)),
        y0: Math.min(...ps.map((p) => p.box.y0)),
        x1: Math.max(...ps.map((p) => p.box.x1)),
        y1: Math.max(...ps.map((p) => p.box.y1)),
      }
    : null;

/** The longest run of number characters in a piece. */
function idRun(chars: readonly LayoutChar[]): LayoutChar[] {
  let best: LayoutChar[] = [];
  let cur: LayoutChar[] = [];
  for (const c of chars) {
    if (ID_CHAR.test(c.ch)) cur.push(c);
    else {
      if (cur.length > best.length) best = cur;
      cur = [];
    }
  }
  return cur.length > best.length ? cur : best;
}

export function parseFrontLayout(lines: readonly LayoutLine[]): FrontLayout {
  const pieces = cut(lines, FRONT_LABELS);
  const all = rows(pieces);
  const unit = median(pieces.filter((p) => p.chars.some((c) => CJK.test(c.ch))).map((p) => p.box.y1 - p.box.y0)) || 20;
  const labelled = (label: string): Row | undefined => all.find((r) => r.pieces.some((p) => p.label === label));
  const labelsFound = new Set(pieces.filter((p) => p.label).map((p) => p.label)).size;

  // The number: the longest run of digits on the card (its label, if read, says which row).
  let idRow: Row | undefined;
  let idPieces: Piece[] = [];
  let best = 13;
  for (const r of all) {
    for (const p of r.pieces) {
      if (p.label) continue;
      const run = idRun(p.chars);
      if (run.length > best || (run.length === best && r === labelled('公民身份号码'))) {
        best = run.length;
        idRow = r;
        idPieces = [p];
      }
    }
  }
  // A number split in two boxes by a wide gap: its neighbours in the row that are digits too.
  if (idRow && idPieces.length) {
    const p0 = idPieces[0]!;
    const others = idRow.pieces.filter((p) => p !== p0 && !p.label && idRun(p.chars).length === p.chars.length && p.chars.length > 0);
    idPieces = [p0, ...others].sort((a, b) => a.box.x0 - b.box.x0);
  }
  const idY = idRow?.y ?? Infinity;

  // The label column (left edge of the labels), and the portrait's side of the card: right of
  // the text column, above the number. What is there is not text of a field.
  const labelPieces = pieces.filter((p) => p.label && p.label !== '公民身份号码');
  const above = all.filter((r) => r.y < idY - unit * 0.5);
  const labelColumn = labelPieces.length
    ? median(labelPieces.map((p) => p.box.x0))
    : above.length
      ? Math.min(...above.flatMap((r) => r.pieces.map((p) => p.box.x0)))
      : null;
  const rightEdge = idPieces.length ? Math.max(...idPieces.map((p) => p.box.x1)) : Math.max(0, ...pieces.map((p) => p.box.x1));
  const portraitFrom = labelColumn !== null ? labelColumn + 0.7 * (rightEdge - labelColumn) : Infinity;
  const content = above.map((r) => ({ ...r, pieces: r.pieces.filter((p) => p.box.x0 < portraitFrom) })).filter((r) => r.pieces.length > 0);

  // Rows by label; a row whose label was misread takes its place among the others.
  let nameRow = content.find((r) => r.pieces.some((p) => p.label === '姓名'));
  let sexRow = content.find((r) => r.pieces.some((p) => p.label === '性别' || p.label === '民族'));
  let birthRow = content.find((r) => r.pieces.some((p) => p.label === '出生'));
  const addressRow = content.find((r) => r.pieces.some((p) => p.label === '住址'));
  const indexOf = (r: Row | undefined): number => (r ? content.indexOf(r) : -1);
  sexRow ??=
    content.find(
      (r) =>
        r !== nameRow &&
        r !== birthRow &&
        r !== addressRow &&
        r.pieces.some((p) => /^[男女]$/.test(p.chars.find((c) => CJK.test(c.ch))?.ch ?? '') && p.chars.length <= 2),
    ) ?? (nameRow ? content[indexOf(nameRow) + 1] : birthRow ? content[indexOf(birthRow) - 1] : content[1]);
  birthRow ??=
    content.find((r) => r !== nameRow && r !== sexRow && r !== addressRow && /(19|20)\d\d.*[年月]/.test(r.pieces.map((p) => text(p.chars)).join(''))) ??
    (sexRow ? content[indexOf(sexRow) + 1] : undefined);
  nameRow ??= sexRow && indexOf(sexRow) > 0 ? content[indexOf(sexRow) - 1] : content[0] !== sexRow ? content[0] : undefined;

  const nameValue = nameRow ? (nameRow.pieces.some((p) => p.label === '姓名') ? afterLabel(nameRow, '姓名') : valuesOf(nameRow, labelColumn, unit)) : [];
  const name = flat(nameValue).filter((c) => CJK.test(c.ch));

  let sex: LayoutChar | null = null;
  let ethnicity: LayoutChar[] = [];
  if (sexRow) {
    const sexPart = sexRow.pieces.some((p) => p.label === '性别') ? afterLabel(sexRow, '性别') : valuesOf(sexRow, labelColumn, unit).filter((p) => !p.label);
    const sexChars = flat(sexPart.filter((p) => !p.label));
    sex = sexChars.find((c) => c.ch === '男' || c.ch === '女') ?? null;
    if (sexRow.pieces.some((p) => p.label === '民族')) ethnicity = flat(afterLabel(sexRow, '民族'));
    else {
      // No 民族 label: what follows the sex character, without a misread label (two characters).
      const i = sexChars.findIndex((c) => c === sex);
      const rest = sexChars.slice(i + 1).filter((c) => CJK.test(c.ch));
      ethnicity = rest.length > 2 ? rest.slice(2) : rest.length === 2 && rest[1]!.ch !== '族' ? rest.slice(rest[0]!.ch === '族' ? 1 : 0) : rest;
    }
    ethnicity = ethnicity.filter((c) => CJK.test(c.ch));
  }

  const birth = birthRow ? flat(birthRow.pieces.some((p) => p.label === '出生') ? afterLabel(birthRow, '出生') : valuesOf(birthRow, labelColumn, unit)) : [];

  // The address: its row and the rows below it up to the number, in the value column.
  let address: LayoutChar[] = [];
  const firstAddress = addressRow ?? (birthRow ? content[indexOf(birthRow) + 1] : undefined);
  if (firstAddress) {
    const start = content.indexOf(firstAddress);
    const head = addressRow ? afterLabel(addressRow, '住址') : valuesOf(firstAddress, labelColumn, unit);
    const valueX = head[0]?.box.x0 ?? null;
    const parts: Piece[] = [...head];
    for (const r of content.slice(start + 1)) {
      if (r.pieces.some((p) => p.label)) break;
      const vs = r.pieces.filter((p) => valueX === null || p.box.x0 > valueX - unit * 1.5);
      parts.push(...vs);
    }
    address = flat(parts);
  }

  return {
    name,
    nameBox: boxOf(nameValue),
    sex,
    ethnicity,
    birth,
    address,
    idNumber: flat(idPieces),
    idBox: boxOf(idPieces),
    labels: labelsFound,
  };
}

const AUTHORITY_END = /(公安局|分局|派出所)/;
const DATE = /\d{4}\D?\d{2}\D?\d{2}/;

export function parseBackLayout(lines: readonly LayoutLine[]): BackLayout {
  const pieces = cut(lines, BACK_LABELS);
  const all = rows(pieces);
  const labels = new Set(pieces.filter((p) => p.label).map((p) => p.label)).size;
  const byLabel = (label: string): Piece[] => {
    const row = all.find((r) => r.pieces.some((p) => p.label === label));
    return row ? afterLabel(row, label) : [];
  };
  let authority = byLabel('签发机关');
  let validity = byLabel('有效期限');
  if (!authority.length) {
    const found = pieces.filter((p) => !p.label && AUTHORITY_END.test(text(p.chars))).sort((a, b) => b.chars.length - a.chars.length)[0];
    if (found) authority = [found];
  }
  if (!validity.length || !DATE.test(text(flat(validity)))) {
    const row = all.find((r) => r.pieces.some((p) => !p.label && DATE.test(text(p.chars))));
    if (row) validity = row.pieces.filter((p) => !p.label && (/\d/.test(text(p.chars)) || /长期/.test(text(p.chars))));
  }
  return { authority: flat(authority), validity: flat(validity), validityBox: boxOf(validity), labels };
}

// Synthetic identity documents for the OCR tests and benchmark (issue 4), deterministic by seed.
//
//   node bench/ocr/corpus.mjs --seed 20261104 --per-level 3 --out /tmp/cards [--extras]
//
// Resident ID card fronts and backs in the real card's layout (labels, values, photo, number),
// rendered by sharp from SVG with Debian's Noto CJK fonts, people from @zczr/demo-data (valid
// numbers, real Wenjiang addresses), then degraded:
//   clean — a flat scan;
//   mild  — ±3° rotation, slight blur, JPEG q70;
//   hard  — ±8° rotation, perspective skew, noise, uneven light, cluttered desk, 800 px wide, JPEG q40.
// Also a disability certificate page (残疾人证) and a household-register member page (常住人口登记卡).
// The same seed gives the same images, byte for byte, on a machine with the same fonts and libvips.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { generateHouseholds, Rng } from '@zczr/demo-data';
import { DISABILITY_CATEGORY_NAMES, DISABILITY_GRADE_NAMES, validateIdNumber } from '@zczr/id-card';

export const LEVELS = ['clean', 'mild', 'hard'];
export const CARD_W = 1712;
export const CARD_H = 1080;

const SANS = "'Noto Sans CJK SC'";
const SERIF = "'Noto Serif CJK SC'";
const MONO = "'DejaVu Sans Mono'";
const LABEL = '#2d63a0';
const INK = '#141414';
const REFERENCE_DATE = '2026-11-01';

// ---------------------------------------------------------------------------------------------
// People

/**
 * One person of card age (16+) from each household of the demo population, in order (which
 * member varies from household to household), so that names and addresses all differ.
 */
export function* people(seed) {
  let k = 0;
  for (const h of generateHouseholds({ seed, count: 1_000_000 })) {
    const adults = h.members.map((m) => ({ m, v: validateIdNumber(m.idNumber) })).filter(({ v }) => v.valid && age(v.birthDate) >= 16);
    if (adults.length === 0) continue;
    const { m, v } = adults[k++ % adults.length];
    yield { member: m, household: h, id: v };
  }
}

export function age(birthDate) {
  const [y, mo, d] = birthDate.split('-').map(Number);
  const [ry, rmo, rd] = REFERENCE_DATE.split('-').map(Number);
  return ry - y - (rmo < mo || (rmo === mo && rd < d) ? 1 : 0);
}

export const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x, y, s, { size = 52, fill = INK, family = SANS, weight = 400, spacing = 0, anchor = 'start' } = {}) =>
  `<text x="${x}" y="${y}" font-family="${family}" font-size="${size}" font-weight="${weight}" fill="${fill}" letter-spacing="${spacing}" text-anchor="${anchor}">${esc(s)}</text>`;

/** The card's printed ethnicity: 汉族 → 汉. */
export const shortEthnicity = (e) => (e ?? '汉族').replace(/族$/, '');

/** Address lines as printed: 11 characters a line, digits count as half. */
export function addressLines(address, perLine = 11) {
  const lines = [];
  let line = '';
  let width = 0;
  for (const ch of address) {
    const w = /[0-9A-Za-z-]/.test(ch) ? 0.5 : 1;
    if (width + w > perLine) {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += ch;
    width += w;
  }
  if (line) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Card faces (SVG)

export function guilloche(rng, w, h, colour) {
  const paths = [];
  for (let k = 0; k < 7; k++) {
    const amp = rng.range(20, 60);
    const period = rng.range(180, 420);
    const phase = rng.range(0, 6.28);
    const y0 = rng.range(0, h);
    let d = '';
    for (let x = 0; x <= w; x += 16) d += `${x === 0 ? 'M' : 'L'}${x},${(y0 + amp * Math.sin((x / period) * 6.28 + phase)).toFixed(1)} `;
    paths.push(`<path d="${d}" stroke="${colour}" stroke-width="2" fill="none" opacity="0.55"/>`);
  }
  return paths.join('');
}

function cardBase(rng, body) {
  const hue = rng.pick([
    ['#eef4f3', '#f7f0e2'],
    ['#f1f3f7', '#f6efe6'],
    ['#edf2ee', '#f8f2e8'],
  ]);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_W}" height="${CARD_H}" viewBox="0 0 ${CARD_W} ${CARD_H}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${hue[0]}"/><stop offset="1" stop-color="${hue[1]}"/></linearGradient>
  <radialGradient id="ph" cx="0.5" cy="0.4" r="0.7"><stop offset="0" stop-color="#e9eef3"/><stop offset="1" stop-color="#cfd8e2"/></radialGradient></defs>
  <rect x="0" y="0" width="${CARD_W}" height="${CARD_H}" rx="64" fill="url(#bg)"/>
  ${guilloche(rng, CARD_W, CARD_H, '#d3dfe9')}
  ${body}
</svg>`;
}

function frontSvg(rng, p) {
  const [y, m, d] = p.id.birthDate.split('-');
  const lines = addressLines(p.household.address);
  const addrSize = lines.length > 3 ? 46 : 52;
  const addrStep = lines.length > 3 ? 64 : 74;
  const body = [
    // photo
    `<rect x="1150" y="150" width="420" height="560" fill="url(#ph)"/>`,
    `<ellipse cx="1360" cy="360" rx="105" ry="130" fill="#8d949e"/>`,
    `<path d="M1190,710 C1200,560 1290,520 1360,520 C1430,520 1520,560 1530,710 Z" fill="#7d848e"/>`,
    text(130, 195, '姓名', { size: 40, fill: LABEL, spacing: 20 }),
    text(300, 200, p.member.name, { size: 62, weight: 500 }),
    text(130, 318, '性别', { size: 40, fill: LABEL, spacing: 20 }),
    text(300, 320, p.id.sex === 'male' ? '男' : '女', { size: 56 }),
    text(520, 318, '民族', { size: 40, fill: LABEL, spacing: 20 }),
    text(690, 320, shortEthnicity(p.member.ethnicity), { size: 56 }),
    text(130, 438, '出生', { size: 40, fill: LABEL, spacing: 20 }),
    text(300, 440, y, { size: 56 }),
    text(440, 438, '年', { size: 40, fill: LABEL }),
    text(520, 440, String(Number(m)), { size: 56 }),
    text(600, 438, '月', { size: 40, fill: LABEL }),
    text(680, 440, String(Number(d)), { size: 56 }),
    text(760, 438, '日', { size: 40, fill: LABEL }),
    text(130, 558, '住址', { size: 40, fill: LABEL, spacing: 20 }),
    ...lines.map((l, i) => text(300, 560 + i * addrStep, l, { size: addrSize })),
    text(130, 938, '公民身份号码', { size: 40, fill: LABEL, spacing: 6 }),
    text(560, 942, p.id.idNumber, { size: 66, family: MONO, weight: 700, spacing: 8 }),
  ].join('\n');
  return cardBase(rng, body);
}

export function star(cx, cy, r, fill) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.4;
    pts.push(`${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`);
  }
  return `<polygon points="${pts.join(' ')}" fill="${fill}"/>`;
}

/** Issuing authority and validity as the rules give them: 5/10/20 years or 长期 by age at issue. */
export function backFields(rng, p) {
  const birthYear = Number(p.id.birthDate.slice(0, 4));
  const issueYear = Math.min(2026, Math.max(birthYear + 16, rng.int(2006, 2025)));
  const issue = `${issueYear}.${String(rng.int(1, 12)).padStart(2, '0')}.${String(rng.int(1, 28)).padStart(2, '0')}`;
  const ageAtIssue = issueYear - birthYear;
  const years = ageAtIssue < 16 ? 5 : ageAtIssue <= 25 ? 10 : ageAtIssue <= 45 ? 20 : null;
  const until = years === null ? '长期' : `${issueYear + years}${issue.slice(4)}`;
  // 温江 became a district in 2002: older cards were issued by the county police.
  const authority = issueYear < 2002 ? '温江县公安局' : rng.pick(['成都市公安局温江区分局', '成都市公安局温江分局']);
  return { authority, validFrom: issue, validTo: until };
}

function backSvg(rng, fields) {
  const stars = [
    star(270, 190, 46, '#f4c430'),
    star(348, 140, 16, '#f4c430'),
    star(372, 182, 16, '#f4c430'),
    star(370, 232, 16, '#f4c430'),
    star(344, 270, 16, '#f4c430'),
  ];
  const body = [
    `<circle cx="290" cy="230" r="150" fill="#c8262e" opacity="0.92"/>`,
    `<circle cx="290" cy="230" r="150" fill="none" stroke="#f4c430" stroke-width="10"/>`,
    ...stars,
    text(560, 230, '中华人民共和国', { size: 84, weight: 700, spacing: 22 }),
    text(520, 430, '居民身份证', { size: 132, weight: 700, spacing: 40 }),
    text(380, 838, '签发机关', { size: 40, fill: LABEL, spacing: 10 }),
    text(640, 842, fields.authority, { size: 52 }),
    text(380, 948, '有效期限', { size: 40, fill: LABEL, spacing: 10 }),
    text(640, 952, `${fields.validFrom}-${fields.validTo}`, { size: 52 }),
  ].join('\n');
  return cardBase(rng, body);
}

function disabilitySvg(rng, p, cert) {
  const W = 1500;
  const H = 1000;
  const issued = `${rng.int(2010, 2024)}年${String(rng.int(1, 12)).padStart(2, '0')}月${String(rng.int(1, 28)).padStart(2, '0')}日`;
  const row = (i) => 250 + i * 100;
  const body = [
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#f6f2e7"/>`,
    `<rect x="40" y="40" width="${W - 80}" height="${H - 80}" fill="none" stroke="#b9463c" stroke-width="4"/>`,
    text(W / 2, 150, '中华人民共和国残疾人证', { size: 64, weight: 700, fill: '#b02a2a', anchor: 'middle', family: SERIF, spacing: 8 }),
    `<rect x="1130" y="210" width="260" height="340" fill="#dfe4ea" stroke="#999"/>`,
    text(110, row(0), '姓名：', { size: 44 }),
    text(250, row(0), p.member.name, { size: 48 }),
    text(600, row(0), '性别：', { size: 44 }),
    text(740, row(0), p.id.sex === 'male' ? '男' : '女', { size: 48 }),
    text(110, row(1), '身份证号：', { size: 44 }),
    text(340, row(1), p.id.idNumber, { size: 50, family: MONO }),
    text(110, row(2), '残疾人证号：', { size: 44 }),
    text(380, row(2), cert.certificateNumber, { size: 50, family: MONO }),
    text(110, row(3), '残疾类别：', { size: 44 }),
    text(340, row(3), cert.categoryName, { size: 48 }),
    text(700, row(3), '残疾等级：', { size: 44 }),
    text(930, row(3), cert.gradeName, { size: 48 }),
    text(110, row(4), '发证机关：', { size: 44 }),
    text(340, row(4), '成都市温江区残疾人联合会', { size: 48 }),
    text(110, row(5), '发证日期：', { size: 44 }),
    text(340, row(5), issued, { size: 48 }),
  ].join('\n');
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${body}</svg>`, issued };
}

const RELATION_TEXT = {
  head: () => '户主',
  spouse: (sex) => (sex === 'male' ? '夫' : '妻'),
  child: (sex) => (sex === 'male' ? '子' : '女'),
  parent: (sex) => (sex === 'male' ? '父亲' : '母亲'),
  grandparent: (sex) => (sex === 'male' ? '祖父' : '祖母'),
  grandchild: (sex) => (sex === 'male' ? '孙子' : '孙女'),
  sibling: (sex) => (sex === 'male' ? '兄' : '姐'),
  child_in_law: (sex) => (sex === 'male' ? '女婿' : '儿媳'),
  other: () => '其他',
};
const EDUCATION_TEXT = {
  none: '文盲或半文盲',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  vocational: '中等专科',
  college: '大学专科',
  bachelor: '大学本科',
  postgraduate: '研究生',
};
const OCCUPATION = {
  employed: ['职员', '个体工商户员工'],
  self_employed: ['个体经营者', '个体经营'],
  farming: ['农民', '务农'],
  flexible: ['灵活就业', '自由职业'],
  unemployed: ['无业', '无'],
  retired: ['退休', '退休人员'],
  student: ['学生', '学生'],
  preschool: ['学龄前儿童', '无'],
  unable: ['无业', '无'],
};

function householdSvg(rng, p) {
  const W = 1600;
  const H = 1120;
  const sex = p.id.sex;
  const [by, bm, bd] = p.id.birthDate.split('-');
  const job = OCCUPATION[p.member.employment ?? 'unemployed'] ?? ['无业', '无'];
  const employer = p.member.employment === 'employed' ? rng.pick(['温江区人民医院', '成都某物流有限公司', '温江区柳城小学']) : '无';
  const married =
    p.member.relation === 'head' || p.member.relation === 'spouse' || p.member.relation === 'child_in_law' || age(p.id.birthDate) > 30
      ? rng.pick(['已婚', '已婚', '丧偶', '离婚'])
      : '未婚';
  const fields = {
    name: p.member.name,
    relation: RELATION_TEXT[p.member.relation](sex),
    sex: sex === 'male' ? '男' : '女',
    ethnicity: p.member.ethnicity ?? '汉族',
    birthDate: `${by}年${bm}月${bd}日`,
    idNumber: p.id.idNumber,
    education: EDUCATION_TEXT[p.member.education ?? 'primary'],
    maritalStatus: married,
    employer,
    occupation: job[0],
  };
  const x = [60, 330, 800, 1120, 1540];
  const top = 170;
  const rh = 96;
  const rows = [
    ['姓名', fields.name, '户主或与户主关系', fields.relation],
    ['曾用名', '', '性别', fields.sex],
    ['出生地', '四川省成都市', '民族', fields.ethnicity],
    ['籍贯', '四川省成都市', '出生日期', fields.birthDate],
    ['宗教信仰', '', '公民身份证件编号', fields.idNumber],
    ['身高', '', '血型', ''],
    ['文化程度', fields.education, '婚姻状况', fields.maritalStatus],
    ['服务处所', fields.employer, '职业', fields.occupation],
    ['兵役状况', '', '何时由何地迁来本址', ''],
  ];
  const parts = [
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fbf7ee"/>`,
    guilloche(rng, W, H, '#efe2cf'),
    text(W / 2, 110, '常住人口登记卡', { size: 60, weight: 700, anchor: 'middle', family: SERIF, spacing: 12 }),
    `<rect x="${x[0]}" y="${top}" width="${x[4] - x[0]}" height="${rh * rows.length}" fill="none" stroke="#4a4a4a" stroke-width="3"/>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rh;
    if (i > 0) parts.push(`<line x1="${x[0]}" y1="${y}" x2="${x[4]}" y2="${y}" stroke="#4a4a4a" stroke-width="2"/>`);
    const base = y + rh / 2 + 14;
    const lsize = r[2].length > 6 ? 30 : 36;
    parts.push(text(x[0] + 20, base, r[0], { size: 36 }));
    parts.push(text(x[1] + 20, base, r[1], { size: 40 }));
    parts.push(text(x[2] + 16, base, r[2], { size: lsize }));
    parts.push(text(x[3] + 16, base, r[3], { size: r[3].length > 12 ? 34 : 40, family: /^\d{17}/.test(r[3]) ? MONO : SANS }));
  });
  for (const xx of x.slice(1, 4)) parts.push(`<line x1="${xx}" y1="${top}" x2="${xx}" y2="${top + rh * rows.length}" stroke="#4a4a4a" stroke-width="2"/>`);
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join('\n')}</svg>`, fields };
}

// ---------------------------------------------------------------------------------------------
// Degradation

/** Solves the 8 unknowns of the homography taking src[i] to dst[i] (four point pairs). */
export function homography(src, dst) {
  const A = [];
  const b = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i];
    const [u, v] = dst[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < 8; k++) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  return b.map((v, i) => v / A[i][i]);
}

export async function rasterise(svg) {
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const CLUTTER_WORDS = ['发票', '收据', '成都银行', '温江区', '办事指南', '医保', '通知', '会议纪要', '2026', '签字', '便签', '电话'];

export function clutterSvg(rng, w, h) {
  const base = rng.pick(['#6b5848', '#5d6670', '#7a6a58', '#4f5a52', '#8a7c6c']);
  const parts = [`<rect width="${w}" height="${h}" fill="${base}"/>`];
  // wood grain / fabric stripes
  for (let i = 0; i < 40; i++) {
    const y = rng.range(0, h);
    parts.push(
      `<path d="M0,${y.toFixed(0)} C${w / 3},${(y + rng.range(-40, 40)).toFixed(0)} ${(2 * w) / 3},${(y + rng.range(-40, 40)).toFixed(0)} ${w},${(y + rng.range(-30, 30)).toFixed(0)}" stroke="#000" stroke-opacity="${rng.range(0.03, 0.1).toFixed(2)}" stroke-width="${rng.int(2, 9)}" fill="none"/>`,
    );
  }
  for (let i = 0; i < 9; i++) {
    const kind = rng.int(0, 3);
    const x = rng.range(-100, w);
    const y = rng.range(-100, h);
    const fill = rng.pick(['#2c3e50', '#8e44ad', '#c0392b', '#d35400', '#16a085', '#bdc3c7', '#95a5a6', '#34495e', '#cfc6b4']);
    if (kind === 0)
      parts.push(
        `<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="${rng.int(80, 380)}" height="${rng.int(60, 300)}" fill="${fill}" transform="rotate(${rng.int(-40, 40)} ${x.toFixed(0)} ${y.toFixed(0)})"/>`,
      );
    else if (kind === 1) parts.push(`<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${rng.int(40, 160)}" fill="${fill}"/>`);
    else if (kind === 2)
      parts.push(
        `<line x1="${x.toFixed(0)}" y1="${y.toFixed(0)}" x2="${(x + rng.range(-500, 500)).toFixed(0)}" y2="${(y + rng.range(-300, 300)).toFixed(0)}" stroke="${fill}" stroke-width="${rng.int(10, 26)}" stroke-linecap="round"/>`,
      );
    else
      parts.push(
        `<g transform="rotate(${rng.int(-30, 30)} ${x.toFixed(0)} ${y.toFixed(0)})"><rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="360" height="220" fill="#d9d4c7"/>${text(x + 20, y + 80, rng.pick(CLUTTER_WORDS), { size: 48, fill: '#333' })}${text(x + 20, y + 160, rng.pick(CLUTTER_WORDS), { size: 40, fill: '#555' })}</g>`,
      );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
}

/**
 * Places the face (raw RGBA) into a photo of size w×h: its corners go to `quad`; `background`
 * (raw RGBA of the same size) shows elsewhere. Light falls unevenly (vignette + gradient), with
 * Gaussian noise of `noise` levels. Inverse mapping with bilinear sampling.
 */
export function compose(face, background, w, h, quad, rng, { light = 0, noise = 0 }) {
  const H = homography(quad, [
    [0, 0],
    [face.width, 0],
    [face.width, face.height],
    [0, face.height],
  ]);
  const out = Buffer.alloc(w * h * 3);
  const lx = rng.range(-1, 1);
  const ly = rng.range(-1, 1);
  const cx = rng.range(0.2, 0.8) * w;
  const cy = rng.range(0.2, 0.8) * h;
  // Darkest corner at (1 - light) of the brightest point, plus a gentle linear gradient.
  const R2 = Math.max(
    ...[
      [0, 0],
      [w, 0],
      [0, h],
      [w, h],
    ].map(([px, py]) => (px - cx) ** 2 + (py - cy) ** 2),
  );
  const fw = face.width;
  const fh = face.height;
  const fd = face.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const den = H[6] * x + H[7] * y + 1;
      const u = (H[0] * x + H[1] * y + H[2]) / den;
      const v = (H[3] * x + H[4] * y + H[5]) / den;
      const o = (y * w + x) * 3;
      const bo = (y * w + x) * 4;
      let r = background.data[bo];
      let g = background.data[bo + 1];
      let b = background.data[bo + 2];
      if (u >= 0 && v >= 0 && u < fw - 1 && v < fh - 1) {
        const x0 = Math.floor(u);
        const y0 = Math.floor(v);
        const ax = u - x0;
        const ay = v - y0;
        const i00 = (y0 * fw + x0) * 4;
        const i10 = i00 + 4;
        const i01 = i00 + fw * 4;
        const i11 = i01 + 4;
        const alpha = ((fd[i00 + 3] * (1 - ax) + fd[i10 + 3] * ax) * (1 - ay) + (fd[i01 + 3] * (1 - ax) + fd[i11 + 3] * ax) * ay) / 255;
        const s = (c) => (fd[i00 + c] * (1 - ax) + fd[i10 + c] * ax) * (1 - ay) + (fd[i01 + c] * (1 - ax) + fd[i11 + c] * ax) * ay;
        r = r * (1 - alpha) + s(0) * alpha;
        g = g * (1 - alpha) + s(1) * alpha;
        b = b * (1 - alpha) + s(2) * alpha;
      }
      let f = 1;
      if (light) {
        const d2 = ((x - cx) ** 2 + (y - cy) ** 2) / R2;
        f = 1 - light * d2 + light * 0.3 * ((x / w - 0.5) * lx + (y / h - 0.5) * ly);
      }
      let n = 0;
      if (noise) n = rng.normal(0, noise);
      out[o] = Math.max(0, Math.min(255, r * f + n));
      out[o + 1] = Math.max(0, Math.min(255, g * f + n));
      out[o + 2] = Math.max(0, Math.min(255, b * f + n));
    }
  }
  return out;
}

export function rotatedQuad(cx, cy, w, h, deg, jitter, rng) {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ].map(([x, y]) => [cx + x * c - y * s + (jitter ? rng.range(-jitter, jitter) * w : 0), cy + x * s + y * c + (jitter ? rng.range(-jitter, jitter) * h : 0)]);
}

/** Where the card's corners ended up in the final image (top-left, top-right, bottom-right, bottom-left). */
const roundQuad = (quad, k) => quad.map(([x, y]) => [Math.round(x * k * 10) / 10, Math.round(y * k * 10) / 10]);

/** Renders a face at one degradation level; returns JPEG bytes and what was done. */
export async function degrade(svg, level, rng) {
  const face = await rasterise(svg);
  if (level === 'clean') {
    const image = await sharp(face.data, { raw: { width: face.width, height: face.height, channels: 4 } })
      .flatten({ background: '#ffffff' })
      .extend({ top: 24, bottom: 24, left: 24, right: 24, background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer();
    const quad = [
      [24, 24],
      [24 + face.width, 24],
      [24 + face.width, 24 + face.height],
      [24, 24 + face.height],
    ];
    return { image, params: { rotation: 0, quad } };
  }
  if (level === 'mild') {
    const rotation = Number(rng.range(-3, 3).toFixed(2));
    const w = Math.round(face.width * 1.12);
    const h = Math.round(face.height * 1.16);
    const bg = await rasterise(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${rng.pick(['#d8d4cc', '#c9ccd1', '#e2ddd2'])}"/></svg>`,
    );
    const quad = rotatedQuad(w / 2, h / 2, face.width, face.height, rotation, 0, rng);
    const raw = compose(face, bg, w, h, quad, rng, { light: 0.08, noise: 2 });
    const blur = Number(rng.range(0.6, 1.0).toFixed(2));
    const image = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
      .blur(blur)
      .jpeg({ quality: 70 })
      .toBuffer();
    return { image, params: { rotation, blur, quality: 70, quad: roundQuad(quad, 1) } };
  }
  const rotation = Number(rng.range(-8, 8).toFixed(2));
  const w = Math.round(face.width * 1.22);
  const h = Math.round(face.height * 1.35);
  const bg = await rasterise(clutterSvg(rng, w, h));
  const scale = rng.range(0.86, 0.95);
  const quad = rotatedQuad(
    w / 2 + rng.range(-0.04, 0.04) * w,
    h / 2 + rng.range(-0.04, 0.04) * h,
    face.width * scale,
    face.height * scale,
    rotation,
    0.035,
    rng,
  );
  const light = Number(rng.range(0.3, 0.45).toFixed(2));
  const noise = Number(rng.range(7, 12).toFixed(1));
  const raw = compose(face, bg, w, h, quad, rng, { light, noise });
  const image = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .blur(0.5)
    .resize({ width: 800 })
    .jpeg({ quality: 40 })
    .toBuffer();
  return { image, params: { rotation, perspective: 0.035, light, noise, width: 800, quality: 40, quad: roundQuad(quad, 800 / w) } };
}

// ---------------------------------------------------------------------------------------------
// The corpus

/** Ground truth of an ID card front, as the OCR service should return it. */
export function frontTruth(p) {
  return {
    name: p.member.name,
    sex: p.id.sex === 'male' ? '男' : '女',
    ethnicity: shortEthnicity(p.member.ethnicity),
    birthDate: p.id.birthDate,
    address: p.household.address,
    idNumber: p.id.idNumber,
  };
}

/**
 * The cards of one corpus: `count` people, each as front and back, at every level (card i of
 * level L is person i; each (i, level, side) has its own random stream).
 */
export async function* generateCorpus({ seed, count, levels = LEVELS, sides = ['front', 'back'] }) {
  let i = 0;
  for (const p of people(seed)) {
    if (i >= count) return;
    for (const level of levels) {
      for (const side of sides) {
        const rng = Rng.derive(seed >>> 0, i, LEVELS.indexOf(level), side === 'front' ? 1 : 2);
        const svgRng = Rng.derive(seed >>> 0, i, 99, side === 'front' ? 1 : 2);
        if (side === 'front') {
          const { image, params } = await degrade(frontSvg(svgRng, p), level, rng);
          yield { id: `${String(i).padStart(4, '0')}-${level}-front`, kind: 'id_card_front', level, image, params, truth: frontTruth(p) };
        } else {
          const fields = backFields(Rng.derive(seed >>> 0, i, 98), p);
          const { image, params } = await degrade(backSvg(svgRng, fields), level, rng);
          yield { id: `${String(i).padStart(4, '0')}-${level}-back`, kind: 'id_card_back', level, image, params, truth: fields };
        }
      }
    }
    i++;
  }
}

/** One disability certificate page and one household-register page (first people who fit). */
export async function generateExtras({ seed, level = 'clean' }) {
  const out = [];
  for (const p of people(seed)) {
    if (!p.member.disability?.certificateNumber) continue;
    const rng = Rng.derive(seed >>> 0, 7001);
    const category = p.member.disability.category;
    const grade = p.member.disability.grade;
    const cert = {
      certificateNumber: p.member.disability.certificateNumber,
      categoryName: DISABILITY_CATEGORY_NAMES[category],
      gradeName: DISABILITY_GRADE_NAMES[grade],
    };
    const { svg, issued } = disabilitySvg(rng, p, cert);
    const { image, params } = await degrade(svg, level, Rng.derive(seed >>> 0, 7002));
    out.push({
      id: `disability-${level}`,
      kind: 'disability_certificate',
      level,
      image,
      params,
      truth: {
        name: p.member.name,
        idNumber: p.id.idNumber,
        certificateNumber: cert.certificateNumber,
        category: cert.categoryName,
        grade: cert.gradeName,
        issued,
      },
    });
    break;
  }
  let k = 0;
  for (const p of people(seed)) {
    if (k++ < 3) continue; // someone else than the first card holders
    const rng = Rng.derive(seed >>> 0, 7003);
    const { svg, fields } = householdSvg(rng, p);
    const { image, params } = await degrade(svg, level, Rng.derive(seed >>> 0, 7004));
    out.push({ id: `household-register-${level}`, kind: 'household_register', level, image, params, truth: fields });
    break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CLI

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seed = Number(arg('seed', '20261104'));
  const count = Number(arg('per-level', '3'));
  const out = resolve(arg('out', 'test-output/ocr-corpus'));
  mkdirSync(out, { recursive: true });
  const truth = [];
  for await (const c of generateCorpus({ seed, count })) {
    writeFileSync(join(out, `${c.id}.jpg`), c.image);
    truth.push({ file: `${c.id}.jpg`, kind: c.kind, level: c.level, params: c.params, truth: c.truth });
  }
  if (process.argv.includes('--extras')) {
    for (const level of arg('extras-levels', 'clean,mild').split(',')) {
      for (const c of await generateExtras({ seed, level })) {
        writeFileSync(join(out, `${c.id}.jpg`), c.image);
        truth.push({ file: `${c.id}.jpg`, kind: c.kind, level: c.level, params: c.params, truth: c.truth });
      }
    }
  }
  writeFileSync(join(out, 'truth.json'), `${JSON.stringify({ seed, generator: 'bench/ocr/corpus.mjs', cards: truth }, null, 2)}\n`);
  console.log(`${truth.length} images written to ${out}`);
}

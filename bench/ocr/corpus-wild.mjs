// A second corpus of ID cards (issue 13), deliberately unlike the first (corpus.mjs), which the
// pipeline was tuned on: the same real layout, but other fonts, fields moved by a few percent, and
// the photos residents actually send. Deterministic by seed: tune on one seed, report on another.
//
//   node bench/ocr/corpus-wild.mjs --seed 20261203 --per-level 3 --out /tmp/wild
//
// Fonts (Debian packages, see setup-fonts.sh): body in WenQuanYi Zen Hei, AR PL UMing or Noto Serif
// CJK; the number in FreeMono, Liberation Mono, FreeSans or DejaVu Serif (never the body's font).
// Levels:
//   clean     — flatbed scans: white margins of 3–15 %, up to ±1°, JPEG q85;
//   fullbleed — the card fills the photo: tight crops (up to 2 % cut off), the camera's card frame
//               (slight perspective), screenshots shrunk to 600 px at JPEG q30–45;
//   hard      — pale card on a pale desk with blur, glare, a busy desk with perspective, a portrait
//               photo with the card turned 90°, and JPEG q30.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { Rng } from '@zczr/demo-data';
import {
  CARD_H,
  CARD_W,
  addressLines,
  backFields,
  clutterSvg,
  compose,
  esc,
  frontTruth,
  guilloche,
  people,
  rasterise,
  rotatedQuad,
  shortEthnicity,
  star,
} from './corpus.mjs';

export const WILD_LEVELS = ['clean', 'fullbleed', 'hard'];
export const WILD_TUNE_SEED = 20261203;
export const WILD_HELD_OUT_SEED = 20261207;

const BODY_FONTS = ["'WenQuanYi Zen Hei'", "'AR PL UMing CN'", "'Noto Serif CJK SC'"];
const DIGIT_FONTS = ["'FreeMono'", "'Liberation Mono'", "'FreeSans'", "'DejaVu Serif'"];
const INK = '#1a1a1a';

const text = (x, y, s, { size = 52, fill = INK, family, weight = 400, spacing = 0, anchor = 'start' } = {}) =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${family}" font-size="${size.toFixed(1)}" font-weight="${weight}" fill="${fill}" letter-spacing="${spacing}" text-anchor="${anchor}">${esc(s)}</text>`;

/** A face's look: fonts, colours, and how far each group of fields is moved (card units). */
function style(rng) {
  const shift = () => [rng.range(-0.03, 0.03) * CARD_W, rng.range(-0.03, 0.03) * CARD_H];
  return {
    body: rng.pick(BODY_FONTS),
    digits: rng.pick(DIGIT_FONTS),
    label: rng.pick(['#2d63a0', '#3a6ea5', '#40628a', '#2b5c8a']),
    size: rng.range(0.92, 1.08),
    all: shift(),
    name: shift().map((v) => v * 0.4),
    sex: shift().map((v) => v * 0.4),
    birth: shift().map((v) => v * 0.4),
    address: shift().map((v) => v * 0.4),
    number: shift().map((v) => v * 0.5),
    photo: shift(),
    hue: rng.pick([
      ['#f2f5f4', '#f5eedf'],
      ['#eef1f6', '#f3ebe0'],
      ['#f0f3ee', '#f6f0e6'],
      ['#f6f6f2', '#eef0ea'],
    ]),
  };
}

function base(rng, st, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_W}" height="${CARD_H}" viewBox="0 0 ${CARD_W} ${CARD_H}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${st.hue[0]}"/><stop offset="1" stop-color="${st.hue[1]}"/></linearGradient>
  <radialGradient id="ph" cx="0.5" cy="0.4" r="0.7"><stop offset="0" stop-color="#eceff2"/><stop offset="1" stop-color="#c9d2dc"/></radialGradient></defs>
  <rect x="0" y="0" width="${CARD_W}" height="${CARD_H}" rx="60" fill="url(#bg)"/>
  ${guilloche(rng, CARD_W, CARD_H, '#d6e0e8')}
  ${body}
</svg>`;
}

function frontSvg(rng, p) {
  const st = style(rng);
  const [y, m, d] = p.id.birthDate.split('-');
  const lines = addressLines(p.household.address);
  const k = st.size;
  const at = (g, x, yy) => [x + st.all[0] + g[0], yy + st.all[1] + g[1]];
  const label = (g, x, yy, s, spacing = 20) => {
    const [a, b] = at(g, x, yy);
    return text(a, b, s, { size: 40 * k, fill: st.label, family: st.body, spacing });
  };
  const value = (g, x, yy, s, size, opts = {}) => {
    const [a, b] = at(g, x, yy);
    return text(a, b, s, { size: size * k, family: st.body, ...opts });
  };
  const [px, py] = [1150 + st.photo[0] * 0.5, 150 + st.photo[1] * 0.5];
  const addrSize = lines.length > 3 ? 46 : 52;
  const addrStep = (lines.length > 3 ? 64 : 74) * k;
  const body = [
    `<rect x="${px}" y="${py}" width="420" height="560" fill="url(#ph)"/>`,
    `<ellipse cx="${px + 210}" cy="${py + 210}" rx="${rng.range(90, 115)}" ry="${rng.range(115, 140)}" fill="${rng.pick(['#8d949e', '#6f747b', '#9a8f86'])}"/>`,
    `<path d="M${px + 40},${py + 560} C${px + 50},${py + 410} ${px + 140},${py + 370} ${px + 210},${py + 370} C${px + 280},${py + 370} ${px + 370},${py + 410} ${px + 380},${py + 560} Z" fill="#7b828c"/>`,
    label(st.name, 130, 195, '姓名'),
    value(st.name, 300, 200, p.member.name, 62, { weight: 500 }),
    label(st.sex, 130, 318, '性别'),
    value(st.sex, 300, 320, p.id.sex === 'male' ? '男' : '女', 56),
    label(st.sex, 520, 318, '民族'),
    value(st.sex, 690, 320, shortEthnicity(p.member.ethnicity), 56),
    label(st.birth, 130, 438, '出生'),
    value(st.birth, 300, 440, y, 56),
    label(st.birth, 440, 438, '年', 0),
    value(st.birth, 520, 440, String(Number(m)), 56),
    label(st.birth, 600, 438, '月', 0),
    value(st.birth, 680, 440, String(Number(d)), 56),
    label(st.address, 130, 558, '住址'),
    ...lines.map((l, i) => value(st.address, 300, 560 + i * addrStep, l, addrSize)),
    label(st.number, 130, 938, '公民身份号码', 6),
    (() => {
      const [a, b] = at(st.number, 560, 942);
      return text(a, b, p.id.idNumber, { size: 64 * k, family: st.digits, weight: 700, spacing: 6 });
    })(),
  ].join('\n');
  return { svg: base(rng, st, body), style: { body: st.body, digits: st.digits } };
}

function backSvg(rng, fields) {
  const st = style(rng);
  const [dx, dy] = st.all;
  const stars = [
    star(270 + dx, 190 + dy, 46, '#f4c430'),
    star(348 + dx, 140 + dy, 16, '#f4c430'),
    star(372 + dx, 182 + dy, 16, '#f4c430'),
    star(370 + dx, 232 + dy, 16, '#f4c430'),
    star(344 + dx, 270 + dy, 16, '#f4c430'),
  ];
  const k = st.size;
  const body = [
    `<circle cx="${290 + dx}" cy="${230 + dy}" r="150" fill="#c8262e" opacity="0.92"/>`,
    ...stars,
    text(560 + dx, 230 + dy, '中华人民共和国', { size: 84, weight: 700, spacing: 22, family: st.body }),
    text(520 + dx, 430 + dy, '居民身份证', { size: 128, weight: 700, spacing: 40, family: st.body }),
    text(380 + dx + st.name[0], 838 + dy + st.name[1], '签发机关', { size: 40 * k, fill: st.label, spacing: 10, family: st.body }),
    text(640 + dx + st.name[0], 842 + dy + st.name[1], fields.authority, { size: 50 * k, family: st.body }),
    text(380 + dx + st.birth[0], 948 + dy + st.birth[1], '有效期限', { size: 40 * k, fill: st.label, spacing: 10, family: st.body }),
    text(640 + dx + st.birth[0], 952 + dy + st.birth[1], `${fields.validFrom}-${fields.validTo}`, { size: 50 * k, family: st.digits }),
  ].join('\n');
  return { svg: base(rng, st, body), style: { body: st.body, digits: st.digits } };
}

// ---------------------------------------------------------------------------------------------
// Photos

const plain = (w, h, fill) =>
  rasterise(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${fill}"/></svg>`);

/** Raw RGB → JPEG, optionally shrunk to `width`. */
const jpeg = (raw, w, h, { quality, width, blur }) => {
  let img = sharp(raw, { raw: { width: w, height: h, channels: 3 } });
  if (blur) img = img.blur(blur);
  if (width && width < w) img = img.resize({ width });
  return img.jpeg({ quality }).toBuffer();
};

/** A pale card: its contrast drawn toward white. */
function pale(face, amount) {
  const d = Buffer.from(face.data);
  for (let i = 0; i < d.length; i += 4) for (let c = 0; c < 3; c++) d[i + c] = 255 - (255 - d[i + c]) * (1 - amount);
  return { ...face, data: d };
}

/** A glare: a bright soft ellipse on part of the photo. */
function glare(raw, w, h, rng, quad) {
  const cx = quad[0][0] + (quad[1][0] - quad[0][0]) * rng.range(0.2, 0.8);
  const cy = quad[0][1] + (quad[3][1] - quad[0][1]) * rng.range(0.15, 0.85);
  const rx = Math.abs(quad[1][0] - quad[0][0]) * rng.range(0.08, 0.16);
  const ry = rx * rng.range(0.5, 1.2);
  const strength = rng.range(0.55, 0.85);
  for (let y = Math.max(0, Math.floor(cy - ry * 3)); y < Math.min(h, cy + ry * 3); y++) {
    for (let x = Math.max(0, Math.floor(cx - rx * 3)); x < Math.min(w, cx + rx * 3); x++) {
      const a = strength * Math.exp(-(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2));
      const o = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) raw[o + c] = raw[o + c] + (255 - raw[o + c]) * a;
    }
  }
  return { cx: Math.round(cx), cy: Math.round(cy), rx: Math.round(rx), strength: Number(strength.toFixed(2)) };
}

const round = (q, k = 1) => q.map(([x, y]) => [Math.round(x * k * 10) / 10, Math.round(y * k * 10) / 10]);

export async function photograph(svg, level, rng) {
  const face = await rasterise(svg);
  const fw = face.width;
  const fh = face.height;
  if (level === 'clean') {
    // A flatbed scan: the card somewhere on the white glass.
    const [l, r, t, b] = [0, 0, 0, 0].map(() => rng.range(0.03, 0.15));
    const w = Math.round(fw * (1 + l + r));
    const h = Math.round(fh * (1 + t + b));
    const rotation = rng.range(-1, 1);
    const quad = rotatedQuad(fw * (l + 0.5), fh * (t + 0.5), fw, fh, rotation, 0, rng);
    const raw = compose(face, await plain(w, h, rng.pick(['#ffffff', '#fbfbf9', '#f7f7f7'])), w, h, quad, rng, { light: 0.03, noise: 2 });
    const width = Math.round(rng.range(1200, 1800));
    return {
      image: await jpeg(raw, w, h, { quality: 85, width }),
      params: { variant: 'scan', rotation: Number(rotation.toFixed(2)), quality: 85, quad: round(quad, Math.min(1, width / w)) },
    };
  }
  if (level === 'fullbleed') {
    const variant = rng.pick(['crop', 'crop', 'frame', 'screenshot']);
    // The photo is the card, cut up to 2 % inside its edge (or a hair outside).
    const cut = () => rng.range(-0.02, 0.005);
    const [l, r, t, b] = [cut(), cut(), cut(), cut()];
    const w = Math.round(fw * (1 + l + r));
    const h = Math.round(fh * (1 + t + b));
    const jitter = variant === 'frame' ? 0.012 : 0;
    const quad = rotatedQuad(fw * (l + 0.5), fh * (t + 0.5), fw, fh, variant === 'frame' ? rng.range(-1.5, 1.5) : 0, jitter, rng);
    const raw = compose(face, await plain(w, h, '#b8b4ac'), w, h, quad, rng, { light: variant === 'frame' ? 0.12 : 0, noise: variant === 'frame' ? 4 : 1 });
    if (variant === 'screenshot') {
      const quality = Math.round(rng.range(30, 45));
      return { image: await jpeg(raw, w, h, { quality, width: 600 }), params: { variant, quality, width: 600, quad: round(quad, 600 / w) } };
    }
    const width = Math.round(rng.range(900, 1400));
    const quality = variant === 'frame' ? 60 : 75;
    return {
      image: await jpeg(raw, w, h, { quality, width, blur: variant === 'frame' ? 0.6 : undefined }),
      params: { variant, quality, width, quad: round(quad, width / w) },
    };
  }
  const variant = rng.pick(['pale', 'glare', 'busy', 'portrait', 'jpeg30']);
  if (variant === 'portrait') {
    // A phone held upright: the card lies across a portrait photo, turned a quarter either way.
    const w = Math.round(fh * 1.3);
    const h = Math.round(fw * 1.3);
    const rotation = (rng.int(0, 1) ? 90 : -90) + rng.range(-4, 4);
    const quad = rotatedQuad(w / 2 + rng.range(-0.04, 0.04) * w, h / 2 + rng.range(-0.04, 0.04) * h, fw * 0.92, fh * 0.92, rotation, 0.015, rng);
    const raw = compose(face, await plain(w, h, rng.pick(['#5d6670', '#7a6a58', '#8a8f96'])), w, h, quad, rng, { light: 0.2, noise: 5 });
    const width = Math.round(rng.range(700, 1000));
    return {
      image: await jpeg(raw, w, h, { quality: 60, width, blur: 0.5 }),
      params: { variant, rotation: Number(rotation.toFixed(2)), quality: 60, width, quad: round(quad, width / w) },
    };
  }
  const w = Math.round(fw * 1.25);
  const h = Math.round(fh * 1.35);
  const busy = variant === 'busy' || variant === 'jpeg30';
  const bg = busy
    ? await rasterise(clutterSvg(rng, w, h))
    : await plain(w, h, variant === 'pale' ? rng.pick(['#ece8e0', '#e6e8ea', '#efebe3']) : rng.pick(['#6b5848', '#5d6670', '#8a7c6c']));
  const rotation = rng.range(busy ? -8 : -4, busy ? 8 : 4);
  const scale = rng.range(0.85, 0.95);
  const quad = rotatedQuad(w / 2 + rng.range(-0.04, 0.04) * w, h / 2 + rng.range(-0.04, 0.04) * h, fw * scale, fh * scale, rotation, busy ? 0.035 : 0.015, rng);
  const card = variant === 'pale' ? pale(face, rng.range(0.25, 0.4)) : face;
  const raw = compose(card, bg, w, h, quad, rng, { light: busy ? rng.range(0.25, 0.4) : 0.12, noise: busy ? rng.range(6, 10) : 4 });
  const params = { variant, rotation: Number(rotation.toFixed(2)) };
  if (variant === 'glare') params.glare = glare(raw, w, h, rng, quad);
  const blur = variant === 'pale' ? rng.range(1.0, 1.6) : 0.5;
  const quality = variant === 'jpeg30' ? 30 : busy ? 40 : 50;
  const width = variant === 'jpeg30' ? 900 : 800 + rng.int(0, 400);
  return {
    image: await jpeg(raw, w, h, { quality, width, blur }),
    params: { ...params, blur: Number(blur.toFixed(2)), quality, width, quad: round(quad, width / w) },
  };
}

/** The corpus: `count` people, each as front and back at every level, each (i, level, side) its own random stream. */
export async function* generateWildCorpus({ seed, count, levels = WILD_LEVELS, sides = ['front', 'back'] }) {
  let i = 0;
  for (const p of people(seed)) {
    if (i >= count) return;
    for (const level of levels) {
      for (const side of sides) {
        const rng = Rng.derive(seed >>> 0, i, 50 + WILD_LEVELS.indexOf(level), side === 'front' ? 1 : 2);
        const svgRng = Rng.derive(seed >>> 0, i, 199, WILD_LEVELS.indexOf(level), side === 'front' ? 1 : 2);
        const id = `${String(i).padStart(4, '0')}-${level}-${side}`;
        if (side === 'front') {
          const { svg, style: st } = frontSvg(svgRng, p);
          const { image, params } = await photograph(svg, level, rng);
          yield { id, kind: 'id_card_front', level, image, params: { ...params, ...st }, truth: frontTruth(p) };
        } else {
          const fields = backFields(Rng.derive(seed >>> 0, i, 98), p);
          const { svg, style: st } = backSvg(svgRng, fields);
          const { image, params } = await photograph(svg, level, rng);
          yield { id, kind: 'id_card_back', level, image, params: { ...params, ...st }, truth: fields };
        }
      }
    }
    i++;
  }
}

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seed = Number(arg('seed', String(WILD_TUNE_SEED)));
  const count = Number(arg('per-level', '3'));
  const out = resolve(arg('out', 'test-output/ocr-wild'));
  const levels = arg('levels', WILD_LEVELS.join(',')).split(',');
  const start = Number(arg('from', '0'));
  mkdirSync(out, { recursive: true });
  const truth = [];
  for await (const c of generateWildCorpus({ seed, count: start + count, levels })) {
    if (Number(c.id.slice(0, 4)) < start) continue;
    writeFileSync(join(out, `${c.id}.jpg`), c.image);
    truth.push({ file: `${c.id}.jpg`, kind: c.kind, level: c.level, params: c.params, truth: c.truth });
  }
  writeFileSync(join(out, 'truth.json'), `${JSON.stringify({ seed, generator: 'bench/ocr/corpus-wild.mjs', cards: truth }, null, 2)}\n`);
  console.log(`${truth.length} images written to ${out}`);
}

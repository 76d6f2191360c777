/**
 * Pixel geometry for document photos: finding the card in the frame and pulling a region of it
 * out as a flat, upright image. Pure functions on 8-bit grayscale buffers, no native code, so the
 * same steps run the same everywhere and can be tested without images on disk.
 */

// Module bindings rather than global look-ups in the hot loops (global access is slow inside
// vm contexts such as Jest's).
const { abs, max, min, round, floor } = Math;

export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export type Point = readonly [number, number];
/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** Coefficients h0…h7 of the projective map (x, y) → ((h0x+h1y+h2)/w, (h3x+h4y+h5)/w), w = h6x+h7y+1. */
export type Homography = readonly number[];

/** The homography taking src[i] to dst[i] (Gaussian elimination on the 8×8 system). */
export function homography(src: Quad, dst: Quad): Homography {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (abs(a[r]![c]!) > abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    [b[c], b[p]] = [b[p]!, b[c]!];
    const pivot = a[c]![c]!;
    if (abs(pivot) < 1e-12) throw new Error('degenerate quadrilateral');
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k < 8; k++) a[r]![k]! -= f * a[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  return b.map((v, i) => v / a[i]![i]!);
}

export function applyHomography(h: Homography, x: number, y: number): Point {
  const w = h[6]! * x + h[7]! * y + 1;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/**
 * Samples the source through `toSource` (output pixel → source point) into a width×height image,
 * bilinear, white outside the source.
 */
export function warp(src: GrayImage, toSource: Homography, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  const { data, width: sw, height: sh } = src;
  const [h0, h1, h2, h3, h4, h5, h6, h7] = toSource as [number, number, number, number, number, number, number, number];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h6 * x + h7 * y + 1;
      const u = (h0 * x + h1 * y + h2) / w;
      const v = (h3 * x + h4 * y + h5) / w;
      let val = 255;
      if (u >= 0 && v >= 0 && u < sw - 1 && v < sh - 1) {
        const x0 = u | 0;
        const y0 = v | 0;
        const ax = u - x0;
        const ay = v - y0;
        const i = y0 * sw + x0;
        const top = data[i]! + (data[i + 1]! - data[i]!) * ax;
        const bottom = data[i + sw]! + (data[i + sw + 1]! - data[i + sw]!) * ax;
        val = top + (bottom - top) * ay;
      }
      out[y * width + x] = val;
    }
  }
  return { data: out, width, height };
}

/** Otsu's threshold over a histogram of the image. */
export function otsuThreshold(img: GrayImage): number {
  const hist = new Float64Array(256);
  for (const v of img.data) hist[v]!++;
  const total = img.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** Separable max (dilate = true) or min filter with a square window of radius r. */
export function rankFilter(img: GrayImage, r: number, dilate: boolean): GrayImage {
  const { width: w, height: h } = img;
  const tmp = new Uint8Array(w * h);
  const out = new Uint8Array(w * h);
  const pass = (src: Uint8Array, dst: Uint8Array, count: number, length: number, stride: number, step: number): void => {
    for (let i = 0; i < count; i++) {
      const base = i * stride;
      for (let k = 0; k < length; k++) {
        const lo = k - r < 0 ? 0 : k - r;
        const hi = k + r >= length ? length - 1 : k + r;
        let m = src[base + lo * step]!;
        for (let j = lo + 1; j <= hi; j++) {
          const v = src[base + j * step]!;
          if (dilate ? v > m : v < m) m = v;
        }
        dst[base + k * step] = m;
      }
    }
  };
  pass(img.data, tmp, h, w, w, 1);
  pass(tmp, out, w, h, 1, w);
  return { data: out, width: w, height: h };
}

/** The largest 4-connected component of a 0/1 mask, as a 0/1 mask, with its area. */
export function largestComponent(mask: Uint8Array, w: number, h: number): { mask: Uint8Array; area: number } {
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let bestLabel = 0;
  let bestArea = 0;
  let next = 1;
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || label[start]) continue;
    let top = 0;
    stack[top++] = start;
    label[start] = next;
    let area = 0;
    while (top > 0) {
      const p = stack[--top]!;
      area++;
      const x = p % w;
      const y = (p - x) / w;
      if (x > 0 && mask[p - 1] && !label[p - 1]) {
        label[p - 1] = next;
        stack[top++] = p - 1;
      }
      if (x < w - 1 && mask[p + 1] && !label[p + 1]) {
        label[p + 1] = next;
        stack[top++] = p + 1;
      }
      if (y > 0 && mask[p - w] && !label[p - w]) {
        label[p - w] = next;
        stack[top++] = p - w;
      }
      if (y < h - 1 && mask[p + w] && !label[p + w]) {
        label[p + w] = next;
        stack[top++] = p + w;
      }
    }
    if (area > bestArea) {
      bestArea = area;
      bestLabel = next;
    }
    next++;
  }
  const out = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) out[i] = label[i] === bestLabel && bestLabel !== 0 ? 1 : 0;
  return { mask: out, area: bestArea };
}

/** A line a·x + b·y = c with (a, b) of unit length. */
interface Line {
  a: number;
  b: number;
  c: number;
}

function lineThrough(p: Point, q: Point): Line | null {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const len = Math.hypot(dx, dy);
  if (len < 1e-9) return null;
  const a = -dy / len;
  const b = dx / len;
  return { a, b, c: a * p[0] + b * p[1] };
}

/** Least squares (total) fit through points. */
function fitLine(points: Point[]): Line | null {
  const n = points.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (const [x, y] of points) {
    mx += x;
    my += y;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
    sxy += (x - mx) * (y - my);
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy); // direction of the line
  const a = -Math.sin(angle);
  const b = Math.cos(angle);
  return { a, b, c: a * mx + b * my };
}

/**
 * RANSAC over edge points: the line most points lie within `tol` of, refined by least squares.
 * Deterministic (candidate pairs are taken on a fixed stride, not at random).
 */
function dominantLine(points: Point[], tol: number): { line: Line; inliers: number } | null {
  const n = points.length;
  if (n < 8) return null;
  let best: Line | null = null;
  let bestCount = 0;
  const stride = max(1, floor(n / 40));
  for (let i = 0; i < n; i += stride) {
    for (let j = i + floor(n / 6); j < n; j += stride * 3) {
      const l = lineThrough(points[i]!, points[j]!);
      if (!l) continue;
      let count = 0;
      for (const [x, y] of points) if (abs(l.a * x + l.b * y - l.c) <= tol) count++;
      if (count > bestCount) {
        bestCount = count;
        best = l;
      }
    }
  }
  if (!best) return null;
  const line = best;
  const inliers = points.filter(([x, y]) => abs(line.a * x + line.b * y - line.c) <= tol);
  return { line: fitLine(inliers) ?? line, inliers: inliers.length };
}

function intersect(l1: Line, l2: Line): Point | null {
  const det = l1.a * l2.b - l2.a * l1.b;
  if (abs(det) < 1e-9) return null;
  return [(l1.c * l2.b - l2.c * l1.b) / det, (l1.a * l2.c - l2.a * l1.c) / det];
}

export interface CardDetection {
  quad: Quad;
  /** Share of each side's edge points on its fitted line (0–1): how sure the outline is. */
  support: number;
}

/**
 * Finds a bright card (ID card, certificate, paper) in a photo, shrunk to a working size.
 * Text is closed away (min/max filter), the bright plateau is split from the background by Otsu,
 * and each side of the largest bright region is fitted with RANSAC, so that an object touching
 * the card moves a side only if it covers most of it. Returns null when nothing card-like is
 * found or the card fills the frame (then there is nothing to crop).
 */
export function findCard(img: GrayImage, expectedAspect: number, textRadius: number): CardDetection | null {
  const { width: w, height: h } = img;
  const closed = rankFilter(rankFilter(img, textRadius, true), textRadius, false);
  // Several splits of bright from dark: plain Otsu may cut at a dark photo on the card rather
  // than at the card's edge, so Otsu over the bright part and the midpoint between the frame's
  // border and the brightest plateau are tried too; the best-fitting outline wins.
  const t1 = otsuThreshold(closed);
  const upper = closed.data.filter((v) => v > t1);
  const t2 = upper.length > 100 ? otsuThreshold({ data: upper, width: upper.length, height: 1 }) : t1;
  const border: number[] = [];
  for (let x = 0; x < w; x++) border.push(closed.data[x]!, closed.data[(h - 1) * w + x]!);
  for (let y = 0; y < h; y++) border.push(closed.data[y * w]!, closed.data[y * w + w - 1]!);
  border.sort((a, b) => a - b);
  const sorted = Uint8Array.from(closed.data).sort();
  const bright = sorted[floor(sorted.length * 0.8)]!;
  const t3 = round((border[border.length >> 1]! + bright) / 2);
  const tries: Array<[number, boolean]> = [...new Set([t1, t2, t3])].map((t) => [t, false]);
  // A card scanned on a white bed is darker than its surroundings.
  const borderLevel = border[border.length >> 1]!;
  const median = sorted[sorted.length >> 1]!;
  if (borderLevel > median + 4) tries.push([round((borderLevel + median) / 2), true]);
  let best: CardDetection | null = null;
  const consider = (found: CardDetection | null): void => {
    if (found && (!best || found.support > best.support)) best = found;
  };
  for (const [t, darker] of tries) consider(outlineAt(closed, t, darker, expectedAspect));
  // Low contrast against a pale desk under uneven light defeats any single threshold; the
  // card's edge is still a clear local step.
  consider(edgeOutline(closed, false, expectedAspect));
  consider(edgeOutline(closed, true, expectedAspect));
  return best;
}

/** Outline points where brightness first steps up (or down, for a darker card) from each side. */
function edgeOutline(closed: GrayImage, darker: boolean, expectedAspect: number): CardDetection | null {
  const { width: w, height: h, data } = closed;
  const g = 8;
  const step = (a: number, b: number): boolean => (darker ? a - b : b - a) > g; // a outside, b inside
  const top: Point[] = [];
  const bottom: Point[] = [];
  const left: Point[] = [];
  const right: Point[] = [];
  for (let x = 0; x < w; x++) {
    for (let y = 3; y < h - 3; y++)
      if (step(data[(y - 2) * w + x]!, data[(y + 2) * w + x]!)) {
        top.push([x, y]);
        break;
      }
    for (let y = h - 4; y >= 3; y--)
      if (step(data[(y + 2) * w + x]!, data[(y - 2) * w + x]!)) {
        bottom.push([x, y]);
        break;
      }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 3; x < w - 3; x++)
      if (step(data[y * w + x - 2]!, data[y * w + x + 2]!)) {
        left.push([x, y]);
        break;
      }
    for (let x = w - 4; x >= 3; x--)
      if (step(data[y * w + x + 2]!, data[y * w + x - 2]!)) {
        right.push([x, y]);
        break;
      }
  }
  return fitQuad(top, right, bottom, left, w, h, expectedAspect);
}

function outlineAt(closed: GrayImage, t: number, darker: boolean, expectedAspect: number): CardDetection | null {
  const { width: w, height: h } = closed;
  const raw = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) raw[i] = (darker ? closed.data[i]! < t : closed.data[i]! > t) ? 1 : 0;
  const { mask, area } = largestComponent(raw, w, h);
  if (area < 0.12 * w * h) return null;

  // Outline points: the first and last pixel of the region on every row and column.
  const top: Point[] = [];
  const bottom: Point[] = [];
  const left: Point[] = [];
  const right: Point[] = [];
  for (let x = 0; x < w; x++) {
    let first = -1;
    let last = -1;
    for (let y = 0; y < h; y++) {
      if (mask[y * w + x]) {
        if (first < 0) first = y;
        last = y;
      }
    }
    if (first > 0) top.push([x, first]);
    if (last >= 0 && last < h - 1) bottom.push([x, last]);
  }
  for (let y = 0; y < h; y++) {
    let first = -1;
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (mask[y * w + x]) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first > 0) left.push([first, y]);
    if (last >= 0 && last < w - 1) right.push([last, y]);
  }
  return fitQuad(top, right, bottom, left, w, h, expectedAspect);
}

/** Up to `max` lines, strongest first: each found line's points are set aside before the next. */
interface SideLine {
  line: Line;
  points: Point[];
}

function dominantLines(points: Point[], tol: number, max: number): SideLine[] {
  const out: SideLine[] = [];
  let rest = points;
  const minInliers = Math.max(15, 0.15 * points.length);
  while (out.length < max && rest.length >= 20) {
    const found = dominantLine(rest, tol);
    if (!found || found.inliers < minInliers) break;
    const l = found.line;
    out.push({ line: l, points: rest.filter(([x, y]) => abs(l.a * x + l.b * y - l.c) <= tol) });
    rest = rest.filter(([x, y]) => abs(l.a * x + l.b * y - l.c) > tol * 2);
  }
  return out;
}

/** Points of a side's line that lie between the two corners of that side. */
function pointsBetween(side: SideLine, p: Point, q: Point): number {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const len2 = dx * dx + dy * dy;
  let n = 0;
  for (const [x, y] of side.points) {
    const t = ((x - p[0]) * dx + (y - p[1]) * dy) / len2;
    if (t >= -0.02 && t <= 1.02) n++;
  }
  return n;
}

/**
 * The card's outline from the outline points of each side. Each side may have several candidate
 * lines (the card's edge, and the edge of a paper lying against it); the four that make the most
 * card-like quadrilateral, best covered by outline points, win.
 */
function fitQuad(top: Point[], right: Point[], bottom: Point[], left: Point[], w: number, h: number, expectedAspect: number): CardDetection | null {
  const tol = max(1.5, min(w, h) / 250);
  const sides = [top, right, bottom, left].map((pts) => dominantLines(pts, tol, 3));
  if (sides.some((c) => c.length === 0)) return null;
  let best: CardDetection | null = null;
  for (const t of sides[0]!) {
    for (const r of sides[1]!) {
      for (const b of sides[2]!) {
        for (const l of sides[3]!) {
          const found = quadOf([t, r, b, l], w, h, expectedAspect);
          if (found && (!best || found.support > best.support)) best = found;
        }
      }
    }
  }
  return best;
}

function quadOf(sides: SideLine[], w: number, h: number, expectedAspect: number): CardDetection | null {
  const [lt, lr, lb, ll] = sides.map((s) => s.line) as [Line, Line, Line, Line];
  const corners = [intersect(lt, ll), intersect(lt, lr), intersect(lb, lr), intersect(lb, ll)];
  if (corners.some((c) => c === null)) return null;
  const quad = corners as unknown as Quad;
  // Sanity: inside (or just outside) the frame, sides in proportion, a plausible card aspect.
  for (const [x, y] of quad) if (x < -0.05 * w || y < -0.05 * h || x > 1.05 * w || y > 1.05 * h) return null;
  const widthTop = Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]);
  const widthBottom = Math.hypot(quad[2][0] - quad[3][0], quad[2][1] - quad[3][1]);
  const heightLeft = Math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]);
  const heightRight = Math.hypot(quad[2][0] - quad[1][0], quad[2][1] - quad[1][1]);
  const aspect = (widthTop + widthBottom) / (heightLeft + heightRight);
  if (min(widthTop, widthBottom) / max(widthTop, widthBottom) < 0.75) return null;
  if (min(heightLeft, heightRight) / max(heightLeft, heightRight) < 0.75) return null;
  const off = min(abs(aspect - expectedAspect), abs(1 / aspect - expectedAspect)) / expectedAspect;
  if (off > 0.2) return null;
  if (max(widthTop, heightLeft) < 0.3 * max(w, h)) return null;
  // How much of the outline is backed by outline points (one per pixel of a side, at most).
  const perimeter = widthTop + widthBottom + heightLeft + heightRight;
  const backed =
    pointsBetween(sides[0]!, quad[0], quad[1]) +
    pointsBetween(sides[1]!, quad[1], quad[2]) +
    pointsBetween(sides[2]!, quad[3], quad[2]) +
    pointsBetween(sides[3]!, quad[0], quad[3]);
  const coverage = min(1, backed / perimeter);
  return { quad, support: coverage * (1 - off) };
}

/**
 * Skew of text lines in degrees (positive = clockwise), by the projection-profile method: the
 * angle at which the rows of ink line up best. For pages where no outline is found. Ink is what is
 * clearly darker than its neighbourhood (about a text line's height around it): the strokes of
 * text, not the inside of a portrait or an emblem, nor a shadow or the light falling off across
 * the photo, which a global threshold takes for ink and which line up at no angle in particular
 * (a straight screenshot was turned 4–8° by them). An angle that lines the ink up barely better
 * than none is no skew.
 */
export function estimateSkew(img: GrayImage, maxDegrees = 10, step = 0.25): number {
  const { width: w, height: h, data } = img;
  const r = max(2, round(min(w, h) / 40));
  const W = w + 1;
  const sums = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x]!;
      sums[(y + 1) * W + x + 1] = sums[y * W + x + 1]! + row;
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  const every = max(1, floor((w * h) / 60000));
  for (let i = 0; i < w * h; i += every) {
    const x = i % w;
    const y = floor(i / w);
    const x0 = max(0, x - r);
    const x1 = min(w, x + r + 1);
    const y0 = max(0, y - r);
    const y1 = min(h, y + r + 1);
    const mean = (sums[y1 * W + x1]! - sums[y0 * W + x1]! - sums[y1 * W + x0]! + sums[y0 * W + x0]!) / ((x1 - x0) * (y1 - y0));
    if (data[i]! < mean - max(12, mean * 0.15)) {
      xs.push(x);
      ys.push(y);
    }
  }
  if (xs.length < 50) return 0;
  const bins = new Float64Array(h * 2 + w);
  const score = (deg: number): number => {
    const rad = (deg * Math.PI) / 180;
    const s = Math.sin(rad);
    const c = Math.cos(rad);
    bins.fill(0);
    for (let k = 0; k < xs.length; k++) bins[round(-xs[k]! * s + ys[k]! * c + w)]!++;
    let sum = 0;
    for (const v of bins) sum += v * v;
    return sum;
  };
  const level = score(0);
  let bestAngle = 0;
  let bestScore = level;
  for (let i = -round(maxDegrees / step); i <= round(maxDegrees / step); i++) {
    const deg = i * step;
    const sc = score(deg);
    if (sc > bestScore) {
      bestScore = sc;
      bestAngle = deg;
    }
  }
  return bestScore > level * SKEW_GAIN ? bestAngle : 0;
}

/** How much better than none an angle must line the ink up to be taken as the skew. */
const SKEW_GAIN = 1.03;

export interface RuledLines {
  /** The image with table rules painted over in the background colour. */
  cleaned: GrayImage;
  /** y of each horizontal rule, top to bottom. */
  rows: number[];
  /** x of each vertical rule, left to right. */
  columns: number[];
}

/** Positions where a profile of rule pixels peaks above `min`, merged within `gap`. */
function peaks(profile: Float64Array, min: number, gap: number): number[] {
  const out: number[] = [];
  let run: number[] = [];
  const flush = (): void => {
    if (run.length) out.push(run.reduce((a, b) => a + b, 0) / run.length);
    run = [];
  };
  for (let i = 0; i < profile.length; i++) {
    const v = (profile[i - 1] ?? 0) + profile[i]! + (profile[i + 1] ?? 0);
    if (v >= min) {
      if (run.length && i - run[run.length - 1]! > gap) flush();
      run.push(i);
    }
  }
  flush();
  return out;
}

/**
 * Finds the ruled lines of a form (dark runs much longer than a character) and paints them out:
 * Tesseract takes a table's rules for characters or merges cells across them. `charSize` is
 * the largest character size in pixels.
 */
export function removeRuledLines(img: GrayImage, charSize: number): RuledLines {
  const { width: w, height: h, data } = img;
  const t = otsuThreshold(img);
  const rule = new Uint8Array(w * h);
  const minRun = round(charSize * 2.5);
  const rowProfile = new Float64Array(h);
  const colProfile = new Float64Array(w);
  const scan = (count: number, length: number, at: (i: number, k: number) => number, profile: Float64Array): void => {
    for (let i = 0; i < count; i++) {
      let start = -1;
      for (let k = 0; k <= length; k++) {
        if (k < length && data[at(i, k)]! <= t) {
          if (start < 0) start = k;
        } else if (start >= 0) {
          if (k - start >= minRun) {
            for (let j = start; j < k; j++) rule[at(i, j)] = 1;
            profile[i]! += k - start;
          }
          start = -1;
        }
      }
    }
  };
  scan(h, w, (y, x) => y * w + x, rowProfile);
  scan(w, h, (x, y) => y * w + x, colProfile);
  const light: number[] = [];
  for (let i = 0; i < w * h; i += 7) if (data[i]! > t) light.push(data[i]!);
  light.sort((a, b) => a - b);
  const bg = light[light.length >> 1] ?? 255;
  const out = Uint8Array.from(data);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!rule[y * w + x]) continue;
      // The rule and the antialiased pixels around it.
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w) out[yy * w + xx] = bg;
        }
      }
    }
  }
  return { cleaned: { data: out, width: w, height: h }, rows: peaks(rowProfile, w * 0.4, 3), columns: peaks(colProfile, h * 0.25, 3) };
}

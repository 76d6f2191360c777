import sharp from 'sharp';
import { safeDecodeOptions, type UploadLimits } from '../../attachments/image-upload.js';
import { estimateSkew, findCard, homography, warp, type GrayImage, type Homography, type Quad } from './geometry.js';

/** A document's own coordinate frame: zones of a layout are given in these units. */
export interface PageFrame {
  width: number;
  height: number;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Longest side the photo is worked on at: enough for 30 px characters on a card filling a third of it. */
const WORK_MAX = 1800;
/** Width of the copy the outline is searched in. */
const FIND_WIDTH = 480;

/**
 * The document in a photo, flattened: zones are cut straight out of the source photo through the
 * page→photo homography (one resampling, at the scale the engine reads best).
 */
export class Page {
  constructor(
    private readonly source: GrayImage,
    private readonly toSource: Homography,
    readonly frame: PageFrame,
    /** Whether the document's outline was found (otherwise the whole photo is taken as the page). */
    readonly outlined: boolean,
  ) {}

  /**
   * The zone as an upright image, `scaleX`/`scaleY` pixels per page unit. Shrinking is done by
   * sampling k× finer and averaging k×k blocks: plain bilinear sampling at a fraction of the
   * photo's resolution aliases the fine strokes of complex characters (毅, 熙, 碧) into others.
   */
  zone(box: Box, scaleX: number, scaleY = scaleX): GrayImage {
    const w = Math.max(1, Math.round((box.x1 - box.x0) * scaleX));
    const h = Math.max(1, Math.round((box.y1 - box.y0) * scaleY));
    const corners: Quad = [
      [box.x0, box.y0],
      [box.x1, box.y0],
      [box.x1, box.y1],
      [box.x0, box.y1],
    ];
    const inSource = corners.map(([x, y]) => apply(this.toSource, x, y)) as unknown as Quad;
    const across = Math.hypot(inSource[1][0] - inSource[0][0], inSource[1][1] - inSource[0][1]) / w;
    const down = Math.hypot(inSource[3][0] - inSource[0][0], inSource[3][1] - inSource[0][1]) / h;
    const k = Math.max(1, Math.min(4, Math.round(Math.max(across, down))));
    const fine = warp(
      this.source,
      homography(
        [
          [0, 0],
          [w * k, 0],
          [w * k, h * k],
          [0, h * k],
        ],
        inSource,
      ),
      w * k,
      h * k,
    );
    return k === 1 ? fine : boxShrink(fine, k);
  }

  /** Mean brightness of a zone (coarse): for telling which way up the document is. */
  meanOf(box: Box): number {
    const z = this.zone(box, 24 / Math.max(box.x1 - box.x0, box.y1 - box.y0));
    let sum = 0;
    for (const v of z.data) sum += v;
    return sum / z.data.length;
  }

  /** The page turned a quarter (clockwise or not): a frame of the other orientation. */
  quarterTurned(clockwise: boolean): Page {
    const { width: w, height: h } = this.frame;
    const frame = { width: h, height: w };
    const corners: Quad = [
      [0, 0],
      [h, 0],
      [h, w],
      [0, w],
    ];
    const old = ([u, v]: readonly [number, number]): [number, number] => (clockwise ? [v, h - u] : [w - v, u]);
    const inSource = corners.map((c) => apply(this.toSource, ...old(c))) as unknown as Quad;
    return new Page(this.source, homography(corners, inSource), frame, this.outlined);
  }

  /** The whole page as one image, its longer side `maxSide` pixels at most. */
  render(maxSide: number): GrayImage {
    const s = Math.min(1, maxSide / Math.max(this.frame.width, this.frame.height));
    return this.zone({ x0: 0, y0: 0, x1: this.frame.width, y1: this.frame.height }, s);
  }

  /** The same page turned half a turn. */
  turned(): Page {
    const { width: w, height: h } = this.frame;
    const corners: Quad = [
      [0, 0],
      [w, 0],
      [w, h],
      [0, h],
    ];
    const inSource = corners.map(([x, y]) => apply(this.toSource, w - x, h - y)) as unknown as Quad;
    return new Page(this.source, homography(corners, inSource), this.frame, this.outlined);
  }
}

/** Averages k×k blocks. */
function boxShrink(img: GrayImage, k: number): GrayImage {
  const w = Math.floor(img.width / k);
  const h = Math.floor(img.height / k);
  const out = new Uint8Array(w * h);
  const area = k * k;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < k; dy++) {
        const row = (y * k + dy) * img.width + x * k;
        for (let dx = 0; dx < k; dx++) sum += img.data[row + dx]!;
      }
      out[y * w + x] = (sum + (area >> 1)) / area;
    }
  }
  return { data: out, width: w, height: h };
}

function apply(h: Homography, x: number, y: number): [number, number] {
  const d = h[6]! * x + h[7]! * y + 1;
  return [(h[0]! * x + h[1]! * y + h[2]!) / d, (h[3]! * x + h[4]! * y + h[5]!) / d];
}

/** Decodes an (already checked) upload to gray, EXIF-upright, at working size. */
export async function decodeGray(bytes: Buffer, limits: UploadLimits): Promise<GrayImage> {
  const { data, info } = await sharp(bytes, safeDecodeOptions(limits))
    .rotate()
    .resize({ width: WORK_MAX, height: WORK_MAX, fit: 'inside', withoutEnlargement: true })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

async function shrink(img: GrayImage, width: number): Promise<GrayImage> {
  const { data, info } = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .resize({ width })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/**
 * Finds the document in the photo and returns it as a Page in `frame` units. A document lying
 * on its side (outline taller than wide) is turned a quarter; whether it is upside down is for the
 * caller to judge from its content (see Page.turned). Without an outline the photo itself is the
 * page, straightened by the skew of its text lines.
 */
export async function locatePage(source: GrayImage, frame: PageFrame): Promise<Page> {
  return (await locateHypotheses(source, frame)).page;
}

export interface PageHypotheses {
  /** What locatePage gives: the outlined document flattened into `frame`, else the whole photo in it. */
  page: Page;
  /** The outline found, flattened (null when none). */
  card: Page | null;
  /** Share of the photo the outline covers (0 without one). */
  coverage: number;
  /** The whole photo, straightened by its text lines, in its own proportions (1 unit = 1 pixel). */
  whole: () => Page;
  /** The whole photo, straightened, in `frame` (for forms read by their frame). */
  wholeInFrame: () => Page;
}

/**
 * Where the document may be: the outline is only a hint, since a photo that is all card (a scan,
 * a screenshot, a camera's card frame) has no outline, or one that is something else's. The
 * caller reads the hypotheses and keeps the one whose content makes sense.
 */
export async function locateHypotheses(source: GrayImage, frame: PageFrame): Promise<PageHypotheses> {
  const small = await shrink(source, Math.min(FIND_WIDTH, source.width));
  const k = source.width / small.width;
  const aspect = frame.width / frame.height;
  // Characters on a card are about 1/20 of its height: closing them away needs a third of that.
  const textRadius = Math.max(2, Math.round(small.height / 70));
  const found = findCard(small, aspect, textRadius);
  const target: Quad = [
    [0, 0],
    [frame.width, 0],
    [frame.width, frame.height],
    [0, frame.height],
  ];
  if (found) {
    let q = found.quad.map(([x, y]) => [x * k, y * k] as const) as unknown as Quad;
    const wide = Math.hypot(q[1][0] - q[0][0], q[1][1] - q[0][1]);
    const tall = Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]);
    if (wide < tall !== frame.width < frame.height) q = [q[3], q[0], q[1], q[2]];
    const card = new Page(source, homography(target, q), frame, true);
    return {
      page: card,
      card,
      coverage: quadArea(q) / (source.width * source.height),
      whole: () => straightened(source, small, { width: source.width, height: source.height }),
      wholeInFrame: () => straightened(source, small, frame),
    };
  }
  const whole = straightened(source, small, { width: source.width, height: source.height });
  const page = straightened(source, small, frame);
  return { page, card: null, coverage: 0, whole: () => whole, wholeInFrame: () => page };
}

function quadArea(q: Quad): number {
  let a = 0;
  for (let i = 0; i < 4; i++) {
    const [x0, y0] = q[i]!;
    const [x1, y1] = q[(i + 1) % 4]!;
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a) / 2;
}

/** The whole photo as a page in `frame`, turned by the skew of its text lines. */
function straightened(source: GrayImage, small: GrayImage, frame: PageFrame): Page {
  const target: Quad = [
    [0, 0],
    [frame.width, 0],
    [frame.width, frame.height],
    [0, frame.height],
  ];
  const angle = (estimateSkew(small) * Math.PI) / 180;
  const cx = source.width / 2;
  const cy = source.height / 2;
  const rot = (x: number, y: number): [number, number] => [
    cx + (x - cx) * Math.cos(angle) - (y - cy) * Math.sin(angle),
    cy + (x - cx) * Math.sin(angle) + (y - cy) * Math.cos(angle),
  ];
  const whole: Quad = [rot(0, 0), rot(source.width, 0), rot(source.width, source.height), rot(0, source.height)];
  return new Page(source, homography(target, whole), frame, false);
}

// Draws the tab bar's icons (81×81 PNG, as WeChat asks) from the SVG shapes below, in the bar's two
// colours. Run once after changing a shape: node apps/miniprogram/scripts/make-tab-icons.mjs
import sharp from 'sharp';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tab');
const COLOURS = { normal: '#3a4250', selected: '#1456c7' };

/** 24×24 outline shapes, stroke only. */
const SHAPES = {
  // 首页: a house
  home: '<path d="M3 11.5 12 4l9 7.5"/><path d="M5.5 10v9.5h13V10"/><path d="M10 19.5v-5h4v5"/>',
  // 政策: a document with lines
  policy: '<path d="M6 3h9l4 4v14H6z"/><path d="M15 3v4h4"/><path d="M9 11h7M9 14.5h7M9 18h4"/>',
  // 我的: a person
  me: '<circle cx="12" cy="8.5" r="4"/><path d="M4.5 20.5c1.2-4 4.2-6 7.5-6s6.3 2 7.5 6"/>',
};

for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [state, colour] of Object.entries(COLOURS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 24 24" fill="none" stroke="${colour}" stroke-width="${state === 'selected' ? 2.1 : 1.7}" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`;
    const file = join(OUT, `${name}${state === 'selected' ? '-on' : ''}.png`);
    await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toFile(file);
    console.log(file);
  }
}

import type { GrayImage } from './geometry.js';

/** Binary PGM (P5): the cheapest lossless format Tesseract's image reader (Leptonica) accepts. */
export function encodePgm(img: GrayImage): Buffer {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength)]);
}

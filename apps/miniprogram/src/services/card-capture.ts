/**
 * Photographing an ID card through the scan page (pages/scan): a card-shaped frame over the
 * camera, the photo cropped to the frame. The page hands back the crop and the full photo; the
 * crop is sent first and the full photo when there is no crop or the crop could not be read.
 * Where there is no camera component (H5), the photo is chosen the usual way and sent whole.
 */
import Taro from '@tarojs/taro';
import type { LocalPhoto } from './request';

export interface CardCapture {
  /** The photo cut to the frame (null when cropping failed). */
  card: LocalPhoto | null;
  /** The whole photo. */
  full: LocalPhoto;
}

/** ID-1 card, 85.6 × 54 mm. */
export const CARD_ASPECT = 85.6 / 54;

let pending: ((c: CardCapture | null) => void) | null = null;

/** Called by the scan page: the capture, or null when the user left without one. */
export function deliverCapture(c: CardCapture | null): void {
  const resolve = pending;
  pending = null;
  resolve?.(c);
}

async function pickWhole(): Promise<CardCapture | null> {
  try {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
    const path = res.tempFilePaths[0];
    if (!path) return null;
    const file = (res.tempFiles[0] as { originalFileObj?: Blob } | undefined)?.originalFileObj;
    return { card: null, full: { path, ...(file ? { file } : {}) } };
  } catch {
    return null;
  }
}

/** Opens the scan page (WeChat) or the photo picker (H5); null when cancelled. */
export function captureIdCard(): Promise<CardCapture | null> {
  if (process.env.TARO_ENV !== 'weapp') return pickWhole();
  deliverCapture(null); // a capture left pending by a page that never answered
  return new Promise((resolve) => {
    pending = resolve;
    Taro.navigateTo({ url: '/pages/scan/index' }).catch(() => {
      pending = null;
      void pickWhole().then(resolve);
    });
  });
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where the frame (in the preview's pixels) falls in the photo: the camera preview shows the
 * photo scaled to cover the view (aspect fill), centred. A margin of `margin` of the frame's size
 * is kept on every side so the card's edges stay in the crop.
 */
export function frameInPhoto(frame: Rect, view: { width: number; height: number }, photo: { width: number; height: number }, margin = 0.04): Rect {
  const scale = Math.max(view.width / photo.width, view.height / photo.height);
  const ox = (photo.width * scale - view.width) / 2;
  const oy = (photo.height * scale - view.height) / 2;
  const mx = frame.width * margin;
  const my = frame.height * margin;
  const left = Math.max(0, (frame.left - mx + ox) / scale);
  const top = Math.max(0, (frame.top - my + oy) / scale);
  const right = Math.min(photo.width, (frame.left + frame.width + mx + ox) / scale);
  const bottom = Math.min(photo.height, (frame.top + frame.height + my + oy) / scale);
  return { left: Math.round(left), top: Math.round(top), width: Math.round(right - left), height: Math.round(bottom - top) };
}

/** Cuts the photo to the frame on an offscreen canvas; null if anything fails (the full photo is sent then). */
export async function cropToFrame(path: string, frame: Rect, view: { width: number; height: number }): Promise<LocalPhoto | null> {
  try {
    const info = await Taro.getImageInfo({ src: path });
    const r = frameInPhoto(frame, view, { width: info.width, height: info.height });
    if (r.width < 200 || r.height < 120) return null;
    // At most 1600 px wide: enough for the OCR, and a smaller upload.
    const k = Math.min(1, 1600 / r.width);
    const width = Math.round(r.width * k);
    const height = Math.round(r.height * k);
    const canvas = Taro.createOffscreenCanvas({ type: '2d', width, height }) as unknown as {
      getContext: (t: '2d') => { drawImage: (...a: unknown[]) => void };
      createImage: () => { src: string; onload: (() => void) | null; onerror: ((e: unknown) => void) | null };
    };
    const img = canvas.createImage();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = reject;
      img.src = path;
    });
    canvas.getContext('2d').drawImage(img, r.left, r.top, r.width, r.height, 0, 0, width, height);
    const out = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'jpg', quality: 0.9 } as never);
    return { path: out.tempFilePath };
  } catch {
    return null;
  }
}

/**
 * Photos taken at the door. They wait in the visit's draft and then in the outbox until the network
 * returns, so they must outlive the page: on WeChat the picked file is saved (a temporary path goes
 * when the app closes); on H5 the photo is shrunk and kept as a JPEG data URL in storage.
 */
import Taro from '@tarojs/taro';
import { MAX_VISIT_PHOTOS } from '@zczr/contract';
import type { LocalPhoto } from '../../services/request';

export { MAX_VISIT_PHOTOS };

export interface VisitPhoto {
  key: string;
  /** WeChat: a saved file path. H5: empty. */
  path: string;
  /** H5: the shrunk photo (JPEG data URL). */
  dataUrl?: string;
}

/** Longest side on H5: enough to see a door, a room, a paper; small enough for storage. */
const MAX_SIDE = 1280;

function photoKey(): string {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** WeChat: the camera or the album (compressed), each file saved so it survives a restart. */
export async function pickPhotos(room: number): Promise<VisitPhoto[]> {
  if (room <= 0) return [];
  const r = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
  const out: VisitPhoto[] = [];
  for (const temp of r.tempFilePaths.slice(0, room)) {
    const saved = await Taro.saveFile({ tempFilePath: temp }).then(
      (s) => (s as unknown as { savedFilePath: string }).savedFilePath,
      () => temp,
    );
    out.push({ key: photoKey(), path: saved });
  }
  return out;
}

/** H5: files from the page's file input, shrunk to JPEG data URLs. */
export async function photosFromFiles(files: ArrayLike<File>, room: number): Promise<VisitPhoto[]> {
  const out: VisitPhoto[] = [];
  for (const file of Array.from(files).slice(0, Math.max(0, room))) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    out.push({ key: photoKey(), path: '', dataUrl: canvas.toDataURL('image/jpeg', 0.75) });
  }
  return out;
}

/** What the upload sends: the saved file on WeChat, the bytes as a Blob on H5. */
export function toLocalPhoto(p: VisitPhoto): LocalPhoto {
  if (!p.dataUrl) return { path: p.path };
  const [head, body = ''] = p.dataUrl.split(',');
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  const type = /data:([^;]+)/.exec(head ?? '')?.[1] ?? 'image/jpeg';
  return { path: '', file: new File([bytes], `${p.key}.jpg`, { type }) };
}

/** Where an <Image> shows the photo. */
export function photoSrc(p: VisitPhoto): string {
  return p.dataUrl ?? p.path;
}

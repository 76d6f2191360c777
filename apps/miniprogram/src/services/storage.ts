/** Typed access to the phone's storage (Taro storage: wx storage on WeChat, localStorage on H5). */
import Taro from '@tarojs/taro';

export function readStored<T>(key: string): T | null {
  try {
    const v: unknown = Taro.getStorageSync(key);
    if (v === '' || v === undefined || v === null) return null;
    return (typeof v === 'string' ? JSON.parse(v) : v) as T;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  Taro.setStorageSync(key, JSON.stringify(value));
}

/** Asynchronous write, for drafts saved while typing. */
export function saveStored(key: string, value: unknown): Promise<unknown> {
  return Taro.setStorage({ key, data: JSON.stringify(value) });
}

export function removeStored(key: string): void {
  Taro.removeStorageSync(key);
}

/**
 * What the grid worker saw last, kept on the phone (Taro storage) so the grid's households and
 * tasks can be shown without network, with the time they were fetched; and a hook that runs again
 * when the network returns (WeChat: onNetworkStatusChange; H5: also the window's online event).
 */
import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { api } from '../../services/api';
import { readStored, writeStored } from '../../services/storage';

export interface Cached<T> {
  data: T;
  /** Epoch ms of the fetch. */
  at: number;
}

export function readCache<T>(key: string): Cached<T> | null {
  const c = readStored<Cached<T>>(key);
  return c && typeof c.at === 'number' && 'data' in c ? c : null;
}

export function writeCache(key: string, data: unknown): void {
  try {
    writeStored(key, { data, at: Date.now() });
  } catch {
    /* storage full: the page still shows what it fetched */
  }
}

/** "12月3日 19:40" in China time, for the offline banner. */
export function fetchedAt(at: number): string {
  const d = new Date(at + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function offlineBanner(at: number): string {
  return `离线数据，更新于 ${fetchedAt(at)}`;
}

/** Calls `onOnline` each time the network comes back while the page is mounted. */
export function useReconnect(onOnline: () => void): void {
  const ref = useRef(onOnline);
  ref.current = onOnline;
  useEffect(() => {
    const onNetwork = (res: { isConnected: boolean }) => {
      if (res.isConnected) ref.current();
    };
    const onWindowOnline = () => ref.current();
    Taro.onNetworkStatusChange(onNetwork);
    const w = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' ? window : null;
    w?.addEventListener('online', onWindowOnline);
    return () => {
      Taro.offNetworkStatusChange(onNetwork);
      w?.removeEventListener('online', onWindowOnline);
    };
  }, []);
}

export const HOUSEHOLDS_KEY = 'zczr.worker.households';
export const householdKey = (id: string): string => `zczr.worker.household.${id}`;

/** Called when the workbench loads online: the grid's households are kept for the doorstep (at most hourly). */
export function prefetchHouseholds(): void {
  const kept = readCache<unknown>(HOUSEHOLDS_KEY);
  if (kept && Date.now() - kept.at < 3_600_000) return;
  void api.households({ page: 1, pageSize: 50 }).then(
    (r) => writeCache(HOUSEHOLDS_KEY, { items: r.items, total: r.total }),
    () => undefined,
  );
}

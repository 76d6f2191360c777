/** The district's streets and communities, kept on the phone so the address step works offline. */
import { api } from './api';
import { readStored, writeStored } from './storage';

export interface Region {
  code: string;
  name: string;
  level: string;
  children: Region[];
}

const KEY = 'zczr.regions';

/** Fetches the tree and keeps it; offline, the kept copy (null when there is none). */
export async function loadRegions(): Promise<{ regions: Region[] | null; offline: boolean }> {
  try {
    const regions = (await api.regions()) as Region[];
    writeStored(KEY, { regions, at: Date.now() });
    return { regions, offline: false };
  } catch {
    return { regions: readStored<{ regions: Region[] }>(KEY)?.regions ?? null, offline: true };
  }
}

/** Called when the worker opens the workbench online, so a later door-to-door collection has the tree offline. */
export function prefetchRegions(): void {
  if (!readStored<{ at: number }>(KEY) || Date.now() - (readStored<{ at: number }>(KEY)?.at ?? 0) > 86_400_000) void loadRegions();
}

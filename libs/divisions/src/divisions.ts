/**
 * Administrative divisions (行政区划) from province down to community/village, with codes
 * normalised to GB/T 2260 form:
 *   province 510000 · city 510100 · district 510115 · street 510115001 · community 510115001001
 */
import { areas, cities, provinces, streets, villagesOfDistrict, type RawStreet } from './source.js';

export type DivisionLevel = 'province' | 'city' | 'district' | 'street' | 'community';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Code of the enclosing division; null for a province. */
  parentCode: string | null;
}

export interface DistrictTree {
  district: Division;
  streets: Array<Division & { communities: Division[] }>;
}

/**
 * Accepted inputs besides the canonical forms: the package's short forms ("51", "5101") and the
 * statistics bureau's zero-padded 12-digit form ("510115000000", "510115001000").
 */
function canonicalCode(input: string): string | undefined {
  const code = input.trim();
  if (!/^\d+$/.test(code)) return undefined;
  switch (code.length) {
    case 2:
      return `${code}0000`;
    case 4:
      return `${code}00`;
    case 6:
    case 9:
      return code;
    case 12:
      // A real community's own sequence is never 000, so these can only be padded upper levels.
      if (code.endsWith('000000')) return code.slice(0, 6);
      if (code.endsWith('000')) return code.slice(0, 9);
      return code;
    default:
      return undefined;
  }
}

function findSixDigit(code: string): Division | undefined {
  if (code.endsWith('0000')) {
    const province = provinces().get(code.slice(0, 2));
    if (province) return { code, name: province.name, level: 'province', parentCode: null };
  }
  // Checked before districts on purpose: the package also lists district-less cities such as
  // 东莞市 441900 as their own "area"; GB/T 2260 (and ID cards) treat XXXX00 as the city.
  if (code.endsWith('00')) {
    const city = cities().get(code.slice(0, 4));
    if (city) return { code, name: city.name, level: 'city', parentCode: `${city.provinceCode}0000` };
  }
  const area = areas().get(code);
  if (area) return { code, name: area.name, level: 'district', parentCode: `${area.cityCode}00` };
  return undefined;
}

function streetDivision(s: RawStreet): Division {
  return { code: s.code, name: s.name, level: 'street', parentCode: s.areaCode };
}

/** Any division from province to community, by code (see canonicalCode for accepted forms). */
export function findDivision(code: string): Division | undefined {
  const canonical = canonicalCode(code);
  if (!canonical) return undefined;
  if (canonical.length === 6) return findSixDigit(canonical);
  if (canonical.length === 9) {
    const street = streets().byCode.get(canonical);
    return street && streetDivision(street);
  }
  const village = villagesOfDistrict(canonical.slice(0, 6)).find((v) => v.code === canonical);
  return village && { code: village.code, name: village.name, level: 'community', parentCode: village.streetCode };
}

/**
 * A county-level unit with all its streets/towns and their communities/villages.
 * Also accepts the few prefecture-level cities without districts (东莞 441900, 中山 442000,
 * 儋州 460400), whose streets hang directly under the city; `district.level` is then 'city'.
 */
export function districtTree(districtCode: string): DistrictTree {
  const district = findDivision(districtCode);
  const streetList = district ? streets().byArea.get(district.code) : undefined;
  const isCounty = district?.level === 'district' || (district?.level === 'city' && streetList !== undefined);
  if (!district || !isCounty) {
    throw new Error(`未知的区县代码：${districtCode}（需要6位县级行政区划代码，如 510115）`);
  }
  const byStreet = new Map<string, Division[]>();
  for (const v of villagesOfDistrict(district.code)) {
    const community: Division = { code: v.code, name: v.name, level: 'community', parentCode: v.streetCode };
    const list = byStreet.get(v.streetCode);
    if (list) list.push(community);
    else byStreet.set(v.streetCode, [community]);
  }
  return {
    district,
    streets: (streetList ?? []).map((s) => ({ ...streetDivision(s), communities: byStreet.get(s.code) ?? [] })),
  };
}

/** Names the package uses for grouping rows that are not real places (e.g. 北京市 › 市辖区). */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * Joins names from the top down, skipping placeholders and repeated names
 * (嘉峪关市 › 嘉峪关市 is one place in the address).
 */
export function joinNames(names: readonly string[]): string {
  let path = '';
  let previous = '';
  for (const name of names) {
    if (PLACEHOLDER_NAMES.has(name) || name === previous) continue;
    path += name;
    previous = name;
  }
  return path;
}

/** The division and its ancestors, province first. */
export function divisionPath(code: string): Division[] {
  const path: Division[] = [];
  for (let d = findDivision(code); d; d = d.parentCode === null ? undefined : findDivision(d.parentCode)) {
    path.unshift(d);
  }
  return path;
}

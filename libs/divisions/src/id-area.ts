/**
 * Area codes as they appear in the first 6 digits of an ID number.
 *
 * An ID number keeps the code of the place where it was first issued for life, so codes that
 * GB/T 2260 has since retired are still valid on old cards (docs/DOMAIN.md §5).
 */
import { divisionPath, findDivision, joinNames } from './divisions.js';

export interface RetiredDivision {
  code: string;
  name: string;
  /** The current division that took over (most of) its territory. */
  successorCode: string;
}

/**
 * Retired county-level codes that are common on old cards. Deliberately short: only entries we are
 * sure of. Extend it from the official GB/T 2260 change lists, never from guesses.
 */
export const RETIRED_DIVISIONS: readonly RetiredDivision[] = [
  { code: '110103', name: '崇文区', successorCode: '110101' }, // 2010, merged into 东城区
  { code: '110104', name: '宣武区', successorCode: '110102' }, // 2010, merged into 西城区
  { code: '110228', name: '密云县', successorCode: '110118' }, // 2015, became 密云区
  { code: '110229', name: '延庆县', successorCode: '110119' }, // 2015, became 延庆区
  { code: '310102', name: '南市区', successorCode: '310101' }, // 2000, merged into 黄浦区
  { code: '310103', name: '卢湾区', successorCode: '310101' }, // 2011, merged into 黄浦区
  { code: '310108', name: '闸北区', successorCode: '310106' }, // 2015, merged into 静安区
  { code: '310230', name: '崇明县', successorCode: '310151' }, // 2016, became 崇明区
  { code: '320103', name: '白下区', successorCode: '320104' }, // 2013, merged into 秦淮区
  { code: '320107', name: '下关区', successorCode: '320106' }, // 2013, merged into 鼓楼区
  { code: '330103', name: '下城区', successorCode: '330105' }, // 2021, merged into 拱墅区
  { code: '330104', name: '江干区', successorCode: '330102' }, // 2021, mostly into 上城区
  { code: '440102', name: '东山区', successorCode: '440104' }, // 2005, merged into 越秀区
  { code: '440107', name: '芳村区', successorCode: '440103' }, // 2005, merged into 荔湾区
  { code: '440524', name: '潮阳县', successorCode: '440513' }, // GB 11643 example; later 潮阳市, now 潮阳区
  { code: '510123', name: '温江县', successorCode: '510115' }, // 2002, became 温江区
  { code: '510122', name: '双流县', successorCode: '510116' }, // 2015, became 双流区
  { code: '510124', name: '郫县', successorCode: '510117' }, // 2016, became 郫都区
];

const retiredByCode = new Map(RETIRED_DIVISIONS.map((r) => [r.code, r]));

/**
 * Not divisions but valid on ID-format numbers: the 港澳台居民居住证 (residence permits issued
 * since 2018) use these in place of an area code.
 */
const RESIDENCE_PERMIT_AREAS = new Map([
  ['810000', '香港特别行政区'],
  ['820000', '澳门特别行政区'],
  ['830000', '台湾地区'],
]);

export interface IdAreaCode {
  code: string;
  /** The division's own name, e.g. 温江区. */
  name: string;
  /** Province-to-county path, e.g. 四川省成都市温江区. */
  fullName: string;
  level: 'province' | 'city' | 'district';
  /** false for a retired code that is still valid on old cards. */
  current: boolean;
  successorCode?: string;
}

/**
 * Resolves a 6-digit ID area code: current GB/T 2260 codes first (county, city or province level),
 * then retired codes. undefined if unknown.
 */
export function lookupIdAreaCode(code6: string): IdAreaCode | undefined {
  if (!/^\d{6}$/.test(code6)) return undefined;
  const current = findDivision(code6);
  if (current && (current.level === 'province' || current.level === 'city' || current.level === 'district')) {
    const fullName = joinNames(divisionPath(code6).map((d) => d.name));
    return { code: code6, name: current.name, fullName, level: current.level, current: true };
  }
  const retired = retiredByCode.get(code6);
  if (retired) {
    // Name it under its old city if that still exists; Beijing's and Shanghai's former county
    // groupings (110200, 310200 县) do not, so fall back to the province.
    const parent = divisionPath(`${code6.slice(0, 4)}00`);
    const parentNames = (parent.length > 0 ? parent : divisionPath(`${code6.slice(0, 2)}0000`)).map((d) => d.name);
    return {
      code: code6,
      name: retired.name,
      fullName: joinNames([...parentNames, retired.name]),
      level: 'district',
      current: false,
      successorCode: retired.successorCode,
    };
  }
  const permitArea = RESIDENCE_PERMIT_AREAS.get(code6);
  if (permitArea) return { code: code6, name: permitArea, fullName: permitArea, level: 'province', current: true };
  return undefined;
}

/**
 * Full name path of a division, e.g. '510115' → '四川省成都市温江区'. Works for ID area codes
 * (current or retired) and for any code findDivision accepts, down to communities.
 */
export function regionName(code: string): string | undefined {
  const area = lookupIdAreaCode(code.trim());
  if (area) return area.fullName;
  const path = divisionPath(code);
  return path.length > 0 ? joinNames(path.map((d) => d.name)) : undefined;
}

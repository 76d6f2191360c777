import { districtTree, findDivision } from '@zczr/divisions';
import type { ReadChar } from '../engine/tesseract-pool.js';
import { editDistance, tolerance } from '../text/fuzzy.js';
import { field, type OcrField } from './field.js';

/**
 * Addresses begin with real division names — province, city, district, street/town,
 * community/village — and those are known (GB/T 2260 down to villages). The read is matched
 * against them level by level, allowing a misread character or two per name, and the names are
 * put right; what follows (road, number, building, room) is kept as read and judged by its
 * characters' confidence.
 */

interface Place {
  code: string;
  /** As written in addresses (a community without 居民委员会). */
  name: string;
  level: 'province' | 'city' | 'district' | 'street' | 'community';
}

const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const COMMITTEE = /(社区居民委员会|村民委员会|居民委员会|居委会|村委会)$/;

/** 和平社区居委会 → 和平社区; 岷江村村委会 → 岷江村; 新华居委会 → 新华社区. */
export function addressName(name: string): string {
  const stripped = name.replace(COMMITTEE, '');
  if (stripped === name || stripped.endsWith('村') || stripped.endsWith('社区')) return stripped;
  return /村(民)?委员?会$/.test(name) ? `${stripped}村` : `${stripped}社区`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

let provinceList: Place[] | null = null;
const childCache = new Map<string, Place[]>();

function provinces(): Place[] {
  provinceList ??= Array.from({ length: 72 }, (_, i) => findDivision(`${i + 11}0000`))
    .filter((d) => d?.level === 'province')
    .map((d) => ({ code: d!.code, name: d!.name, level: 'province' as const }));
  return provinceList;
}

/** Divisions one level down (placeholder cities such as 北京市›市辖区 are looked through). */
function children(p: Place): Place[] {
  const cached = childCache.get(p.code);
  if (cached) return cached;
  let list: Place[] = [];
  if (p.level === 'province') {
    for (let c = 1; c <= 99; c++) {
      const d = findDivision(`${p.code.slice(0, 2)}${pad2(c)}00`);
      if (d?.level !== 'city') continue;
      if (PLACEHOLDERS.has(d.name)) list.push(...children({ code: d.code, name: d.name, level: 'city' }));
      else list.push({ code: d.code, name: d.name, level: 'city' });
    }
  } else if (p.level === 'city') {
    for (let c = 1; c <= 99; c++) {
      const d = findDivision(`${p.code.slice(0, 4)}${pad2(c)}`);
      if (d?.level === 'district') list.push({ code: d.code, name: d.name, level: 'district' });
    }
  } else if (p.level === 'district') {
    try {
      const tree = districtTree(p.code);
      list = tree.streets.map((s) => ({ code: s.code, name: s.name, level: 'street' as const }));
      for (const s of tree.streets)
        childCache.set(
          s.code,
          s.communities.map((c) => ({ code: c.code, name: addressName(c.name), level: 'community' as const })),
        );
    } catch {
      list = [];
    }
  }
  childCache.set(p.code, list);
  return list;
}

interface Step {
  place: Place;
  /** Characters of the read this name covers. */
  from: number;
  to: number;
  distance: number;
}

interface Path {
  steps: Step[];
  pos: number;
  distance: number;
}

/** Where `name` best matches the text at `pos`, within tolerance: end position and distance. */
function matchAt(text: string[], pos: number, name: string): { to: number; distance: number } | null {
  const n = [...name].length;
  const tol = tolerance(n);
  let best: { to: number; distance: number } | null = null;
  for (let len = Math.max(1, n - tol); len <= n + tol && pos + len <= text.length; len++) {
    const d = editDistance(text.slice(pos, pos + len).join(''), name);
    if (d <= tol && (!best || d < best.distance)) best = { to: pos + len, distance: d };
  }
  // The last character of a name is its kind (省 市 区 县 镇 街道 社区 村): it must be right.
  if (best && text.slice(pos, best.to).join('').slice(-1) !== name.slice(-1) && best.distance > 0) return null;
  return best;
}

function extend(text: string[], paths: Path[], next: (p: Path) => Place[]): Path[] {
  const out: Path[] = [];
  for (const p of paths) {
    for (const place of next(p)) {
      const m = matchAt(text, p.pos, place.name);
      if (m) out.push({ steps: [...p.steps, { place, from: p.pos, to: m.to, distance: m.distance }], pos: m.to, distance: p.distance + m.distance });
    }
  }
  return out;
}

export interface AddressMatch {
  /** The read with division names put right. */
  text: string;
  /** Deepest division recognised (e.g. a community code), or null. */
  divisionCode: string | null;
  /** Names that were put right: [as read, as corrected]. */
  fixes: Array<[string, string]>;
  /** Where the part after the division names starts, in `text`. */
  restStart: number;
  /** The division match could not decide between places. */
  ambiguous: boolean;
  /** Deepest level recognised. */
  level: Place['level'] | null;
}

/**
 * Matches the beginning of an address against the division tree. `preferDistrict` (the bureau's
 * own district) breaks ties between equally good paths, e.g. 温江区 against 锦江区 for a read 歇江区.
 */
export function matchDivisions(read: string, preferDistrict?: string): AddressMatch {
  const text = [...read];
  let paths: Path[] = [{ steps: [], pos: 0, distance: 0 }];
  let best: Path = paths[0]!;
  let ambiguous = false;
  const next = (p: Path): Place[] => (p.steps.length === 0 ? provinces() : children(p.steps.at(-1)!.place));
  for (let level = 0; level < 5; level++) {
    let extended = extend(text, paths, next);
    if (extended.length === 0) break;
    // Keep the closest few; prefer paths through the preferred district on ties.
    const prefers = (p: Path): number => (preferDistrict && p.steps.some((s) => s.place.code === preferDistrict) ? 0 : 1);
    extended.sort((a, b) => a.distance - b.distance || prefers(a) - prefers(b));
    extended = extended.slice(0, 8);
    paths = extended;
    const top = extended[0]!;
    const rival = extended.find(
      (p) => p !== top && p.distance === top.distance && prefers(p) === prefers(top) && p.steps.at(-1)!.place.name !== top.steps.at(-1)!.place.name,
    );
    ambiguous = rival !== undefined;
    best = top;
    if (ambiguous) break;
  }
  const fixes: Array<[string, string]> = [];
  let out = '';
  for (const s of best.steps) {
    const asRead = text.slice(s.from, s.to).join('');
    if (asRead !== s.place.name) fixes.push([asRead, s.place.name]);
    out += s.place.name;
  }
  const restStart = out.length;
  out += text.slice(best.pos).join('');
  return { text: out, divisionCode: best.steps.at(-1)?.place.code ?? null, fixes, restStart, ambiguous, level: best.steps.at(-1)?.place.level ?? null };
}

/** Look-alikes OCR reads in place of digits in house numbers. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { ']': '1', '[': '1', '|': '1', l: '1', I: '1', 了: '7', O: '0', o: '0' };

/** House-number part: look-alikes next to digits become digits; stray symbols go. */
function cleanRest(rest: string): { text: string; fixed: boolean } {
  const chars = [...rest];
  let fixed = false;
  const out = chars.map((c, i) => {
    const d = DIGIT_LOOKALIKES[c];
    if (d && (/\d/.test(chars[i - 1] ?? '') || /\d/.test(chars[i + 1] ?? ''))) {
      fixed = true;
      return d;
    }
    return c;
  });
  const text = out.join('').replace(/[^\u3400-\u9fff0-9A-Za-z\-#（）()·]/g, '');
  return { text, fixed: fixed || text !== out.join('') };
}

/** The address field from the lines of its zone. */
export function decideAddress(chars: readonly ReadChar[], preferDistrict?: string): OcrField {
  const raw = chars
    .map((c) => c.ch)
    .join('')
    .replace(/\s+/g, '');
  const cleaned = raw.replace(/^(住址|住|址)/, '');
  if (!cleaned) return field(null, 0, { note: '未能识别住址' });
  const m = matchDivisions(cleaned, preferDistrict);
  const rest = cleanRest(m.text.slice(m.restStart));
  const value = m.text.slice(0, m.restStart) + rest.text;
  // Confidence of the part after the division names: the characters that were not checked against anything.
  const offset = raw.length - cleaned.length;
  const restChars = chars.slice(offset).slice(Math.max(0, [...cleaned].length - [...rest.text].length));
  const weakest = restChars.reduce((min, c) => Math.min(min, c.conf), 1);
  const known = m.level === 'district' || m.level === 'street' || m.level === 'community';
  const notes: string[] = [];
  if (m.fixes.length) notes.push(`已按行政区划更正：${m.fixes.map(([a, b]) => `“${a}”→“${b}”`).join('，')}`);
  if (m.ambiguous) notes.push('行政区划名称有歧义，请核对');
  if (!known) notes.push('未能与行政区划名称对上，请核对');
  if (rest.fixed) notes.push('门牌号中有字符不清，请核对');
  const confidence = Math.min(0.99, 0.5 + 0.5 * weakest) - (known ? 0 : 0.3) - (m.ambiguous ? 0.2 : 0) - 0.05 * m.fixes.length;
  return field(value, confidence, { confirm: m.ambiguous || !known || rest.fixed || weakest < 0.5, note: notes.join('；') || undefined });
}

/** Cities as an issuing authority names them: prefecture-level cities, and the municipalities themselves. */
let authorityCities: Place[] | null = null;
function cityPlaces(): Place[] {
  authorityCities ??= provinces().flatMap((p) => (p.name.endsWith('市') ? [{ ...p, level: 'city' as const }] : children(p).filter((c) => c.level === 'city')));
  return authorityCities;
}

/** A municipality's districts are its children's (looked through the placeholder); a city's, its own. */
function districtsOf(city: Place): Place[] {
  const found = findDivision(city.code);
  return found?.level === 'province' ? children({ ...city, level: 'province' }).filter((d) => d.level === 'district') : children(city);
}

export interface AuthorityMatch {
  /** The authority with its place names put right. */
  text: string;
  fixes: Array<[string, string]>;
  /** Both place names were found among the divisions. */
  known: boolean;
  /** Two places matched as well, and only the bureau's own district decided between them. */
  decidedByPreference: boolean;
}

/**
 * 签发机关 "成都市公安局温江区分局" (or "…温江分局", or "大邑县公安局"): the city and district in it
 * are division names, matched like an address's (a misread character or two per name), the
 * bureau's district breaking ties. Null when the text is not of that shape (a 派出所).
 */
export function matchAuthorityPlaces(read: string, preferDistrict?: string): AuthorityMatch | null {
  const m = /^(.+?)公安局(?:(.+?)分局)?$/.exec(read);
  if (!m) return null;
  const [, cityRead, districtRead] = m as unknown as [string, string, string | undefined];
  const within = (asRead: string, name: string): number | null => {
    const d = editDistance(asRead, name);
    return d > tolerance([...name].length) ? null : d;
  };
  // As in addresses, the last character of a name is its kind (市 区 县): it must be right.
  const near = (asRead: string, name: string): number | null => {
    const d = within(asRead, name);
    return d !== null && d > 0 && asRead.slice(-1) !== name.slice(-1) ? null : d;
  };
  type Hit = { city: Place; district: Place | null; districtAs: string; distance: number };
  const hits: Hit[] = [];
  if (districtRead !== undefined) {
    for (const city of cityPlaces()) {
      const dc = near(cityRead, city.name);
      if (dc === null) continue;
      for (const district of districtsOf(city)) {
        // "温江区分局" or, the kind dropped, "温江分局".
        for (const as of [district.name, district.name.replace(/(区|县|市)$/, '')]) {
          if ([...as].length < 2) continue;
          const dd = as === district.name ? near(districtRead, as) : within(districtRead, as);
          if (dd !== null) hits.push({ city, district, districtAs: as, distance: dc + dd });
        }
      }
    }
  } else {
    // "大邑县公安局", "成都市公安局": a city, or a district or county of any city.
    for (const city of cityPlaces()) {
      const dc = near(cityRead, city.name);
      if (dc !== null) hits.push({ city, district: null, districtAs: '', distance: dc });
      for (const district of districtsOf(city)) {
        const dd = near(cityRead, district.name);
        if (dd !== null) hits.push({ city, district, districtAs: district.name, distance: dd });
      }
    }
  }
  if (!hits.length) return { text: read, fixes: [], known: false, decidedByPreference: false };
  const prefers = (h: Hit): number => (preferDistrict && h.district?.code === preferDistrict ? 0 : 1);
  hits.sort((a, b) => a.distance - b.distance || prefers(a) - prefers(b));
  const top = hits[0]!;
  const sameAnswer = (h: Hit): boolean => h.city.code === top.city.code && h.district?.code === top.district?.code;
  const rivals = hits.filter((h) => h.distance === top.distance && !sameAnswer(h));
  if (rivals.some((h) => prefers(h) === prefers(top))) return { text: read, fixes: [], known: false, decidedByPreference: false };
  const fixes: Array<[string, string]> = [];
  let text: string;
  if (districtRead !== undefined) {
    if (cityRead !== top.city.name) fixes.push([cityRead, top.city.name]);
    if (districtRead !== top.districtAs) fixes.push([districtRead, top.districtAs]);
    text = `${top.city.name}公安局${top.districtAs}分局`;
  } else {
    const name = top.district ? top.districtAs : top.city.name;
    if (cityRead !== name) fixes.push([cityRead, name]);
    text = `${name}公安局`;
  }
  return { text, fixes, known: true, decidedByPreference: rivals.length > 0 };
}

/**
 * Where people live and where they were born: the district's communities and grids, street
 * addresses, and the ID-card area codes of birthplaces.
 */
import { districtTree, regionName } from '@zczr/divisions';
import type { Ethnicity } from './names.js';
import { coprimeMultiplier, hashString, hashWords, Rng, Weighted } from './random.js';

// ---------------------------------------------------------------------------------------------
// Birthplaces → ID area codes

/** Wenjiang was 温江县 (510123) until it became 温江区 (510115) in 2002; old cards keep 510123. */
const FORMER_CODES: Record<string, { code: string; until: number }> = {
  '510115': { code: '510123', until: 2002 },
};

/** A birthplace code that changed: `code` for births before `from`, `then` from that year on. */
interface RenamedCode {
  code: string;
  then: string;
  from: number;
}
type Birthplace = string | RenamedCode;

/** Elsewhere in Chengdu (nearby, so common), with the codes that were current at the time. */
const CHENGDU: ReadonlyArray<readonly [Birthplace, number]> = [
  ['510104', 3],
  ['510105', 3],
  ['510106', 3],
  ['510107', 3],
  ['510108', 2],
  ['510112', 2],
  ['510113', 1],
  [{ code: '510125', then: '510114', from: 2002 }, 2], // 新都县 → 新都区
  [{ code: '510122', then: '510116', from: 2016 }, 3], // 双流县 → 双流区
  [{ code: '510124', then: '510117', from: 2017 }, 4], // 郫县 → 郫都区
  [{ code: '510132', then: '510118', from: 2021 }, 1], // 新津县 → 新津区
  ['510121', 1],
  ['510129', 2],
  ['510131', 1],
  ['510181', 3],
  ['510182', 2],
  ['510183', 2],
  ['510184', 4],
  [{ code: '512081', then: '510185', from: 2017 }, 1], // 简阳市, moved from 资阳 to 成都
];

/** Rest of Sichuan and neighbours: the usual origins of people who moved to Chengdu. */
const ELSEWHERE: ReadonlyArray<readonly [Birthplace, number]> = [
  ['510302', 1],
  ['510321', 1],
  ['510502', 1],
  ['510521', 1],
  ['510603', 1],
  ['510623', 2],
  ['510681', 1],
  ['510703', 1],
  ['510722', 2],
  ['510781', 1],
  ['510802', 1],
  ['510824', 1],
  ['510921', 1],
  ['511002', 1],
  ['511025', 1],
  ['511102', 1],
  ['511123', 1],
  ['511321', 2],
  ['511322', 1],
  ['511324', 1],
  ['511381', 1],
  ['511402', 1],
  ['511421', 2],
  ['511502', 1],
  ['511602', 1],
  ['511621', 1],
  ['511702', 1],
  ['511722', 1],
  ['511725', 1],
  ['511802', 1],
  ['511902', 1],
  ['511921', 1],
  ['512002', 1],
  ['512021', 1],
  ['500101', 1],
  ['500234', 1],
  ['500381', 1],
  ['530102', 0.3],
  ['520102', 0.3],
  ['610113', 0.3],
  ['420106', 0.2],
  ['430102', 0.2],
  ['410105', 0.2],
  ['130102', 0.1],
  ['370102', 0.1],
  ['320106', 0.1],
];

/** Birthplaces of the ethnic minorities that live in Chengdu in numbers. */
const MINORITY_HOMELANDS: Record<Exclude<Ethnicity, '汉族'>, string[]> = {
  藏族: ['513201', '513224', '513231', '513232', '513301', '513328', '513330', '513334'],
  彝族: ['513401', '513431', '513432', '513434', '513436', '511132', '511133'],
  羌族: ['513221', '513222', '513223', '510726'],
  回族: ['510107', '513401', '622901', '640104'],
};

const CHENGDU_PICK = new Weighted(CHENGDU);
const ELSEWHERE_PICK = new Weighted(ELSEWHERE);

function resolve(place: Birthplace, birthYear: number): string {
  if (typeof place === 'string') return place;
  return birthYear < place.from ? place.code : place.then;
}

/**
 * Area code of someone born in the district itself: people born before a code change mostly got
 * their number under the old code; some were registered later and carry the new one.
 */
export function localAreaCode(districtCode: string, birthYear: number, rng: Rng): string {
  const former = FORMER_CODES[districtCode];
  if (former && birthYear < former.until && rng.chance(0.8)) return former.code;
  return districtCode;
}

/** Area code of someone born outside the district. */
export function migrantAreaCode(birthYear: number, ethnicity: Ethnicity, rng: Rng): string {
  if (ethnicity !== '汉族' && rng.chance(0.85)) return rng.pick(MINORITY_HOMELANDS[ethnicity]);
  return resolve(rng.chance(0.55) ? CHENGDU_PICK.sample(rng) : ELSEWHERE_PICK.sample(rng), birthYear);
}

// ---------------------------------------------------------------------------------------------
// Communities, grids and addresses

export interface CommunityPlace {
  code: string;
  /** Display name without the committee suffix: 和平社区, 岷江村. */
  name: string;
  streetCode: string;
  streetName: string;
  /** A village (村): rural address, more farming. */
  rural: boolean;
  /** Households per grid in this community (150–300, docs/DOMAIN.md §2). */
  gridSize: number;
  /** Relative share of the district's households. */
  weight: number;
  roads: string[];
}

export interface DistrictLayout {
  districtCode: string;
  /** 四川省成都市温江区 */
  addressPrefix: string;
  communities: CommunityPlace[];
  /** One round of the round-robin: community index per slot… */
  scheduleCommunity: Uint16Array;
  /** …and how many earlier slots of the round went to the same community. */
  scheduleOccurrence: Uint16Array;
  scheduleMultiplier: number;
  scheduleOffset: number;
}

const COMMITTEE_SUFFIX = /(社区居民委员会|村民委员会|居民委员会|居委会|村委会)$/;

export function communityDisplayName(name: string): string {
  const stripped = name.replace(COMMITTEE_SUFFIX, '');
  if (stripped === name) return name;
  // 和平社区居委会 → 和平社区; 岷江村村委会 → 岷江村; 新华居委会 → 新华社区
  if (stripped.endsWith('村') || stripped.endsWith('社区')) return stripped;
  return name.endsWith('村委会') || name.endsWith('村民委员会') ? `${stripped}村` : `${stripped}社区`;
}

const ROAD_POOL = split(
  '光华大道 凤溪大道 柳城大道 德通桥路 鱼凫路 江安路 南熏大道 杨柳西路 万春东路 学府路 芙蓉大道 新华大道 文庙街 东大街 ' +
    '西大街 永宁路 金马大道 海科路 惠民路 长安路 公平路 涌泉路 天府路 柳台大道 光华西路 麻市街 杨柳东路 花土路 锦绣大道 ' +
    '蓉台大道 成温路 康泉路 白马路 明珠路 红桥路 江浦路 凤凰大道 和盛大道 寿安大道 万春路 踏水路',
);
const BUILDING_PHRASE = ['号', '号院'];

function split(text: string): string[] {
  return text.split(' ');
}

/** Grids per community fill in order: the first `gridSize` households of a community are grid 0. */
export function buildDistrictLayout(districtCode: string, seed: number): DistrictLayout {
  const tree = districtTree(districtCode);
  const communities: CommunityPlace[] = [];
  for (const street of tree.streets) {
    for (const c of street.communities) {
      const name = communityDisplayName(c.name);
      const rural = name.endsWith('村');
      const h = hashWords(seed >>> 0, hashString(c.code), 0xc0ffee);
      const roadFromName = /.+(路|街|大道)(?=社区$)/.exec(name)?.[0];
      const roads: string[] = [];
      if (roadFromName) roads.push(roadFromName);
      for (let i = 0; roads.length < 4; i++) {
        const road = ROAD_POOL[hashWords(h, i) % ROAD_POOL.length]!;
        if (!roads.includes(road)) roads.push(road);
      }
      communities.push({
        code: c.code,
        name,
        streetCode: street.code,
        streetName: street.name,
        rural,
        gridSize: 150 + (h % 151),
        weight: rural ? 1 + ((h >>> 8) % 2) : 2 + ((h >>> 8) % 3),
        roads,
      });
    }
  }
  if (communities.length === 0) throw new Error(`区县 ${districtCode} 没有社区/村数据，无法生成演示户`);
  if (communities.length > 65535) throw new Error(`区县 ${districtCode} 的社区过多`);

  const total = communities.reduce((sum, c) => sum + c.weight, 0);
  const scheduleCommunity = new Uint16Array(total);
  const scheduleOccurrence = new Uint16Array(total);
  let slot = 0;
  communities.forEach((c, index) => {
    for (let k = 0; k < c.weight; k++) {
      scheduleCommunity[slot] = index;
      scheduleOccurrence[slot] = k;
      slot++;
    }
  });
  const mix = hashWords(seed >>> 0, 0x5c4ed);
  return {
    districtCode,
    addressPrefix: regionName(districtCode) ?? tree.district.name,
    communities,
    scheduleCommunity,
    scheduleOccurrence,
    scheduleMultiplier: coprimeMultiplier(total, mix, Math.max(1, Math.floor(total / 3))),
    scheduleOffset: (mix >>> 7) % total,
  };
}

export interface Placement {
  community: CommunityPlace;
  gridIndex: number;
}

/**
 * Community and grid of household `index`. A weighted round-robin (shuffled once per layout), so
 * every prefix of the population is spread over all communities in proportion, and the grid index
 * follows from the household's rank within its community without looking at other households.
 */
export function placeHousehold(layout: DistrictLayout, index: number): Placement {
  const length = layout.scheduleCommunity.length;
  const round = Math.floor(index / length);
  const position = ((index % length) * layout.scheduleMultiplier + layout.scheduleOffset) % length;
  const community = layout.communities[layout.scheduleCommunity[position]!]!;
  const rank = round * community.weight + layout.scheduleOccurrence[position]!;
  return { community, gridIndex: Math.floor(rank / community.gridSize) };
}

export function householdAddress(layout: DistrictLayout, community: CommunityPlace, rng: Rng): string {
  const base = layout.addressPrefix + community.streetName + community.name;
  if (community.rural) return `${base}${rng.int(1, 12)}组${rng.int(1, 160)}号`;
  const road = rng.pick(community.roads);
  const number = rng.int(1, 400);
  if (rng.chance(0.12)) {
    // Older street-front houses have no building/unit.
    return `${base}${road}${number}${rng.pick(BUILDING_PHRASE)}`;
  }
  const floor = rng.int(1, 33);
  const room = `${floor}${String(rng.int(1, 4)).padStart(2, '0')}`;
  return `${base}${road}${number}号${rng.int(1, 18)}栋${rng.int(1, 4)}单元${room}室`;
}

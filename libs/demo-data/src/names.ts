/**
 * Chinese personal names: surnames weighted by their share of the population, given names by sex
 * and by the decade of birth (a 建国 born in 2015 or a 梓涵 born in 1950 would look wrong).
 */
import { Rng, Weighted } from './random.js';

export type Sex = 'male' | 'female';
export type Ethnicity = '汉族' | '藏族' | '彝族' | '羌族' | '回族';

/** Shares in per cent, after the 2020 census surname counts (rounded). */
const SURNAME_SHARES: ReadonlyArray<readonly [string, number]> = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.7],
  ['刘', 5.4],
  ['陈', 4.5],
  ['杨', 3.1],
  ['黄', 2.2],
  ['赵', 2.0],
  ['吴', 1.8],
  ['周', 1.7],
  ['徐', 1.3],
  ['孙', 1.3],
  ['马', 1.1],
  ['朱', 1.1],
  ['胡', 1.0],
  ['郭', 0.97],
  ['何', 0.96],
  ['高', 0.88],
  ['林', 0.84],
  ['罗', 0.82],
  ['郑', 0.78],
  ['梁', 0.68],
  ['谢', 0.6],
  ['宋', 0.54],
  ['唐', 0.52],
  ['许', 0.5],
  ['韩', 0.49],
  ['冯', 0.48],
  ['邓', 0.47],
  ['曹', 0.46],
  ['彭', 0.45],
  ['曾', 0.44],
  ['肖', 0.43],
  ['田', 0.42],
  ['董', 0.41],
  ['袁', 0.4],
  ['潘', 0.39],
  ['于', 0.38],
  ['蒋', 0.37],
  ['蔡', 0.36],
  ['余', 0.35],
  ['杜', 0.34],
  ['叶', 0.33],
  ['程', 0.32],
  ['苏', 0.31],
  ['魏', 0.3],
  ['吕', 0.29],
  ['丁', 0.28],
  ['任', 0.27],
  ['沈', 0.26],
  ['姚', 0.25],
  ['卢', 0.24],
  ['姜', 0.23],
  ['崔', 0.22],
  ['钟', 0.21],
  ['谭', 0.2],
  ['陆', 0.19],
  ['汪', 0.18],
  ['范', 0.17],
  ['金', 0.16],
  ['石', 0.15],
  ['廖', 0.15],
  ['贾', 0.14],
  ['夏', 0.14],
  ['韦', 0.13],
  ['付', 0.13],
  ['方', 0.12],
  ['白', 0.12],
  ['邹', 0.11],
  ['孟', 0.11],
  ['熊', 0.11],
  ['秦', 0.1],
  ['邱', 0.1],
  ['江', 0.1],
  ['尹', 0.1],
  ['薛', 0.09],
  ['闫', 0.09],
  ['段', 0.09],
  ['雷', 0.09],
  ['侯', 0.08],
  ['龙', 0.08],
  ['史', 0.08],
  ['陶', 0.08],
  ['黎', 0.07],
  ['贺', 0.07],
  ['顾', 0.07],
  ['毛', 0.07],
  ['郝', 0.07],
  ['龚', 0.06],
  ['邵', 0.06],
  ['万', 0.06],
  ['钱', 0.06],
  ['严', 0.05],
  ['赖', 0.05],
  ['覃', 0.05],
  ['洪', 0.05],
  ['武', 0.05],
  ['戴', 0.05],
  ['莫', 0.05],
  ['孔', 0.05],
  ['向', 0.05],
  ['敬', 0.03],
  ['文', 0.04],
  ['伍', 0.04],
  ['欧阳', 0.02],
  ['司马', 0.005],
  ['上官', 0.004],
  ['诸葛', 0.003],
];
const SURNAMES = new Weighted(SURNAME_SHARES);
const HUI_SURNAMES = new Weighted<string>([
  ['马', 30],
  ['白', 8],
  ['沙', 5],
  ['海', 4],
  ['穆', 4],
  ['杨', 6],
  ['李', 6],
  ['王', 6],
  ['张', 5],
  ['丁', 4],
]);

/** Generations of given-name fashion, by year of birth. */
type Era = 0 | 1 | 2 | 3 | 4;
function eraOf(birthYear: number): Era {
  if (birthYear < 1960) return 0;
  if (birthYear < 1980) return 1;
  if (birthYear < 2000) return 2;
  if (birthYear < 2015) return 3;
  return 4;
}

const split = (names: string): string[] => names.split(' ');

const GIVEN: Record<Sex, Record<Era, string[]>> = {
  male: {
    0: split(
      '建国 国庆 德明 志华 永福 长生 福全 树林 明德 文彬 国强 建华 水生 清华 光明 德胜 立新 跃进 学文 德华 福生 家福 玉林 正发 世荣 朝贵 华 林 明 忠 全 贵',
    ),
    1: split('伟 军 勇 强 斌 涛 明 平 刚 建军 志强 红军 卫东 建平 小平 海涛 国平 建伟 晓东 永红 志刚 建林 勇军 国华 成 兵 东 波 建 华 继红 德勇'),
    2: split('浩 磊 鹏 杰 超 鑫 宇 俊杰 志伟 亮 飞 洋 帆 林 翔 俊 彬 凯 峰 海波 文杰 家伟 明杰 俊峰 伟 涛 强 川 锐 毅 晨 鹏飞 龙 小龙 建'),
    3: split('子轩 浩然 宇轩 俊熙 博文 皓轩 梓豪 明轩 子豪 浩宇 天佑 文博 思远 睿 航 泽宇 嘉豪 一鸣 俊杰 宇航 博 豪 家乐 鑫 锦程 逸飞 昊天 宇'),
    4: split('沐宸 浩宇 宇泽 梓睿 子墨 奕辰 宥辰 睿泽 俊宇 梓轩 亦辰 煜祺 宸睿 承泽 景行 允之 一航 铭 修远 嘉树 安 翊 锦川 书恒 言'),
  },
  female: {
    0: split('秀英 桂英 玉兰 淑珍 秀兰 凤英 桂兰 素芳 翠华 玉珍 秀珍 淑华 秀芳 兰英 金凤 琼芳 德珍 淑英 玉华 素珍 明珍 碧玉 菊 兰 芬 珍 琼'),
    1: split('丽 红 梅 萍 燕 琴 静 芳 丽华 红梅 小琴 春梅 秀琼 晓燕 建英 玉梅 淑芬 美玲 利 莉 霞 英 华 玲 平 蓉 群 小红 德芳'),
    2: split('婷 娟 丹 洁 倩 颖 琳 雪 敏 慧 佳 静 婷婷 丹丹 晓丽 思思 雪梅 佳佳 莉莉 雅琴 小红 蕾 露 艳 玲 媛 瑶 欢 月 梦 菲 晶'),
    3: split('欣怡 梓涵 雨涵 诗涵 梦琪 可馨 子涵 思涵 佳怡 雨欣 紫涵 语嫣 欣妍 怡然 静怡 心怡 梓萱 雅琪 雨 涵 琪 萱 悦 瑶 佳琪 一涵'),
    4: split('一诺 依诺 梓涵 可欣 欣冉 语桐 若汐 芊芊 梓萱 思涵 沐橙 一可 诗琪 安琪 雨桐 知夏 清欢 语汐 书瑶 星妍 若曦 悠然 乐 晗'),
  },
};

const TIBETAN: Record<Sex, string[]> = {
  male: split('扎西 次仁 格桑 多吉 旺堆 尼玛 达瓦 平措 洛桑 丹增 强巴 顿珠 索朗 贡布 泽仁'),
  female: split('卓玛 拉姆 央金 措姆 德吉 曲珍 白玛 桑姆 次珍 拉珍 格桑 泽央 益西 达娃'),
};
const YI_CLANS = split('吉克 阿苏 沙马 曲比 海来 阿约 马海 俄木 吉伍 阿克 勒格 瓦扎');
const YI_GIVEN: Record<Sex, string[]> = {
  male: split('拉且 日火 木呷 伍各 史古 尔古 拉哈 木乃 阿体 子哈 石布 铁哈'),
  female: split('阿依 阿呷 日嫫 石英 阿芝 木果 依果 莫色 金花 呷呷 阿妞 玛果'),
};

export function randomSurname(rng: Rng, ethnicity: Ethnicity = '汉族'): string {
  if (ethnicity === '回族') return HUI_SURNAMES.sample(rng);
  if (ethnicity === '彝族') return rng.pick(YI_CLANS);
  return SURNAMES.sample(rng);
}

export function randomGivenName(rng: Rng, sex: Sex, birthYear: number): string {
  return rng.pick(GIVEN[sex][eraOf(birthYear)]);
}

/**
 * A full name. Tibetan names have no family name (two given names, often four characters); Yi
 * names in Chinese are a clan name plus a given name; everyone else is family name + given name.
 */
export function personName(rng: Rng, sex: Sex, birthYear: number, ethnicity: Ethnicity, surname: string): string {
  switch (ethnicity) {
    case '藏族': {
      const first = rng.pick(TIBETAN[sex]);
      if (rng.chance(0.35)) return first;
      let second = rng.pick(TIBETAN[sex]);
      if (second === first) second = sex === 'male' ? '次仁' : '卓玛';
      return first === second ? first : first + second;
    }
    case '彝族':
      return rng.chance(0.6) ? surname + rng.pick(YI_GIVEN[sex]) : surname + randomGivenName(rng, sex, birthYear);
    case '汉族':
    case '羌族':
    case '回族':
      return surname + randomGivenName(rng, sex, birthYear);
  }
}

/**
 * n distinct Han names of working-age adults (born 1966–2001), for staff and grid-worker accounts.
 * Deterministic for a seed.
 */
export function generateStaffNames(seed: number, n: number): string[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`generateStaffNames: n must be a non-negative integer, got ${n}`);
  const rng = Rng.derive(seed >>> 0, Math.floor(seed / 4294967296) >>> 0, 0x57aff, 1);
  const seen = new Set<string>();
  const names: string[] = [];
  const limit = 1_000 * n + 100_000;
  for (let attempts = 0; names.length < n; attempts++) {
    if (attempts > limit) throw new RangeError(`generateStaffNames: could not find ${n} distinct names`);
    const sex: Sex = rng.chance(0.55) ? 'female' : 'male';
    const birthYear = rng.int(1966, 2001);
    let name = randomSurname(rng) + randomGivenName(rng, sex, birthYear);
    // Long lists run out of common combinations: then allow a rarer three-character form.
    if (seen.has(name) && attempts > 20 * n) name = randomSurname(rng) + randomGivenName(rng, sex, birthYear).charAt(0) + rng.pick(GIVEN[sex][2]).charAt(0);
    if (seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  return names;
}

import type { PaddleChar, PaddleLine } from '../engine/paddle-ocr.js';
import { decideLineAddress, gapFill, withoutSpecks } from './id-card-lines.js';
import { decideAuthority, decideValidity } from './id-card.js';

const line = (text: string, x0: number, y0: number, x1: number, y1: number): PaddleLine => ({
  text,
  chars: [...text].map((ch) => ({ ch, conf: 0.99 })),
  box: { x0, y0, x1, y1 },
});

describe('text lines of a card', () => {
  it('drops a speck far smaller than the lines around it, keeps short lines of full height', () => {
    const lines = [
      line('姓名', 110, 126, 216, 170),
      line('酒', 208, 134, 229, 155),
      line('周秀芳', 232, 116, 390, 174),
      line('女', 225, 221, 279, 271),
      line('510182195902183049', 444, 688, 1048, 728),
    ];
    expect(withoutSpecks(lines).map((l) => l.text)).toEqual(['姓名', '周秀芳', '女', '510182195902183049']);
  });

  it('keeps everything when there is nothing to compare', () => {
    expect(withoutSpecks([])).toEqual([]);
    expect(withoutSpecks([line('汉', 0, 0, 20, 20)]).map((l) => l.text)).toEqual(['汉']);
  });
});

/** An address as the first reader gives it, a gap (one character it has no class for) before `at`. */
const gapped = (text: string, at: number): PaddleChar[] =>
  [...text].map((ch, i) => ({ ch, conf: 0.98, ...(i === at ? { gapBefore: { missing: 1, box: { x0: 0, y0: 0, x1: 10, y1: 10 } } } : {}) }));

describe('a gap the first reader left in the address', () => {
  it('is filled by a text that has, between its neighbours, a character the first reader cannot read', () => {
    expect(gapFill('温江区万春镇鱼凫村10组', '镇鱼', '村1', 1)).toBe('凫');
    // A character the first reader knows would have been read: it is not what stood there.
    expect(gapFill('温江区万春镇鱼儿村10组', '镇鱼', '村1', 1)).toBeNull();
    // Only the two neighbours agree: not enough.
    expect(gapFill('温江区万春乡鱼凫村', '镇鱼', '村1', 1)).toBeNull();
    expect(gapFill('鱼村', '镇鱼', '村1', 1)).toBeNull();
  });

  it('a gap the division names put right is not flagged; one in a road name is', () => {
    const village = decideLineAddress(gapped('四川省成都市温江区万春镇鱼村10组2号', 13), { districtCode: '510115' });
    expect(village).toMatchObject({ value: '四川省成都市温江区万春镇鱼凫村10组2号', needsConfirmation: false });
    const road = decideLineAddress(gapped('四川省成都市温江区永宁街道城武社区鱼路398号院', 18), { districtCode: '510115' });
    expect(road).toMatchObject({ value: '四川省成都市温江区永宁街道城武社区鱼路398号院', needsConfirmation: true });
  });
});

describe('the back of the card', () => {
  it('a date of the validity line that lost a digit is completed from the other, and flagged', () => {
    expect(decideValidity('2023.02.10-2043.02.1', 0.95)).toMatchObject({
      from: { value: '2023-02-10', needsConfirmation: true },
      until: { value: '2043-02-10', needsConfirmation: true },
    });
    // A damaged start is never taken for the end date.
    expect(decideValidity('2021.01.1-2041.01.18', 0.95)).toMatchObject({
      from: { value: '2021-01-18', needsConfirmation: true },
      until: { value: '2041-01-18', needsConfirmation: true },
    });
    // Not a card's term: nothing is made up.
    expect(decideValidity('2015.03.12-2036.03.1', 0.95)).toMatchObject({ from: { needsConfirmation: true }, until: { value: null } });
    expect(decideValidity('2015.03.12-2035.03.12', 0.95)).toMatchObject({
      from: { value: '2015-03-12', needsConfirmation: false },
      until: { value: '2035-03-12', needsConfirmation: false },
    });
  });

  it('a stray mark between the authority label and the name is dropped', () => {
    expect(decideAuthority('签发机关、成都市公安局温江区分局', 0.95)).toMatchObject({ value: '成都市公安局温江区分局', needsConfirmation: false });
  });

  it("the authority's place names are checked against the divisions", () => {
    // Misread names put right, as in the benchmark's misses (皮都市, 成部市 for 成都市).
    expect(decideAuthority('皮都市公安局温江区分局', 0.95, '510115')).toMatchObject({ value: '成都市公安局温江区分局', needsConfirmation: false });
    expect(decideAuthority('成都市公安局温江分局', 0.95, '510115')).toMatchObject({ value: '成都市公安局温江分局', needsConfirmation: false });
    expect(decideAuthority('北京市公安局朝阳分局', 0.95, '510115')).toMatchObject({ value: '北京市公安局朝阳分局', needsConfirmation: false });
    expect(decideAuthority('大邑县公安局', 0.95, '510115')).toMatchObject({ value: '大邑县公安局', needsConfirmation: false });
    // 溢江区 is one character from 温江区 and from 锦江区: the bureau's district decides, and a person confirms.
    expect(decideAuthority('成部市公安局溢江区分局', 0.95, '510115')).toMatchObject({ value: '成都市公安局温江区分局', needsConfirmation: true });
    expect(decideAuthority('成都市公安局溢江区分局', 0.95)).toMatchObject({ value: '成都市公安局溢江区分局', needsConfirmation: true });
    // A place that is no division is never taken as read.
    expect(decideAuthority('成都市公安局温汇分局', 0.95, '510115')).toMatchObject({ needsConfirmation: true });
    expect(decideAuthority('火星市公安局温江区分局', 0.95, '510115')).toMatchObject({ needsConfirmation: true });
    // A 派出所 is kept as read.
    expect(decideAuthority('成都市公安局温江区分局柳城派出所', 0.95, '510115')).toMatchObject({ needsConfirmation: false });
  });
});

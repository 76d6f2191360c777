import { decideAddress, matchDivisions } from './address.js';

const chars = (text: string, conf = 0.9) => [...text].map((ch) => ({ ch, conf }));

describe('addresses against the division tree', () => {
  it('puts misread division names right, level by level', () => {
    const m = matchDivisions('四川省成都市歇江区涌录街道凤凰社区德通桥路217号5栋4单元1304室', '510115');
    expect(m.text).toBe('四川省成都市温江区涌泉街道凤凰社区德通桥路217号5栋4单元1304室');
    expect(m.fixes).toEqual([
      ['歇江区', '温江区'],
      ['涌录街道', '涌泉街道'],
    ]);
    expect(m.level).toBe('community');
    expect(m.divisionCode).toMatch(/^510115\d{6}$/);
  });

  it('lets the street decide between two districts one character apart', () => {
    // 锦江区 and 温江区 are both one substitution from 歇江区; only 温江区 has 涌泉街道.
    expect(matchDivisions('四川省成都市歇江区涌泉街道', '510104').text).toBe('四川省成都市温江区涌泉街道');
  });

  it('keeps a correct address unchanged, and addresses in other provinces too', () => {
    expect(matchDivisions('北京市朝阳区建国路88号').text).toBe('北京市朝阳区建国路88号');
    expect(matchDivisions('北京市朝阳区建国路88号').fixes).toEqual([]);
  });

  it('flags an address whose districts cannot be recognised, and fixes digits in house numbers', () => {
    const unknown = decideAddress(chars('火星省某某市某某区1号'));
    expect(unknown.needsConfirmation).toBe(true);
    const f = decideAddress(chars('住址四川省成都市温江区公平街道惠民社区光华西路25]号'), '510115');
    expect(f.value).toBe('四川省成都市温江区公平街道惠民社区光华西路251号');
    expect(f.needsConfirmation).toBe(true);
  });
});

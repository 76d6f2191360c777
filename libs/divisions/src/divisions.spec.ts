import { districtTree, divisionPath, findDivision, lookupIdAreaCode, regionName, RETIRED_DIVISIONS } from './index.js';

describe('findDivision', () => {
  it('normalises province and city codes to GB/T 2260 six digits', () => {
    expect(findDivision('51')).toEqual({ code: '510000', name: '四川省', level: 'province', parentCode: null });
    expect(findDivision('510000')).toEqual(findDivision('51'));
    expect(findDivision('5101')).toEqual({ code: '510100', name: '成都市', level: 'city', parentCode: '510000' });
    expect(findDivision('510100')).toEqual(findDivision('5101'));
  });

  it('finds districts, streets and communities', () => {
    expect(findDivision('510115')).toEqual({ code: '510115', name: '温江区', level: 'district', parentCode: '510100' });
    expect(findDivision('510115001')).toEqual({ code: '510115001', name: '柳城街道', level: 'street', parentCode: '510115' });
    expect(findDivision('510115001001')).toMatchObject({ level: 'community', parentCode: '510115001' });
  });

  it('accepts the statistics bureau zero-padded 12-digit form', () => {
    expect(findDivision('510115000000')?.code).toBe('510115');
    expect(findDivision('510115001000')?.code).toBe('510115001');
  });

  it('treats a district-less city (东莞 441900) as a city', () => {
    expect(findDivision('441900')).toEqual({ code: '441900', name: '东莞市', level: 'city', parentCode: '440000' });
  });

  it('returns undefined for unknown or malformed codes', () => {
    for (const code of ['', '99', '990000', '510199', '510115999', '510115001999', '51011500100', 'abcdef', '5101150010011']) {
      expect(findDivision(code)).toBeUndefined();
    }
  });

  it('walks the parent chain from a community to its province', () => {
    expect(divisionPath('510115001001').map((d) => d.level)).toEqual(['province', 'city', 'district', 'street', 'community']);
  });
});

describe('districtTree', () => {
  const tree = districtTree('510115');

  it('lists Wenjiang’s real streets and towns', () => {
    expect(tree.district.name).toBe('温江区');
    const names = tree.streets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['柳城街道', '公平街道', '涌泉街道', '天府街道', '金马街道', '永宁街道']));
    for (const street of tree.streets) {
      expect(street).toMatchObject({ level: 'street', parentCode: '510115' });
      expect(street.code).toMatch(/^510115\d{3}$/);
    }
  });

  it('gives every street at least one community, each pointing at its street', () => {
    for (const street of tree.streets) {
      expect(street.communities.length).toBeGreaterThanOrEqual(1);
      for (const c of street.communities) {
        expect(c).toMatchObject({ level: 'community', parentCode: street.code });
        expect(c.code.startsWith(street.code)).toBe(true);
      }
    }
  });

  it('works for a city without districts', () => {
    expect(districtTree('441900').streets.length).toBeGreaterThan(10);
  });

  it('throws a clear error for unknown districts and for non-county codes', () => {
    expect(() => districtTree('510199')).toThrow(/未知的区县代码：510199/);
    expect(() => districtTree('510100')).toThrow(/未知的区县代码/);
    expect(() => districtTree('510115001')).toThrow(/未知的区县代码/);
    expect(() => districtTree('nonsense')).toThrow(/未知的区县代码/);
  });
});

describe('regionName', () => {
  it('builds the full path without placeholder levels', () => {
    expect(regionName('510115')).toBe('四川省成都市温江区');
    expect(regionName('110105')).toBe('北京市朝阳区'); // not 北京市市辖区朝阳区
    expect(regionName('441900')).toBe('广东省东莞市');
    expect(regionName('510000')).toBe('四川省');
  });

  it('names retired codes under their still-existing city', () => {
    expect(regionName('510122')).toBe('四川省成都市双流县');
    expect(regionName('110103')).toBe('北京市崇文区');
    expect(regionName('110228')).toBe('北京市密云县'); // its old city level (110200 县) is gone too
  });

  it('returns undefined for unknown codes', () => {
    expect(regionName('999999')).toBeUndefined();
  });
});

describe('lookupIdAreaCode', () => {
  it('prefers current codes', () => {
    expect(lookupIdAreaCode('510115')).toEqual({
      code: '510115',
      name: '温江区',
      fullName: '四川省成都市温江区',
      level: 'district',
      current: true,
    });
    expect(lookupIdAreaCode('510100')).toMatchObject({ level: 'city', current: true });
    expect(lookupIdAreaCode('510000')).toMatchObject({ level: 'province', current: true });
  });

  it('recognises retired codes still printed on old cards', () => {
    expect(lookupIdAreaCode('510122')).toEqual({
      code: '510122',
      name: '双流县',
      fullName: '四川省成都市双流县',
      level: 'district',
      current: false,
      successorCode: '510116',
    });
    expect(lookupIdAreaCode('510124')).toMatchObject({ name: '郫县', current: false, successorCode: '510117' });
    expect(lookupIdAreaCode('510123')).toMatchObject({ name: '温江县', current: false, successorCode: '510115' });
    expect(lookupIdAreaCode('110104')).toMatchObject({ name: '宣武区', current: false, successorCode: '110102' });
    expect(lookupIdAreaCode('310103')).toMatchObject({ name: '卢湾区', current: false, successorCode: '310101' });
  });

  it('keeps the retired table consistent with the current data', () => {
    for (const retired of RETIRED_DIVISIONS) {
      expect(findDivision(retired.code)).toBeUndefined(); // really retired
      expect(findDivision(retired.successorCode)?.level).toBe('district'); // successor really exists
      const province = findDivision(retired.code.slice(0, 2));
      expect(lookupIdAreaCode(retired.code)?.fullName).toMatch(new RegExp(`^${province?.name ?? '?'}.*${retired.name}$`));
    }
  });

  it('rejects unknown codes and codes that are not county level or above', () => {
    for (const code of ['999999', '510199', '51', '5101', '510115001', 'x10115']) {
      expect(lookupIdAreaCode(code)).toBeUndefined();
    }
  });
});

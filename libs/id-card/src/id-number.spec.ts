import fc from 'fast-check';
import { ageOn, idCheckDigit, isValidIdNumber, makeIdNumber, maskIdNumber, upgradeIdNumber15, validateIdNumber } from './index.js';

const today = new Date('2025-01-01T00:00:00Z');

/** A number whose check character is right but whose other parts may not be. */
function withCheckDigit(first17: string): string {
  return first17 + idCheckDigit(first17);
}

describe('idCheckDigit', () => {
  it('computes ISO 7064 MOD 11-2 as in the GB 11643 examples', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('44052418800101001')).toBe('4');
  });

  it('rejects anything but 17 digits', () => {
    expect(() => idCheckDigit('1101051949123100')).toThrow();
    expect(() => idCheckDigit('1101051949123100X')).toThrow();
  });
});

describe('validateIdNumber', () => {
  it('accepts the published examples', () => {
    expect(validateIdNumber('11010519491231002X', { today })).toEqual({
      valid: true,
      idNumber: '11010519491231002X',
      areaCode: '110105',
      areaName: '北京市朝阳区',
      birthDate: '1949-12-31',
      sex: 'female',
      legacyUpgraded: false,
    });
    expect(validateIdNumber('440524188001010014', { today })).toEqual({
      valid: true,
      idNumber: '440524188001010014',
      areaCode: '440524',
      areaName: '广东省汕头市潮阳县', // retired code, still valid on old cards
      birthDate: '1880-01-01',
      sex: 'male',
      legacyUpgraded: false,
    });
  });

  it('normalises lowercase x, spaces and full-width characters', () => {
    for (const input of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２Ｘ']) {
      const result = validateIdNumber(input, { today });
      expect(result).toMatchObject({ valid: true, idNumber: '11010519491231002X' });
    }
  });

  it('upgrades legacy 15-digit numbers', () => {
    expect(upgradeIdNumber15('110105491231002')).toBe('11010519491231002X');
    expect(validateIdNumber('110105491231002', { today })).toMatchObject({
      valid: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      legacyUpgraded: true,
    });
    expect(() => upgradeIdNumber15('11010519491231002X')).toThrow();
  });

  it.each([
    ['wrong check character', '110105194912310021', 'checksum'],
    ['one digit mistyped', '11010519491231003X', 'checksum'],
    ['17 digits', '11010519491231002', 'format'],
    ['19 digits', '1101051949123100212', 'format'],
    ['letters inside', '1101051949I231002X', 'format'],
    ['X not at the end', '1101051949123100X2', 'format'],
    ['empty', '', 'format'],
    ['30 February', withCheckDigit('51011519990230001'), 'birth_date'],
    ['month 13', withCheckDigit('51011519991301001'), 'birth_date'],
    ['born in the future', withCheckDigit('51011520250102001'), 'birth_date'],
    ['born before 1870', withCheckDigit('51011518691231001'), 'birth_date'],
    ['15-digit with a bad date', '510115990230001', 'birth_date'],
    ['no such province 99', withCheckDigit('99011519900101001'), 'area_code'],
    ['no such province 00', withCheckDigit('00000019900101001'), 'area_code'],
  ])('rejects %s', (_label, id, reason) => {
    const result = validateIdNumber(id, { today });
    expect(result).toMatchObject({ valid: false, reason });
    if (!result.valid) expect(result.message).toMatch(/身份证号码/);
    expect(isValidIdNumber(id, { today })).toBe(false);
  });

  it('accepts a birth date of today but not tomorrow (in China time)', () => {
    // 2024-12-31T16:00Z is already 1 January 2025 in Beijing.
    const justAfterMidnightInChina = new Date('2024-12-31T16:00:00Z');
    expect(isValidIdNumber(makeIdNumber('510115', '2025-01-01', 1), { today: justAfterMidnightInChina })).toBe(true);
    expect(isValidIdNumber(makeIdNumber('510115', '2025-01-02', 1), { today: justAfterMidnightInChina })).toBe(false);
  });

  it('accepts retired area codes with their old name', () => {
    expect(validateIdNumber(makeIdNumber('510122', '1980-05-01', 15), { today })).toMatchObject({
      valid: true,
      areaName: '四川省成都市双流县',
    });
    expect(validateIdNumber(makeIdNumber('510124', '1980-05-01', 16), { today })).toMatchObject({
      valid: true,
      areaName: '四川省成都市郫县',
      sex: 'female',
    });
  });

  it('accepts an unknown code inside a real province, without an area name (deliberate leniency)', () => {
    const result = validateIdNumber(makeIdNumber('510199', '1980-05-01', 15), { today });
    expect(result).toMatchObject({ valid: true, areaCode: '510199' });
    expect(result.valid && result.areaName).toBeUndefined();
  });
});

describe('makeIdNumber', () => {
  it('encodes sex in the parity of the sequence', () => {
    expect(validateIdNumber(makeIdNumber('510115', '1990-01-01', 1), { today })).toMatchObject({ sex: 'male' });
    expect(validateIdNumber(makeIdNumber('510115', '1990-01-01', 2), { today })).toMatchObject({ sex: 'female' });
  });

  it('rejects bad input', () => {
    expect(() => makeIdNumber('51011', '1990-01-01', 1)).toThrow();
    expect(() => makeIdNumber('510115', '1990-02-30', 1)).toThrow();
    expect(() => makeIdNumber('510115', '1990-01-01', 1000)).toThrow();
    expect(() => makeIdNumber('510115', '1990-01-01', 1.5)).toThrow();
  });
});

describe('properties', () => {
  const areaCodes = ['110105', '310101', '440513', '441900', '500229', '510115', '510116', '510122', '440524'];
  const firstDay = Date.UTC(1900, 0, 1);
  const lastDay = Date.UTC(2024, 11, 31);
  const birthDate = fc
    .integer({ min: 0, max: (lastDay - firstDay) / 86_400_000 })
    .map((days) => new Date(firstDay + days * 86_400_000).toISOString().slice(0, 10));
  const person = fc.record({
    areaCode: fc.constantFrom(...areaCodes),
    birthDate,
    sequence: fc.integer({ min: 0, max: 999 }),
  });

  it('validates every number makeIdNumber builds, and round-trips birth date and sex', () => {
    fc.assert(
      fc.property(person, ({ areaCode, birthDate, sequence }) => {
        const result = validateIdNumber(makeIdNumber(areaCode, birthDate, sequence), { today });
        expect(result).toMatchObject({
          valid: true,
          areaCode,
          birthDate,
          sex: sequence % 2 === 1 ? 'male' : 'female',
          legacyUpgraded: false,
        });
      }),
    );
  });

  it('detects every single-character change (MOD 11-2)', () => {
    fc.assert(
      fc.property(person, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (p, position, shift) => {
        const id = makeIdNumber(p.areaCode, p.birthDate, p.sequence);
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        const original = alphabet.indexOf(id.charAt(position));
        const replacement = alphabet.charAt((original + shift) % alphabet.length);
        fc.pre(replacement !== id.charAt(position));
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(isValidIdNumber(changed, { today })).toBe(false);
      }),
    );
  });
});

describe('ageOn', () => {
  it('counts completed years, increasing on the birthday itself', () => {
    expect(ageOn('1990-06-15', '2020-06-14')).toBe(29);
    expect(ageOn('1990-06-15', '2020-06-15')).toBe(30);
    expect(ageOn('1990-06-15', '1990-06-15')).toBe(0);
  });

  it('reads a Date as a day in China', () => {
    expect(ageOn('1990-06-15', new Date('2020-06-14T15:59:59Z'))).toBe(29); // 23:59:59 in Beijing
    expect(ageOn('1990-06-15', new Date('2020-06-14T16:00:00Z'))).toBe(30); // midnight in Beijing
  });

  it('lets a 29 February birthday count from 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
    expect(ageOn('2000-02-29', '2004-02-29')).toBe(4);
  });

  it('rejects invalid dates and dates before birth', () => {
    expect(() => ageOn('1990-02-30', '2020-01-01')).toThrow(RangeError);
    expect(() => ageOn('1990-01-01', '2020/01/01')).toThrow(RangeError);
    expect(() => ageOn('1990-01-01', '1989-12-31')).toThrow(RangeError);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('1234567890')).toBe('**********');
  });
});

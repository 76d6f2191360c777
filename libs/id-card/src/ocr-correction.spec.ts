import fc from 'fast-check';
import { correctIdNumber, makeIdNumber, OCR_CONFUSIONS } from './index.js';

const today = new Date('2025-01-01T00:00:00Z');

describe('OCR_CONFUSIONS', () => {
  it('is symmetric between digits, so a misread digit can always be read back', () => {
    for (const [read, meant] of Object.entries(OCR_CONFUSIONS)) {
      for (const m of meant) {
        if (/\d/.test(read) && /\d/.test(m)) expect(OCR_CONFUSIONS[m]).toContain(read);
      }
    }
  });
});

describe('correctIdNumber', () => {
  it('returns a valid read as valid, after replacing look-alike letters', () => {
    expect(correctIdNumber('11010519491231002X', { today })).toEqual({
      status: 'valid',
      value: '11010519491231002X',
      candidates: ['11010519491231002X'],
    });
    expect(correctIdNumber('11O1O519491231OO2x', { today })).toMatchObject({ status: 'valid', value: '11010519491231002X' });
    expect(correctIdNumber('l10105 I9491231002X', { today })).toMatchObject({ status: 'valid', value: '11010519491231002X' });
    expect(correctIdNumber('11010519491231002K', { today })).toMatchObject({ status: 'valid', value: '11010519491231002X' });
  });

  it('corrects one misread digit when only one repair is possible', () => {
    // the 16th character, 0, read as 8
    expect(correctIdNumber('11010519491231082X', { today })).toEqual({
      status: 'corrected',
      value: '11010519491231002X',
      candidates: ['11010519491231002X'],
    });
  });

  it('reports several possible repairs as ambiguous, leaving the read untouched', () => {
    const result = correctIdNumber('11070519491231002X', { today }); // 1 read as 7
    expect(result.status).toBe('ambiguous');
    expect(result.value).toBe('11070519491231002X');
    expect(result.candidates).toContain('11010519491231002X');
    expect(result.candidates.length).toBeGreaterThan(1);
  });

  it('gives up on reads it cannot repair', () => {
    expect(correctIdNumber('1101051949123100', { today })).toEqual({ status: 'invalid', value: '1101051949123100', candidates: [] });
    expect(correctIdNumber('not an id number', { today }).status).toBe('invalid');
    expect(correctIdNumber('2222222222222222222', { today }).status).toBe('invalid');
  });

  it('never calls a misread number valid, and corrects only to the real number', () => {
    const areaCodes = ['110105', '440513', '510115', '510122'];
    const firstDay = Date.UTC(1920, 0, 1);
    const days = (Date.UTC(2024, 11, 31) - firstDay) / 86_400_000;
    fc.assert(
      fc.property(
        fc.constantFrom(...areaCodes),
        fc.integer({ min: 0, max: days }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 17 }),
        fc.nat(),
        (areaCode, day, sequence, position, pick) => {
          const birthDate = new Date(firstDay + day * 86_400_000).toISOString().slice(0, 10);
          const real = makeIdNumber(areaCode, birthDate, sequence);
          // Misread one character as one of its digit look-alikes.
          const lookAlikes = (OCR_CONFUSIONS[real.charAt(position)] ?? []).filter((c) => /\d/.test(c));
          fc.pre(lookAlikes.length > 0);
          const misread = real.slice(0, position) + lookAlikes[pick % lookAlikes.length] + real.slice(position + 1);

          const result = correctIdNumber(misread, { today });
          expect(result.status).not.toBe('valid');
          expect(result.status).not.toBe('invalid');
          expect(result.candidates).toContain(real);
          if (result.status === 'corrected') expect(result.value).toBe(real);
        },
      ),
    );
  });
});

import { makeIdNumber, parseDisabilityCertificate } from './index.js';

const today = new Date('2025-01-01T00:00:00Z');

describe('parseDisabilityCertificate', () => {
  it('round-trips an ID number, category and grade', () => {
    const idNumber = makeIdNumber('510115', '1975-03-08', 37);
    expect(parseDisabilityCertificate(`${idNumber}42`, { today })).toEqual({
      valid: true,
      certificateNumber: `${idNumber}42`,
      idNumber,
      category: 4,
      categoryName: '肢体残疾',
      grade: 2,
      gradeName: '二级',
    });
  });

  it('names every category and grade', () => {
    const names = ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾'];
    const grades = ['一级', '二级', '三级', '四级'];
    names.forEach((categoryName, c) => {
      grades.forEach((gradeName, g) => {
        expect(parseDisabilityCertificate(`11010519491231002X${c + 1}${g + 1}`, { today })).toMatchObject({
          valid: true,
          category: c + 1,
          categoryName,
          grade: g + 1,
          gradeName,
        });
      });
    });
  });

  it('accepts a lowercase x in the embedded ID number', () => {
    expect(parseDisabilityCertificate('11010519491231002x71', { today })).toMatchObject({
      valid: true,
      idNumber: '11010519491231002X',
      certificateNumber: '11010519491231002X71',
    });
  });

  it.each([
    ['too short', '11010519491231002X1', 'format'],
    ['too long', '11010519491231002X123', 'format'],
    ['bad embedded ID', '11010519491231002171', 'checksum'],
    ['category 0', '11010519491231002X01', 'category'],
    ['category 8', '11010519491231002X81', 'category'],
    ['grade 0', '11010519491231002X10', 'grade'],
    ['grade 5', '11010519491231002X15', 'grade'],
  ])('rejects %s', (_label, number, reason) => {
    const result = parseDisabilityCertificate(number, { today });
    expect(result).toMatchObject({ valid: false, reason });
    if (!result.valid) expect(result.message).toMatch(/残疾人证号/);
  });
});

import { diffContent, isSensitivePath, type HouseholdContent } from './household-document.js';

const base: HouseholdContent = {
  address: '温江区 1 号',
  gridId: 'g1',
  members: [
    {
      relation: 'head',
      name: '张三',
      idNumber: '11010519491231002X',
      sex: 'female',
      birthDate: '1949-12-31',
      ethnicity: '汉族',
      phone: '13800138000',
      education: null,
      employment: 'retired',
      labourCapacity: 'none',
      health: { chronicIllness: true, seriousIllness: false },
      disability: null,
      selfCare: null,
      coResident: true,
    },
  ],
  incomes: [{ type: 'pension', monthlyAmount: 1500 }],
  assets: [],
  expenses: [],
  hardships: [],
  benefits: [],
};

describe('diffContent', () => {
  it('lists only changed leaves, by path', () => {
    const after: HouseholdContent = { ...base, incomes: [{ type: 'pension', monthlyAmount: 1800 }], members: [{ ...base.members[0]!, phone: '13900139000' }] };
    expect(diffContent(base, after)).toEqual([
      { path: 'members[0].phone', before: '13800138000', after: '13900139000' },
      { path: 'incomes[0].monthlyAmount', before: 1500, after: 1800 },
    ]);
  });

  it('reports removed items and a creation as changes from nothing', () => {
    expect(diffContent(base, { ...base, incomes: [] })).toEqual([
      { path: 'incomes', before: null, after: [] },
      { path: 'incomes[0].type', before: 'pension', after: null },
      { path: 'incomes[0].monthlyAmount', before: 1500, after: null },
    ]);
    expect(diffContent(null, base).length).toBeGreaterThan(10);
  });

  it('knows which paths are sensitive', () => {
    expect(isSensitivePath('members[0].idNumber')).toBe(true);
    expect(isSensitivePath('members[2].health.diagnosis')).toBe(true);
    expect(isSensitivePath('assets[0].bankAccount')).toBe(true);
    expect(isSensitivePath('incomes[0].monthlyAmount')).toBe(false);
    expect(isSensitivePath('members[0].name')).toBe(false);
  });
});

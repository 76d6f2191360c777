import { applyGuide, matchesSearch, searchTerms } from './guide.js';
import { PARAMETERS, POLICIES, policyByCode } from './index.js';

describe('finding a policy in everyday words, and how to apply', () => {
  const found = (q: string): string[] => POLICIES.filter((p) => matchesSearch(p, q)).map((p) => p.name);

  it('finds 医疗救助 for 看病 and 住院, education for 上学, housing for 租房', () => {
    expect(searchTerms('看病')).toEqual(expect.arrayContaining(['看病', '医疗']));
    expect(found('看病').some((n) => n.includes('医疗救助'))).toBe(true);
    expect(found('住院').some((n) => n.includes('医疗'))).toBe(true);
    expect(found('孩子上学').some((n) => /助学|资助|教育/.test(n))).toBe(true);
    expect(found('租房').some((n) => /租赁|住房/.test(n))).toBe(true);
    // A word nobody uses finds nothing, and no word at all finds everything.
    expect(found('火星移民')).toEqual([]);
    expect(found('  ')).toHaveLength(POLICIES.length);
  });

  it('says where to go, whom to call, what to bring, the steps and the standard in force for every policy', () => {
    for (const p of POLICIES) {
      const g = applyGuide(p, PARAMETERS, '510115', '2026-12-01');
      expect(g.office.length).toBeGreaterThan(4);
      expect(g.phone).toContain('12345');
      expect(g.documents).toEqual(p.requiredDocuments);
      expect(g.steps.length).toBeGreaterThanOrEqual(3);
    }
    const dibao = applyGuide(policyByCode('dibao')!, PARAMETERS, '510115', '2026-12-01');
    expect(dibao.office).toContain('街道');
    expect(dibao.standards).toContain('城乡低保标准：920 元/人/月');
    expect(dibao.amountRule).toBeTruthy();
  });
});

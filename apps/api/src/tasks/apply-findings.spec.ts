import type { HouseholdContent } from '../households/household-document.js';
import type { FactUpdatesDto } from './task.dto.js';
import { applyFindings } from './tasks.service.js';

/** Issue 12: a visit's findings are a patch — nothing not named changes. */
describe('applyFindings', () => {
  const before = {
    members: [{ name: '张大伯' }, { name: '张小明' }],
    incomes: [
      { type: 'pension', monthlyAmount: 1800, memberIndex: 0 },
      { type: 'other_transfer', monthlyAmount: 240, memberIndex: 0, note: '残疾人生活补贴' },
      { type: 'wage', monthlyAmount: 3000, memberIndex: 1 },
    ],
    assets: [{ type: 'home', area: 60 }],
    expenses: [{ type: 'medical_self_paid', amount12m: 5000, memberIndex: 0 }],
    hardships: [{ type: 'illness', occurredOn: '2026-05-01' }],
    benefits: [{ policyCode: 'disability_living_subsidy', since: '2025-01-01' }],
  } as unknown as HouseholdContent;

  it('keeps the pension and the disability allowance when the visit records a new wage', () => {
    const updates = {
      incomes: [{ type: 'wage', monthlyAmount: 1200, memberIndex: 1 }],
      hardships: [{ type: 'job_loss', occurredOn: '2026-11-20' }],
    } as unknown as FactUpdatesDto;
    const after = applyFindings(before, updates, null, '2026-12-03');
    expect(after.incomes).toEqual([
      { type: 'pension', monthlyAmount: 1800, memberIndex: 0 },
      { type: 'other_transfer', monthlyAmount: 240, memberIndex: 0, note: '残疾人生活补贴' },
      { type: 'wage', monthlyAmount: 1200, memberIndex: 1 },
    ]);
    expect(after.hardships).toEqual([
      { type: 'illness', occurredOn: '2026-05-01' },
      { type: 'job_loss', occurredOn: '2026-11-20' },
    ]);
    expect(after.assets).toEqual(before.assets);
    expect(after.expenses).toEqual(before.expenses);
    expect(after.benefits).toEqual(before.benefits);
    expect(before.incomes).toHaveLength(3);
  });

  it('adds a new member item, removes only the named one, and adds a granted benefit', () => {
    const updates = {
      incomes: [{ type: 'wage', monthlyAmount: 900, memberIndex: 0 }],
      remove: [{ section: 'incomes', type: 'wage', memberIndex: 1 }],
    } as unknown as FactUpdatesDto;
    const after = applyFindings(before, updates, 'dibao', '2026-12-03');
    expect(after.incomes.map((i) => `${i.memberIndex}:${i.type}`)).toEqual(['0:pension', '0:other_transfer', '0:wage']);
    expect(after.benefits.map((b) => b.policyCode)).toEqual(['disability_living_subsidy', 'dibao']);
  });

  it('changes nothing without updates', () => {
    expect(applyFindings(before, undefined, null, '2026-12-03')).toEqual(before);
  });
});

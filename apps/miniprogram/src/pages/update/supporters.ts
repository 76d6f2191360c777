/**
 * Changing the 在外亲属 after the first report. The API replaces the whole supporters section, so
 * what is sent is: the spouse and adult children living in (taken from the file's members, whose
 * names the resident sees in full) and the relatives elsewhere as the resident now names them.
 * The relatives elsewhere start from this phone's own copy of the last report when there is one;
 * otherwise from the file, whose names the resident sees masked and must write out again.
 */
import type { SupporterInput } from '@zczr/domain';
import { emptyDraft, supportersOf, type HouseholdDraft } from '../../services/household-draft';
import type { Household, HouseholdBody } from '../../services/types';

/** The supporters living in, as the wizard derives them (spouse, adult children), from the file as the resident sees it. */
export function livingSupporters(h: Household): SupporterInput[] {
  const out: SupporterInput[] = [];
  h.members.forEach((m, i) => {
    if (!m.coResident || (m.relation !== 'spouse' && m.relation !== 'child')) return;
    if (m.relation === 'child' && m.age < 18) return;
    const own = h.incomes.filter((x) => x.memberIndex === i);
    const severe = !!m.disability && (m.disability.grade <= 2 || (m.disability.grade === 3 && (m.disability.category === 5 || m.disability.category === 6)));
    out.push({
      name: m.name,
      relation: m.relation,
      birthDate: m.birthDate || null,
      coResident: true,
      monthlyIncome: own.length ? own.reduce((s, x) => s + x.monthlyAmount, 0) : null,
      conditions: [...(severe ? ['severe_disability' as const] : []), ...(m.labourCapacity === 'none' ? ['no_labour_capacity' as const] : [])],
    });
  });
  return out;
}

/** The wizard's draft, holding only the 在外亲属 answer, to edit with the wizard's own SupportersStep. */
export function supportersDraft(h: Household, saved: { householdId: string; body: HouseholdBody } | null): { draft: HouseholdDraft; masked: boolean } {
  const draft = emptyDraft('sup');
  const own = saved && saved.householdId === h.id ? saved.body.supporters : undefined;
  const source = own ?? h.supporters;
  if (source === null || source === undefined) return { draft, masked: false };
  const outside = source.filter((s) => !s.coResident).map((s) => ({ ...s, conditions: [...s.conditions] }));
  draft.supporters = outside;
  draft.supportersAnswer = outside.length ? 'some' : 'none';
  return { draft, masked: !own && outside.some((s) => s.name.includes('*')) };
}

/** What is wrong with the answer, in words; null when it can be sent. */
export function supportersProblem(d: HouseholdDraft): string | null {
  if (d.supportersAnswer !== 'some' && d.supportersAnswer !== 'none') return '请选择有没有不住在一起的亲属';
  if (d.supportersAnswer === 'none') return null;
  const list = d.supporters ?? [];
  if (list.length === 0) return '请至少填写一位亲属，或选择“没有”';
  if (list.some((s) => s.name.trim().length < 2 || s.name.includes('*'))) return '请填写每位亲属的完整姓名';
  return null;
}

/** The section as sent: living in, then elsewhere (the wizard's own mapping, with no members). */
export function supportersSection(h: Household, d: HouseholdDraft): SupporterInput[] {
  return [...livingSupporters(h), ...supportersOf({ ...d, members: [], incomes: [] })];
}

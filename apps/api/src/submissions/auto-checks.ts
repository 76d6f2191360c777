import { validateIdNumber } from '@zczr/id-card';
import type { HouseholdContent } from '../households/household-document.js';

export type CheckOutcome = 'pass' | 'warn' | 'fail';

/** One automatic check on a submission; messages are for the reviewer, with no personal data. */
export interface AutoCheck {
  code: 'id_checksum' | 'duplicates' | 'derived_fields' | 'missing_facts' | 'household_head';
  outcome: CheckOutcome;
  message: string;
}

/**
 * Checks run when a change is submitted, before a person reviews it. `duplicateMemberPositions`
 * are the members already registered in another household (looked up by keyed hash).
 */
export function runAutoChecks(content: HouseholdContent, duplicateMemberPositions: number[], today: string): AutoCheck[] {
  const checks: AutoCheck[] = [];
  const badIds = content.members.filter((m) => !validateIdNumber(m.idNumber).valid).length;
  checks.push(
    badIds === 0
      ? { code: 'id_checksum', outcome: 'pass', message: `${content.members.length} 名成员身份证号校验通过` }
      : { code: 'id_checksum', outcome: 'fail', message: `${badIds} 名成员身份证号校验未通过` },
  );

  checks.push(
    duplicateMemberPositions.length === 0
      ? { code: 'duplicates', outcome: 'pass', message: '未发现成员在其他家庭重复登记' }
      : { code: 'duplicates', outcome: 'fail', message: `第 ${duplicateMemberPositions.map((p) => p + 1).join('、')} 名成员已在其他家庭登记` },
  );

  const inconsistent = content.members.filter((m) => {
    const v = validateIdNumber(m.idNumber);
    return v.valid && (v.sex !== m.sex || v.birthDate !== m.birthDate);
  }).length;
  checks.push(
    inconsistent === 0
      ? { code: 'derived_fields', outcome: 'pass', message: '性别、出生日期与身份证号一致' }
      : { code: 'derived_fields', outcome: 'fail', message: `${inconsistent} 名成员的性别或出生日期与身份证号不一致` },
  );

  const heads = content.members.filter((m) => m.relation === 'head').length;
  checks.push(
    heads === 1
      ? { code: 'household_head', outcome: 'pass', message: '户主唯一' }
      : { code: 'household_head', outcome: 'fail', message: heads === 0 ? '未登记户主' : '登记了多名户主' },
  );

  const missing: string[] = [];
  content.members.forEach((m, i) => {
    const absent = [m.labourCapacity === null && '劳动能力', m.employment === null && '就业状况', m.health === null && '健康状况'].filter(Boolean);
    if (absent.length) missing.push(`第 ${i + 1} 名成员缺少${absent.join('、')}`);
  });
  if (content.incomes.length === 0) missing.push('未填写家庭收入');
  if (content.assets.length === 0) missing.push('未填写家庭财产');
  // Supporters not recorded at all are left to the matcher (特困 comes out "待核实" naming them), so that a
  // household without any 特困 candidate is not held up; a recorded supporter without an income is flagged.
  if (content.supporters) {
    // A spouse or adult child living in is a legal supporter too: the list should name them.
    const listedIn = new Set(content.supporters.filter((x) => x.coResident).map((x) => x.relation));
    const adult = (birthDate: string): boolean =>
      Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (today.slice(5) < birthDate.slice(5) ? 1 : 0) >= 18;
    content.members.forEach((m, i) => {
      if (!m.coResident) return;
      if (m.relation === 'spouse' && !listedIn.has('spouse')) missing.push(`第 ${i + 1} 名成员（配偶）未登记为法定义务人`);
      if (m.relation === 'child' && adult(m.birthDate) && !listedIn.has('child')) missing.push(`第 ${i + 1} 名成员（成年子女）未登记为法定义务人`);
    });
  }
  (content.supporters ?? []).forEach((x, i) => {
    if (x.monthlyIncome === null) missing.push(`第 ${i + 1} 名法定义务人缺少本人月收入`);
  });
  checks.push(
    missing.length === 0
      ? { code: 'missing_facts', outcome: 'pass', message: '认定所需信息齐全' }
      : { code: 'missing_facts', outcome: 'warn', message: missing.slice(0, 10).join('；') },
  );
  return checks;
}

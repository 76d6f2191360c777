/**
 * Small constructors for rules and formulas, so a policy reads like its text, and the conditions
 * that many policies share (assistance status, the 低保 asset test, family hardship).
 * The output is plain JSON of the types in @zczr/eligibility; nothing here runs at match time.
 */
import type { CompareOp, Expr, FactName, Operand, Rule } from '@zczr/eligibility';

// ---- rules -------------------------------------------------------------------------------------

/** A leaf: `fact op value`, with a stable id and a label a resident can read. */
export function when(id: string, label: string, fact: FactName, op: CompareOp, value: Operand): Rule {
  return { id, label, fact, op, value };
}

export function all(label: string, ...rules: Rule[]): Rule {
  return { label, all: rules };
}

export function any(label: string, ...rules: Rule[]): Rule {
  return { label, any: rules };
}

export function not(label: string, rule: Rule): Rule {
  return { label, not: rule };
}

/** A parameter operand, optionally × a constant. */
export function p(param: string, times?: number): Operand {
  return times === undefined ? { param } : { param, times };
}

// ---- formulas ----------------------------------------------------------------------------------

export const param = (name: string): Expr => ({ param: name });
export const fact = (name: FactName): Expr => ({ fact: name });
export const add = (...args: Expr[]): Expr => ({ op: '+', args });
export const sub = (...args: Expr[]): Expr => ({ op: '-', args });
export const mul = (...args: Expr[]): Expr => ({ op: '*', args });
export const min = (...args: Expr[]): Expr => ({ op: 'min', args });
export const max = (...args: Expr[]): Expr => ({ op: 'max', args });
export const round = (arg: Expr): Expr => ({ op: 'round', args: [arg] });

// ---- shared conditions -------------------------------------------------------------------------

export const onTekun = (): Rule => when('on_tekun', '为特困供养人员', 'onTekun', 'eq', true);
export const onDibao = (): Rule => when('on_dibao', '正在享受低保', 'onDibao', 'eq', true);
export const onMargin = (): Rule => when('on_margin', '为低保边缘家庭', 'onMargin', 'eq', true);
export const notOnTekun = (): Rule => when('not_tekun', '未纳入特困供养', 'onTekun', 'eq', false);
export const notOnDibao = (): Rule => when('not_dibao', '未享受低保', 'onDibao', 'eq', false);
export const notOnMargin = (): Rule => when('not_margin', '未认定为低保边缘家庭', 'onMargin', 'eq', false);

/** 特困、低保 or 低保边缘: the households already recognised as in hardship. */
export const inAssistance = (): Rule => any('为特困、低保或低保边缘家庭', onTekun(), onDibao(), onMargin());

/** 特困 or 低保. */
export const inBasicAssistance = (): Rule => any('为特困供养人员或低保家庭', onTekun(), onDibao());

/**
 * 家庭经济困难: recognised (特困、低保、低保边缘) or, not yet recognised, with per-capita income within
 * twice the 低保 standard (the low-income monitoring line) — as schools and funds assess it.
 */
export const hardshipFamily = (): Rule =>
  any(
    '家庭经济困难',
    onTekun(),
    onDibao(),
    onMargin(),
    when('low_income', '家庭人均月收入不超过当地低保标准的2倍', 'perCapitaIncome', 'lte', p('low_income_line')),
  );

/** The 低保 asset test (docs/DOMAIN.md §3). */
export const dibaoAssets = (): Rule =>
  all(
    '家庭财产符合低保规定',
    when('deposits', '家庭人均存款等金融资产不超过规定限额', 'perCapitaFinancialAssets', 'lte', p('dibao_deposit_limit')),
    when('homes', '家庭拥有住房不超过1套', 'homeCount', 'lte', 1),
    when('no_vehicle', '无机动车（残疾人功能性代步车除外）', 'vehicleCount', 'eq', 0),
    when('no_business', '无工商登记（个体户、企业等）', 'hasBusinessRegistration', 'eq', false),
  );

/** The 低保边缘 asset test: a higher deposit limit, otherwise as 低保. */
export const marginAssets = (): Rule =>
  all(
    '家庭财产符合低保边缘家庭规定',
    when('deposits', '家庭人均存款等金融资产不超过规定限额', 'perCapitaFinancialAssets', 'lte', p('margin_deposit_limit')),
    when('homes', '家庭拥有住房不超过1套', 'homeCount', 'lte', 1),
    when('no_vehicle', '无机动车（残疾人功能性代步车除外）', 'vehicleCount', 'eq', 0),
    when('no_business', '无工商登记（个体户、企业等）', 'hasBusinessRegistration', 'eq', false),
  );

/** Income below last year's local per-capita disposable income (monthly). */
export const belowDisposableIncome = (): Rule =>
  when('below_disposable', '家庭人均月收入低于上年度当地居民人均月可支配收入', 'perCapitaIncome', 'lt', p('disposable_income_monthly'));

/**
 * Rigid spending too heavy: a large share of income, or spending that pushes a household whose
 * income is at or above the 低保 standard below it (a household already below the line is a 低保
 * case, not a spending case).
 */
export const rigidBurden = (): Rule =>
  any(
    '医疗、教育、康复等刚性支出负担过重',
    when('rigid_share', '近12个月刚性支出占家庭收入的比例达到规定比例', 'rigidExpenseShare', 'gte', p('rigid_expense_share')),
    all(
      '刚性支出使家庭收入降到低保标准以下',
      when('income_at_line', '家庭人均月收入不低于当地低保标准', 'perCapitaIncome', 'gte', p('dibao_standard')),
      when('after_rigid', '扣除刚性支出后家庭人均月收入低于当地低保标准', 'perCapitaIncomeAfterRigid', 'lt', p('dibao_standard')),
    ),
  );

// ---- documents ---------------------------------------------------------------------------------

export const DOC_ID = '申请人及共同生活家庭成员居民身份证、户口簿';
export const DOC_CONSENT = '家庭经济状况核对授权书（共同生活成员签字）';
export const DOC_INCOME = '家庭收入情况声明及相关证明';
export const DOC_APPLICATION = '申请书（可由村（社区）代为填写）';
export const DOC_DISABILITY = '残疾人证（第二代）';
export const DOC_MEDICAL = '医疗费用票据、出院小结或诊断证明';
export const DOC_BANK = '本人社会保障卡或银行账户信息';

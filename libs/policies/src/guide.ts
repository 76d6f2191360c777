/**
 * How residents find a policy and how they apply for it: everyday words mapped to the library's
 * ("看病" → 医疗救助), and for each policy where to go, whom to call, what to bring, the steps and
 * the standard amount in force. Policy data, shared by the API (library search, policy details)
 * and anyone else who shows the library.
 */
import type { Expr, ParameterDefinition, PolicyDefinition, PolicyGroup } from '@zczr/eligibility';
import { resolveOne } from './parameters.js';

/** Plain names of the policy groups. */
export const GROUP_NAMES: Readonly<Record<PolicyGroup, string>> = {
  dibao: '低保',
  tekun: '特困供养',
  margin: '低保边缘',
  rigid_expense: '支出型困难',
  temporary: '临时救助',
  medical: '医疗救助',
  education: '教育救助',
  housing: '住房救助',
  employment: '就业帮扶',
  disability: '残疾人',
  children: '儿童',
  elderly: '老年人',
  social_service: '社会服务',
  other: '其他',
};

/** Everyday words → the words the library uses. A query matches a policy if it or any of its synonyms does. */
export const SEARCH_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  看病: ['医疗', '疾病', '住院', '门诊', '大病'],
  生病: ['医疗', '疾病', '大病', '慢性病'],
  住院: ['医疗', '住院'],
  吃药: ['医疗', '门诊', '慢性病', '慢特病'],
  医药费: ['医疗'],
  上学: ['教育', '助学', '学生', '入学', '学费'],
  读书: ['教育', '助学', '学生'],
  学费: ['教育', '助学', '学费'],
  大学: ['大学', '高校', '入学'],
  房子: ['住房', '租赁', '危房', '公租房'],
  租房: ['住房', '租赁', '公租房'],
  没钱: ['低保', '特困', '临时救助', '生活'],
  困难: ['低保', '特困', '临时救助', '低保边缘'],
  生活费: ['低保', '基本生活', '生活'],
  吃饭: ['低保', '基本生活'],
  老人: ['老年', '高龄', '养老', '60周岁'],
  养老: ['养老', '老年'],
  孩子: ['儿童', '未成年', '孤儿'],
  小孩: ['儿童', '未成年'],
  残疾: ['残疾'],
  瘫痪: ['残疾', '护理', '失能'],
  没工作: ['就业', '失业', '公益性岗位'],
  失业: ['就业', '失业'],
  找工作: ['就业', '培训', '岗位'],
  去世: ['殡葬', '丧葬'],
  丧事: ['殡葬', '丧葬'],
  急事: ['临时救助', '急难'],
  着火: ['临时救助', '急难'],
};

/** The words to look for: the query itself and, for every everyday word it contains, the library's words. */
export function searchTerms(query: string): string[] {
  const q = query.trim();
  if (!q) return [];
  const terms = new Set([q]);
  for (const [word, synonyms] of Object.entries(SEARCH_SYNONYMS)) if (q.includes(word)) for (const s of synonyms) terms.add(s);
  return [...terms];
}

/** True when a policy's name, group, department or benefit mentions the query or one of its synonyms. */
export function matchesSearch(policy: Pick<PolicyDefinition, 'name' | 'group' | 'department' | 'benefit'>, query: string): boolean {
  const terms = searchTerms(query);
  if (terms.length === 0) return true;
  const text = `${policy.name} ${GROUP_NAMES[policy.group] ?? ''} ${policy.department} ${policy.benefit}`;
  return terms.some((t) => text.includes(t));
}

export interface ApplyGuide {
  /** Where to apply, in plain words. */
  office: string;
  /** Whom to call. */
  phone: string;
  /** What to bring. */
  documents: string[];
  /** The steps, in order. */
  steps: string[];
  /** The standards in force for the region and date, e.g. "城乡低保标准：920 元/人/月". */
  standards: string[];
  /** How the amount is worked out, in words (the formula's label), when the policy pays an amount. */
  amountRule: string | null;
}

const OFFICES: Readonly<Record<string, string>> = {
  民政: '户籍所在地街道办事处（镇人民政府）便民服务中心社会救助窗口，也可以请社区网格员代为申请',
  医保: '就医时在医院结算窗口直接减免（“一站式”结算）；未能直接结算的，到区医疗保障局经办窗口或街道便民服务中心申请',
  教育: '孩子就读学校的学生资助办公室；大学新生入学资助到户籍所在地区教育局学生资助管理中心',
  人社: '街道（镇）便民服务中心就业社保窗口',
  住建: '街道（镇）便民服务中心住房保障窗口',
  残联: '社区残疾人协会或街道（镇）残联',
  '慈善/社会组织': '社区居委会（村委会），由社工或慈善组织对接',
};

const PHONE = '12345（政务服务便民热线，可转接当地民政、医保等部门）';

function stepsFor(def: PolicyDefinition): string[] {
  if (def.department === '医保') {
    return [
      '就医时出示身份证或医保卡，说明是救助对象',
      '医院结算时按规定直接减免，只付个人自付部分',
      '没能直接减免的，带票据和诊断证明到经办窗口申请',
      '审核通过后，救助金打到本人银行账户',
    ];
  }
  if (def.department === '教育') {
    return ['开学后向学校（班主任或资助办公室）提出申请', '填写申请表，提交困难证明材料', '学校评议、公示', '资助金发到学生本人或家长账户'];
  }
  if (def.group === 'temporary') {
    return ['遇到急事难事，马上联系社区或拨打 12345', '情况紧急的先行救助，事后补充材料', '街道审核，金额较大的报区民政局审批', '救助金或实物尽快发放到位'];
  }
  return [
    '准备好下面的材料（不清楚的可以问社区网格员）',
    '到办理地点提交申请，签署家庭经济状况核对授权书',
    '工作人员入户调查，核对家庭收入和财产',
    '在社区公示，没有异议的审批发放',
    '每月按时发放到本人银行账户（或按规定提供服务）',
  ];
}

function paramsOf(e: Expr | undefined, out: Set<string>): Set<string> {
  if (e === undefined || typeof e === 'number') return out;
  if ('param' in e) out.add(e.param);
  else if ('args' in e) for (const a of e.args) paramsOf(a, out);
  return out;
}

function formatNumber(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  const [whole, fen] = String(rounded).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fen ? `.${fen}` : ''}`;
}

/** How and where to apply for a policy, with the standards in force in `region` on `date`. */
export function applyGuide(def: PolicyDefinition, parameters: readonly ParameterDefinition[], region: string, date: string): ApplyGuide {
  const standards: string[] = [];
  for (const name of paramsOf(def.benefitFormula?.expr, new Set())) {
    const p = parameters.find((x) => x.name === name);
    const v = p ? resolveOne(p, region, date) : undefined;
    if (p && v !== undefined) standards.push(`${p.label}：${formatNumber(v)}${p.unit ? ` ${p.unit}` : ''}`);
  }
  return {
    office: OFFICES[def.department] ?? OFFICES['民政']!,
    phone: PHONE,
    documents: [...def.requiredDocuments],
    steps: stepsFor(def),
    standards,
    amountRule: def.benefitFormula ? def.benefitFormula.label : null,
  };
}

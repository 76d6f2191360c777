/** Short words for the worker's small screen. */

/** "四川省成都市温江区柳城街道和平社区居委会柳台大道8号" → "和平社区 柳台大道8号": the grid is known, the province is not news. */
export function shortAddress(address: string | null | undefined): string {
  if (!address) return '';
  let a = address.replace(/^.*?(市辖区|[^省市]{1,8}区|[^省市]{1,8}县)/, '');
  a = a.replace(/^[^路街道号]{1,10}(街道|镇|乡)/, '');
  a = a.replace(/(社区)?居委会|村委会/, (m) => (m.startsWith('社区') ? '社区 ' : ' '));
  return a.trim() || address;
}

/** Why a task exists, in words: the warning rule, the re-check, or a request (codes of the API's warning rules and monitoring). */
const REASONS: Readonly<Record<string, string>> = {
  medical_self_paid: '大额医疗自付',
  earner_event: '主要劳动力死亡、新增重度残疾或患重病',
  only_earner_job_loss: '唯一就业成员失业',
  income_drop: '家庭收入骤降',
  elderly_alone: '独居老人异常',
  margin_child_university: '低保边缘家庭子女考入大学',
  screening_newly_eligible: '筛查发现可能新符合救助，请上门告知并协助申请',
  screening_exit_candidate: '筛查发现可能不再符合',
  screening_unknown: '信息不全，无法判断',
  recheck_jobless: '定期复核（有劳动能力的失业家庭）',
  recheck_severe: '定期复核（重病重残家庭）',
  recheck_stable: '定期复核',
  submission: '核实家庭提交的信息',
  home_visit: '入户核实',
};

export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return '';
  return REASONS[reason] ?? reason;
}

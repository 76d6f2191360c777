import type { PolicyGroup } from '@zczr/eligibility';

/** Plain names of the policy groups, for browsing the library. */
export const POLICY_GROUP_LABELS: Record<PolicyGroup, string> = {
  dibao: '低保', tekun: '特困供养', margin: '低保边缘', rigid_expense: '支出型困难', temporary: '临时救助', medical: '医疗救助',
  education: '教育救助', housing: '住房救助', employment: '就业帮扶', disability: '残疾人', children: '儿童', elderly: '老年人',
  social_service: '社会服务', other: '其他',
};

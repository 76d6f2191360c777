import {
  ASSET_TYPE_LABELS,
  CONSENT_PURPOSE_LABELS,
  DISABILITY_CATEGORY_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  EXPENSE_TYPE_LABELS,
  HARDSHIP_TYPE_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  INCOME_TYPE_LABELS,
  LABOUR_CAPACITY_LABELS,
  RELATION_LABELS,
  ROLE_LABELS,
  SELF_CARE_LEVEL_LABELS,
  SUBMISSION_STATUS_LABELS,
} from '@zczr/domain';
import { CIRCLE_LABELS, ESCALATION_LABELS, POLICY_GROUP_LABELS, TASK_STATUS_LABELS, WARNING_COLOUR_LABELS } from '@zczr/contract';
import { IMPORT_SOURCES } from '../imports/sources.js';
import type { DictionaryDto } from './admin.dto.js';

const BUILT_IN = '代码内置（随版本发布，修改须发版）';

const of = (code: string, name: string, labels: Readonly<Record<string | number, string>>): DictionaryDto => ({
  code,
  name,
  source: BUILT_IN,
  items: Object.entries(labels).map(([value, label]) => ({ value, label })),
});

/**
 * The enumerations every app shares, with their Chinese labels (RuoYi's 字典管理, read-only here:
 * the values are part of the API and the rules). Data that varies by place and year — policy
 * parameters, warning rules and thresholds — lives in the database and has its own pages.
 */
export const DICTIONARIES: readonly DictionaryDto[] = [
  of('role', '用户角色', ROLE_LABELS),
  of('relation', '与户主关系', RELATION_LABELS),
  of('education', '文化程度', EDUCATION_LABELS),
  of('employment', '就业状况', EMPLOYMENT_LABELS),
  of('labour_capacity', '劳动能力', LABOUR_CAPACITY_LABELS),
  of('disability_category', '残疾类别', DISABILITY_CATEGORY_LABELS),
  of('self_care_level', '生活自理能力', SELF_CARE_LEVEL_LABELS),
  of('income_type', '收入类型', INCOME_TYPE_LABELS),
  of('asset_type', '财产类型', ASSET_TYPE_LABELS),
  of('expense_type', '刚性支出类型', EXPENSE_TYPE_LABELS),
  of('hardship_type', '突发困难类型', HARDSHIP_TYPE_LABELS),
  of('household_status', '档案状态', HOUSEHOLD_STATUS_LABELS),
  of('submission_status', '申请状态', SUBMISSION_STATUS_LABELS),
  of('consent_purpose', '授权用途', CONSENT_PURPOSE_LABELS),
  of('risk_colour', '风险颜色', WARNING_COLOUR_LABELS),
  of('income_circle', '收入圈层', CIRCLE_LABELS),
  of('policy_group', '救助类别', POLICY_GROUP_LABELS),
  of('task_status', '核实任务状态', TASK_STATUS_LABELS),
  of('escalation_level', '督办层级', ESCALATION_LABELS),
  of('import_source', '部门数据来源', Object.fromEntries(IMPORT_SOURCES.map((s) => [s.code, `${s.label}（${s.department}）`]))),
];

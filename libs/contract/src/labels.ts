/**
 * Every label table the apps show, written once. A code the API sends is looked up here; the API itself
 * fills its `…Label` fields from these same tables, so the console, the mini-program and the API never
 * word the same thing two ways.
 *
 * Tables of the household model (relations, incomes, roles…) live in @zczr/domain and are re-exported
 * from this package's index.
 */
import type { ConsentMethod } from '@zczr/domain';
import type { CompareOp, PolicyGroup } from '@zczr/eligibility';

/** Looks a code up in a label table; `—` for nothing, an unknown code shown as it is. */
export function labelOf(table: Readonly<Record<string, string>>, code: string | number | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return table[String(code)] ?? String(code);
}

// ---- policies and their outcomes ----------------------------------------------------------------

/** Policy groups (救助类别). */
export const POLICY_GROUP_LABELS: Readonly<Record<PolicyGroup, string>> = {
  dibao: '低保',
  tekun: '特困供养',
  margin: '低保边缘',
  rigid_expense: '支出型困难',
  temporary: '临时救助',
  medical: '医疗救助',
  education: '教育救助',
  housing: '住房救助',
  employment: '就业救助',
  disability: '残疾人',
  children: '困境儿童',
  elderly: '困难老人',
  social_service: '社会服务',
  other: '其他',
};

export const OUTCOMES = ['eligible', 'ineligible', 'unknown'] as const;
export type PolicyOutcome = (typeof OUTCOMES)[number];

/** Outcome of a policy for a household, staff wording. "unknown" is one thing everywhere: 信息不全. */
export const OUTCOME_LABELS: Readonly<Record<PolicyOutcome, string>> = { eligible: '符合', ineligible: '不符合', unknown: '信息不全' };

/** The same outcomes worded for residents (a self-check is never a decision). */
export const RESIDENT_OUTCOME_LABELS: Readonly<Record<PolicyOutcome, string>> = { eligible: '可能符合', ineligible: '暂不符合', unknown: '还需补充信息' };

/** The comparison of a rule's leaf (`op` in a policy definition and in an explanation tree). */
export const COMPARE_OP_LABELS: Readonly<Record<CompareOp, string>> = {
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  eq: '=',
  neq: '≠',
  in: '属于',
  notIn: '不属于',
  includes: '包含',
  excludes: '不包含',
};

/** How a rule's node combines its children (`combinator` in an explanation tree). */
export const COMBINATOR_LABELS: Readonly<Record<'all' | 'any' | 'not', string>> = { all: '以下全部满足', any: '以下任一满足', not: '以下不成立' };

/** Outcome of one condition in an explanation tree. */
export const CONDITION_OUTCOME_MARKS: Readonly<Record<'true' | 'false' | 'unknown', string>> = { true: '✓', false: '✗', unknown: '?' };

/** Parameter changes (参数调整) awaiting or past their four-eyes decision. */
export const PARAMETER_CHANGE_STATUS_LABELS = { pending: '待审批', approved: '已批准', rejected: '已驳回' } as const;

export const POLICY_VERSION_STATUS_LABELS = { draft: '草稿', published: '已发布', superseded: '已被替代' } as const;
export type PolicyVersionStatus = keyof typeof POLICY_VERSION_STATUS_LABELS;

// ---- risk: colours and income circles -----------------------------------------------------------

export const RISK_COLOURS = ['orange', 'yellow', 'blue', 'green'] as const;
export type RiskColour = (typeof RISK_COLOURS)[number];

/** A household's risk colour. */
export const RISK_COLOUR_LABELS: Readonly<Record<RiskColour, string>> = {
  orange: '橙色（高风险）',
  yellow: '黄色（中风险）',
  blue: '蓝色（低风险）',
  green: '绿色（正常）',
};
/** The colour alone, for tight places (chart legends, counters). */
export const RISK_COLOUR_NAMES: Readonly<Record<RiskColour, string>> = { orange: '橙色', yellow: '黄色', blue: '蓝色', green: '绿色' };
/** Not yet scored. */
export const UNSCORED_LABEL = '尚未评估';

/** Warnings come in three colours (green is no warning); each label says what the colour asks for. */
export const WARNING_COLOURS = ['orange', 'yellow', 'blue'] as const;
export type WarningColour = (typeof WARNING_COLOURS)[number];
export const WARNING_COLOUR_LABELS: Readonly<Record<WarningColour | 'green', string>> = {
  orange: '橙色（高风险，立即处置）',
  yellow: '黄色（中风险，限期跟进）',
  blue: '蓝色（低风险，常规关注）',
  green: '绿色（正常）',
};

export const WARNING_STATUSES = ['open', 'tasked', 'closed'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const WARNING_STATUS_LABELS: Readonly<Record<WarningStatus, string>> = { open: '待处置', tasked: '已派核实任务', closed: '已办结' };
export type WarningSource = 'import' | 'monitoring' | 'declared';

/** Income circles (收入圈层) 1–4; `none` is outside every circle. */
export type IncomeCircle = 1 | 2 | 3 | 4;
export const CIRCLE_LABELS: Readonly<Record<IncomeCircle | 'none', string>> = {
  1: '第一圈：特困、低保',
  2: '第二圈：低保边缘（≤1.5 倍标准）',
  3: '第三圈：低收入（≤2 倍标准）',
  4: '第四圈：支出型、急难',
  none: '未入圈',
};

/** The eight risk indicators, each 0–1. */
export const RISK_INDICATOR_LABELS = {
  income: '收入',
  health: '健康',
  disability: '残疾',
  employment: '就业',
  education: '教育',
  housing: '住房',
  care: '照护负担',
  events: '突发事件',
} as const;
export type RiskIndicator = keyof typeof RISK_INDICATOR_LABELS;

// ---- verification tasks -------------------------------------------------------------------------

export const TASK_STATUSES = ['open', 'assigned', 'in_progress', 'submitted', 'confirming', 'in_notice', 'accepted', 'returned', 'closed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  open: '待领取',
  assigned: '已派发',
  in_progress: '核实中',
  submitted: '已提交待审核',
  confirming: '街道已审核待区县确认',
  in_notice: '公示中',
  accepted: '已采纳',
  returned: '已退回',
  closed: '已办结',
};

/** A task's history also records escalations, as `escalated_<level>`. */
export type TaskHistoryStatus = TaskStatus | `escalated_${Exclude<EscalationLevel, 'none'>}`;
export const TASK_HISTORY_LABELS: Readonly<Record<TaskHistoryStatus, string>> = {
  ...TASK_STATUS_LABELS,
  escalated_community: '超期提醒社区',
  escalated_street: '升级至街道督办',
  escalated_district: '升级至区级督办',
};

export const TASK_KINDS = ['warning', 'home_visit', 'recheck'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_KIND_LABELS: Readonly<Record<TaskKind, string>> = { warning: '预警核实', home_visit: '入户核实', recheck: '定期复核' };

export const ESCALATION_LEVELS = ['none', 'community', 'street', 'district'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const ESCALATION_LABELS: Readonly<Record<EscalationLevel, string>> = {
  none: '未超期',
  community: '超期：已提醒社区',
  street: '超期：已升级至街道',
  district: '超期：已升级至区级',
};

/** What a reviewer decides when accepting a visit's findings. */
export const DECISION_KINDS = ['benefit_granted', 'referral', 'no_action'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const DECISION_LABELS: Readonly<Record<DecisionKind, string>> = { benefit_granted: '给予救助', referral: '转介社会服务', no_action: '不予处置' };

// ---- submissions and the review queue -----------------------------------------------------------

export const SUBMISSION_KIND_LABELS = { create: '新建档案', update: '档案变更' } as const;
export type SubmissionKind = keyof typeof SUBMISSION_KIND_LABELS;

export const SUBMISSION_DECISION_LABELS = { approve: '通过', return: '退回补正', reject: '驳回' } as const;
export type SubmissionDecision = keyof typeof SUBMISSION_DECISION_LABELS;

export type CheckOutcome = 'pass' | 'warn' | 'fail';
/** Automatic checks run on a submission. */
export const CHECK_LABELS: Readonly<Record<string, string>> = {
  id_checksum: '身份证号校验',
  duplicates: '重复登记',
  derived_fields: '性别与出生日期',
  household_head: '户主',
  missing_facts: '认定信息完整性',
};

export const REVIEW_ITEM_KINDS = ['submission', 'task'] as const;
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];
export const REVIEW_ITEM_KIND_LABELS: Readonly<Record<ReviewItemKind, string>> = { submission: '变更申请', task: '核实任务' };

/** Where a household revision came from. */
export const REVISION_SOURCE_LABELS = { staff: '工作人员直接修改', submission: '审核通过的变更申请', system: '系统' } as const;
export type RevisionSource = keyof typeof REVISION_SOURCE_LABELS;

// ---- screening, monitoring, imports -------------------------------------------------------------

export const SCREENING_STATUS_LABELS = { running: '进行中', completed: '已完成', cancelled: '已取消', failed: '失败' } as const;
export type ScreeningStatus = keyof typeof SCREENING_STATUS_LABELS;

/** How a screening run sorts a household for one policy (筛查结果类别). */
export const SCREENING_BUCKETS = ['eligible', 'newly_eligible', 'exit_candidate', 'unknown'] as const;
export type ScreeningBucket = (typeof SCREENING_BUCKETS)[number];
/** The buckets a run flags (`eligible` is the live result, not a flag). */
export type FlaggedBucket = Exclude<ScreeningBucket, 'eligible'>;
export const SCREENING_BUCKET_LABELS: Readonly<Record<ScreeningBucket, string>> = {
  eligible: '当前符合',
  newly_eligible: '新增符合',
  exit_candidate: '退出候选',
  unknown: OUTCOME_LABELS.unknown,
};

export const MONITORING_STATUS_LABELS = { running: '进行中', completed: '已完成', failed: '失败' } as const;
export type MonitoringStatus = keyof typeof MONITORING_STATUS_LABELS;
export const MONITORING_TRIGGER_LABELS = { scheduled: '定时', manual: '手动' } as const;
export type MonitoringTrigger = keyof typeof MONITORING_TRIGGER_LABELS;

export const IMPORT_STATUS_LABELS = {
  running: '导入中',
  completed: '已完成',
  rejected: '文件被拒绝（未导入任何行）',
  failed: '导入中断',
  cancelled: '已取消',
} as const;
export type ImportStatus = keyof typeof IMPORT_STATUS_LABELS;

/** Column types of an import source's template. */
export const IMPORT_COLUMN_TYPE_LABELS: Readonly<Record<string, string>> = {
  id_number: '身份证号',
  date: '日期',
  money: '金额',
  int: '整数',
  bool: '是/否',
  enum: '枚举',
  text: '文本',
};

// ---- attachments, consents, accounts ------------------------------------------------------------

export const ATTACHMENT_KINDS = [
  'medical_bill',
  'certificate',
  'id_card',
  'household_register',
  'disability_certificate',
  'income_proof',
  'other',
  'visit_photo',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_KIND_LABELS: Readonly<Record<AttachmentKind, string>> = {
  medical_bill: '医疗票据',
  certificate: '证明材料',
  id_card: '身份证',
  household_register: '户口簿',
  disability_certificate: '残疾人证',
  income_proof: '收入证明',
  other: '其他',
  visit_photo: '入户现场照片',
};

export const CONSENT_STATUS_LABELS = { active: '有效', withdrawn: '已撤回' } as const;
export type ConsentStatus = keyof typeof CONSENT_STATUS_LABELS;

/** How a consent was given. */
export const CONSENT_METHOD_LABELS: Readonly<Record<ConsentMethod, string>> = { self_online: '本人线上授权', in_person_signature: '当面手写签名' };

export const ACCOUNT_STATUS_LABELS = { active: '正常', disabled: '已停用', locked: '临时锁定' } as const;
export type AccountStatus = keyof typeof ACCOUNT_STATUS_LABELS;

export const SEX_LABELS = { male: '男', female: '女' } as const;
export type Sex = keyof typeof SEX_LABELS;

// ---- the audit log ------------------------------------------------------------------------------

/** Reads of a household's data, as its access record names them. */
export const AUDIT_READ_ACTION_LABELS: Readonly<Record<string, string>> = {
  'household.read_sensitive_full': '查阅档案（完整信息）',
  'household.read_sensitive_masked': '查阅档案（脱敏）',
  'household.reveal': '查看完整信息（已填事由）',
  'household.read_revisions': '查阅修订记录',
  'household.read_audit_trail': '查阅访问记录',
  'eligibility.read': '查阅政策匹配结果',
  'submission.read': '查阅变更申请',
  'attachment.read': '查看附件',
  'ocr.read': '证件识别',
  'household.print': '打印入户调查表',
  'task.print_notice': '打印告知书',
};

/** Changes to a household, as its access record names them. */
export const AUDIT_CHANGE_ACTION_LABELS: Readonly<Record<string, string>> = {
  'household.create': '新建档案',
  'household.update': '修改档案',
  'submission.create': '提交变更申请',
  'submission.approve': '审核通过',
  'submission.return': '退回申请',
  'submission.reject': '驳回申请',
  'consent.give': '授权同意',
  'consent.withdraw': '撤回授权',
  'attachment.upload': '上传附件',
  'task.create': '新建核实任务',
  'task.claim': '领取核实任务',
  'task.submit': '提交核实结果',
  'task.accept': '采纳核实结果',
  'task.return': '退回核实结果',
  'task.reassign': '改派核实任务',
  'task.escalate': '任务超期升级',
  'task.propose': '街道审核通过，报区县确认',
  'task.confirm': '区县确认决定',
  'task.confirm_return': '区县退回街道',
  'task.objection': '公示期间登记异议',
  'task.notice_passed': '公示期满，决定生效',
  'user.bind_identity': '居民实名认证',
};

/** Every action code of the audit log; others are shown as they are. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.login_disabled': '停用账号尝试登录',
  'user.create': '新建账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.unlock': '解除锁定',
  'user.reset_totp': '重置动态验证码',
  'user.reset_password': '重置密码',
  'user.register_wechat': '微信注册',
  'grid.set_workers': '调整网格员',
  'household.view': '查看家庭档案',
  'household.search_by_id': '按身份证号检索',
  'household.export': '导出家庭档案列表',
  'screening.start': '启动筛查',
  'screening.cancel': '取消筛查',
  'screening.export': '导出筛查结果',
  'screening.view_households': '查看筛查家庭名单',
  'task.escalate_manual': '升级督办',
  'import.start': '导入部门数据',
  'import.complete': '导入完成',
  'import.cancel': '取消导入',
  'monitoring.start': '启动监测',
  'monitoring.complete': '监测完成',
  'seed.demo': '生成演示数据',
  'ocr.refused': '证件识别被拒',
  'policy.create': '新建政策',
  'policy.save_draft': '保存政策草稿',
  'policy.publish': '发布政策',
  'policy.preview': '政策试算',
  'policy.read_version': '查看政策版本',
  'parameter.propose': '提出参数调整',
  'parameter.approve': '批准参数调整',
  'parameter.reject': '驳回参数调整',
  'parameter.rematch': '参数生效后重新筛查',
  'consent.read': '查看授权',
  'consent.read_record': '查看授权记录',
  'risk.read': '查看风险评估',
  'approval.update': '调整审批设置',
  ...AUDIT_READ_ACTION_LABELS,
  ...AUDIT_CHANGE_ACTION_LABELS,
};

/** Prefix groups of action codes, for filtering the log. */
export const AUDIT_ACTION_GROUP_LABELS: Readonly<Record<string, string>> = {
  'auth.': '登录',
  'user.': '账号管理',
  'household.': '家庭档案',
  'submission.': '申请审核',
  'task.': '核实任务',
  'screening.': '人群筛查',
  'policy.': '政策',
  'parameter.': '政策参数',
  'approval.': '审批设置',
  'import.': '数据导入',
  'consent.': '授权同意',
  'grid.': '网格',
};

/** What an audit entry is about (`entityType`); others are shown as 其他. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  household: '家庭档案',
  user: '账号',
  task: '核实任务',
  submission: '变更申请',
  consent: '授权同意',
  screening: '人群筛查',
  import: '部门数据导入',
  grid: '网格',
  policy: '政策',
  attachment: '附件',
  system: '系统',
  warning: '预警',
  monitoring_run: '监测运行',
  risk: '风险评估',
  ocr: '证件识别',
  parameter: '政策参数',
  approval_setting: '审批设置',
  audit: '审计日志',
  document: '证件',
};

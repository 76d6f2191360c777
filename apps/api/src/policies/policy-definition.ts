import { compilePolicy, validateRule, type PolicyDefinition, type Rule } from '@zczr/eligibility';
import { PARAMETERS } from '@zczr/policies';
import { AppError, ErrorDetail } from '../common/errors.js';
import { POLICY_CODE } from './policy.dto.js';

const REQUIRED_FIELDS: Array<keyof PolicyDefinition> = [
  'code',
  'name',
  'group',
  'department',
  'legalBasis',
  'benefit',
  'requiredDocuments',
  'rule',
  'effectiveFrom',
  'references',
];

/**
 * Structural checks of a policy definition sent by a client; the rule is compiled to prove it runs.
 * Used when saving a draft and when previewing one.
 */
export function parsePolicyDefinition(raw: Record<string, unknown>): PolicyDefinition {
  const details: ErrorDetail[] = REQUIRED_FIELDS.filter((f) => raw[f] === undefined || raw[f] === null).map((f) => ({ field: f, message: '必填' }));
  if (typeof raw.code === 'string' && !POLICY_CODE.test(raw.code)) details.push({ field: 'code', message: '政策代码须为小写字母、数字和下划线' });
  if (details.length) throw new AppError('VALIDATION_FAILED', undefined, details);
  const def = raw as unknown as PolicyDefinition;
  const params = new Set(PARAMETERS.map((p) => p.name));
  const issues = validateRule(def.rule as Rule, params);
  if (issues.length)
    throw new AppError(
      'INVALID_RULE',
      undefined,
      issues.slice(0, 30).map((i) => ({ field: i.path, message: i.message })),
    );
  try {
    compilePolicy(def);
  } catch (e) {
    throw new AppError('INVALID_RULE', e instanceof Error ? `规则无法编译：${e.message}` : undefined);
  }
  return def;
}

import type { ConsentPurpose } from '@zczr/domain';
import { AppError } from '../common/errors.js';
import type { ConsentEntity } from './consent.entity.js';

/** What processing of a household needs: an active consent covering the purpose and, separately, sensitive data. */
export function assertConsentCovers(consent: ConsentEntity | null, purpose: ConsentPurpose = 'assistance_assessment'): ConsentEntity {
  if (!consent || consent.status !== 'active') throw new AppError('CONSENT_REQUIRED');
  if (!(JSON.parse(consent.purposes) as ConsentPurpose[]).includes(purpose)) throw new AppError('CONSENT_REQUIRED', '授权同意未包含“社会救助资格评估”用途');
  if (!consent.sensitiveData) throw new AppError('CONSENT_SENSITIVE_REQUIRED');
  return consent;
}

import { ApprovalSettingEntity } from '../approvals/approval-setting.entity.js';
import { AuditLogEntity } from '../audit/audit-log.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { ConsentEntity, ConsentSignerEntity } from '../consents/consent.entity.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { MemberEntity } from '../households/member.entity.js';
import { RevisionEntity } from '../households/revision.entity.js';
import { IdempotencyRecordEntity } from '../idempotency/idempotency-record.entity.js';
import { GridEntity, GridWorkerEntity } from '../regions/grid.entity.js';
import { RegionEntity } from '../regions/region.entity.js';
import { SubmissionEntity } from '../submissions/submission.entity.js';
import { EligibilityCurrentEntity } from '../eligibility/eligibility-current.entity.js';
import { PolicyEntity, PolicyParameterEntity, PolicyVersionEntity } from '../policies/policy.entity.js';
import { ScreeningCoverageEntity, ScreeningHitEntity, ScreeningRunEntity } from '../screenings/screening.entity.js';
import { DepartmentRecordEntity, ImportErrorEntity, ImportHouseholdEntity, ImportRunEntity } from '../imports/import.entity.js';
import { MonitoringRunEntity } from '../monitoring/monitoring-run.entity.js';
import { HouseholdRiskEntity, RiskHistoryEntity } from '../risk/risk.entity.js';
import { CalendarDayEntity, TaskSequenceEntity, VerificationTaskEntity } from '../tasks/task.entity.js';
import { MonitoringParameterEntity, WarningEntity, WarningRuleEntity } from '../warnings/warning.entity.js';
import { AttachmentEntity } from '../attachments/attachment.entity.js';
import { JobEntity, JobShardEntity } from '../jobs/job.entity.js';
import { ParameterChangeEntity } from '../parameters/parameter-change.entity.js';
import { NOTIFICATION_ENTITIES } from '../notifications/notification.entity.js';

export const ENTITIES = [
  RegionEntity,
  GridEntity,
  GridWorkerEntity,
  UserEntity,
  AuditLogEntity,
  ConsentEntity,
  ConsentSignerEntity,
  HouseholdEntity,
  MemberEntity,
  RevisionEntity,
  SubmissionEntity,
  IdempotencyRecordEntity,
  PolicyEntity,
  PolicyVersionEntity,
  PolicyParameterEntity,
  EligibilityCurrentEntity,
  ScreeningRunEntity,
  ScreeningHitEntity,
  ScreeningCoverageEntity,
  ImportRunEntity,
  ImportErrorEntity,
  DepartmentRecordEntity,
  ImportHouseholdEntity,
  WarningRuleEntity,
  MonitoringParameterEntity,
  WarningEntity,
  HouseholdRiskEntity,
  RiskHistoryEntity,
  VerificationTaskEntity,
  CalendarDayEntity,
  TaskSequenceEntity,
  MonitoringRunEntity,
  AttachmentEntity,
  JobEntity,
  JobShardEntity,
  ...NOTIFICATION_ENTITIES,
  ApprovalSettingEntity,
  ParameterChangeEntity,
];

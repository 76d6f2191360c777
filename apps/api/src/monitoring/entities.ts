import { DepartmentRecordEntity, ImportErrorEntity, ImportRunEntity } from '../imports/import.entity.js';
import { HouseholdRiskEntity, RiskHistoryEntity } from '../risk/risk.entity.js';
import { CalendarDayEntity, TaskSequenceEntity, VerificationTaskEntity } from '../tasks/task.entity.js';
import { MonitoringParameterEntity, WarningEntity, WarningRuleEntity } from '../warnings/warning.entity.js';
import { MonitoringRunEntity } from './monitoring-run.entity.js';

/** Entities of the monitor → warn → verify → act loop. */
export const MONITORING_ENTITIES = [
  ImportRunEntity, ImportErrorEntity, DepartmentRecordEntity, WarningRuleEntity, MonitoringParameterEntity, WarningEntity,
  HouseholdRiskEntity, RiskHistoryEntity, VerificationTaskEntity, CalendarDayEntity, TaskSequenceEntity, MonitoringRunEntity,
];

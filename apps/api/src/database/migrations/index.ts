import { Spine1763900000000 } from './1763900000000-spine.js';
import { Eligibility1763910000000 } from './1763910000000-eligibility.js';
import { Monitoring1763920000000 } from './1763920000000-monitoring.js';
import { Attachments1763950000000 } from './1763950000000-attachments.js';
import { ConsoleOps1763990000000 } from './1763990000000-console-ops.js';
import { Trust1764700000000 } from './1764700000000-trust.js';
import { Supporters1764800000000 } from './1764800000000-supporters.js';
import { Jobs1764810000000 } from './1764810000000-jobs.js';
import { ConsoleScale1764820000000 } from './1764820000000-console-scale.js';
import { Notifications1764840000000 } from './1764840000000-notifications.js';
import { AuditHead1764870000000 } from './1764870000000-audit-head.js';
import { ParameterChanges1764900000000 } from './1764900000000-parameter-changes.js';
import { Approvals1764910000000 } from './1764910000000-approvals.js';
import { ConsentSigners1764920000000 } from './1764920000000-consent-signers.js';
import { VisitPhotos1764930000000 } from './1764930000000-visit-photos.js';
import { ImportsJobs1764940000000 } from './1764940000000-imports-jobs.js';
import { TaskLoad1764950000000 } from './1764950000000-task-load.js';
import { ScreeningHitOrder1764960000000 } from './1764960000000-screening-hit-order.js';
import { ListOrder1764970000000 } from './1764970000000-list-order.js';
import { AddressGrams1764990000000 } from './1764990000000-address-grams.js';
import { DashboardSnapshot1765000000000 } from './1765000000000-dashboard-snapshot.js';
import { QueueOrder1765010000000 } from './1765010000000-queue-order.js';
import { ImportHouseholds1765020000000 } from './1765020000000-import-households.js';
import { TaskStatusScope1765030000000 } from './1765030000000-task-status-scope.js';
import { WarningStatusOrder1765040000000 } from './1765040000000-warning-status-order.js';
import { BoardCells1764980000000 } from './1764980000000-board-cells.js';

/** Every migration, in order. Landed migrations are never edited: add a new one. */
export const MIGRATIONS = [
  Spine1763900000000,
  Eligibility1763910000000,
  Monitoring1763920000000,
  Attachments1763950000000,
  ConsoleOps1763990000000,
  Trust1764700000000,
  Supporters1764800000000,
  Jobs1764810000000,
  ConsoleScale1764820000000,
  Notifications1764840000000,
  AuditHead1764870000000,
  ParameterChanges1764900000000,
  Approvals1764910000000,
  ConsentSigners1764920000000,
  VisitPhotos1764930000000,
  ImportsJobs1764940000000,
  TaskLoad1764950000000,
  ScreeningHitOrder1764960000000,
  ListOrder1764970000000,
  BoardCells1764980000000,
  AddressGrams1764990000000,
  DashboardSnapshot1765000000000,
  QueueOrder1765010000000,
  ImportHouseholds1765020000000,
  TaskStatusScope1765030000000,
  WarningStatusOrder1765040000000,
];

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { DecisionKind, EscalationLevel, TaskKind, TaskStatus } from '@zczr/contract';

/** The columns hold the contract's codes. */
export { TASK_STATUSES, type DecisionKind, type EscalationLevel, type TaskKind, type TaskStatus } from '@zczr/contract';

/** A verification task (核实任务) for the grid worker of a household's grid. */
@Entity('verification_task')
@Index('idx_task_assignee', ['assigneeId', 'seq'])
@Index('idx_task_assignee_status', ['assigneeId', 'status'])
@Index('idx_task_previous_assignee', ['previousAssigneeId', 'seq'])
@Index('idx_task_grid', ['gridId', 'status'])
@Index('idx_task_district', ['districtCode', 'status', 'dueDate'])
@Index('idx_task_due', ['dueDate', 'id'])
@Index('idx_task_status_due', ['status', 'dueDate', 'id', 'householdId'])
@Index('idx_task_cells', ['districtCode', 'streetCode', 'status', 'dueDate', 'escalationLevel'])
@Index('idx_task_household', ['householdId', 'kind', 'createdAt'])
export class VerificationTaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) householdId: string;
  @Column({ type: 'varchar', length: 12 }) kind: TaskKind;
  /** Warning rule code, re-check interval, or 'submission'. */
  @Column({ type: 'varchar', length: 40 }) reason: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) warningId: string | null;
  @Column({ type: 'varchar', length: 12 }) status: TaskStatus;
  @Column({ type: 'varchar', length: 36, nullable: true }) assigneeId: string | null;
  /** Who had it before a reassignment: their phone must learn it is gone. */
  @Column({ type: 'varchar', length: 36, nullable: true }) previousAssigneeId: string | null;
  @Column({ type: 'varchar', length: 20 }) gridId: string;
  @Column({ type: 'varchar', length: 12 }) communityCode: string;
  @Column({ type: 'varchar', length: 9 }) streetCode: string;
  @Column({ type: 'varchar', length: 6 }) districtCode: string;
  @Column({ type: 'varchar', length: 10 }) dueDate: string;
  @Column({ type: 'varchar', length: 12 }) escalationLevel: EscalationLevel;
  /** Encrypted JSON findings: visit time, GPS, notes, photos, fact updates. */
  @Column({ type: 'text', nullable: true }) findingsEnc: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) decisionKind: DecisionKind | null;
  /** Encrypted JSON decision: policy, provider, reason, eligibility before/after. */
  @Column({ type: 'text', nullable: true }) decisionEnc: string | null;
  /** JSON state changes: status, at, by. */
  @Column({ type: 'text' }) history: string;
  /** Change sequence: a phone syncs the tasks with seq above its cursor. */
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
  @Column({ type: 'varchar', length: 30 }) updatedAt: string;
}

/** Days that differ from the Monday–Friday pattern: public holidays and make-up working days (调休). */
@Entity('calendar_day')
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'varchar', length: 8 }) kind: 'holiday' | 'workday';
  @Column({ type: 'varchar', length: 32 }) name: string;
}

/** The task change counter. One row, taken under a row lock, so sequence order is commit order. */
@Entity('task_sequence')
export class TaskSequenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 }) name: string;
  @Column({ type: 'int' }) value: number;
}

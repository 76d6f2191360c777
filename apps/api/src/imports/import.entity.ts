import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

import type { ImportStatus } from '@zczr/contract';

export type { ImportStatus } from '@zczr/contract';

/** One department file import: progress and counts while it runs, the outcome when done. */
@Entity('import_run')
@Index('idx_import_run_started', ['districtCode', 'startedAt'])
export class ImportRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 32 }) source: string;
  @Column({ type: 'varchar', length: 200 }) fileName: string;
  @Column({ type: 'varchar', length: 8 }) format: 'csv' | 'xlsx';
  @Column({ type: 'varchar', length: 12 }) status: ImportStatus;
  @Column({ type: 'varchar', length: 6 }) districtCode: string;
  /** Data rows read so far (header excluded). */
  @Column({ type: 'int' }) processedRows: number;
  @Column({ type: 'int' }) takenRows: number;
  /** Rows already stored by an earlier import (or earlier in this file): nothing to do. */
  @Column({ type: 'int' }) duplicateRows: number;
  @Column({ type: 'int' }) unmatchedRows: number;
  @Column({ type: 'int' }) errorRows: number;
  @Column({ type: 'int' }) warningsRaised: number;
  @Column({ type: 'varchar', length: 36 }) startedBy: string;
  @Column({ type: 'varchar', length: 30 }) startedAt: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) finishedAt: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) error: string | null;
}

/** A row (or the header, row 1) that was not taken, and why. Never holds the row's values. */
@Entity('import_error')
@Index('idx_import_error_import', ['importId', 'rowNumber'])
export class ImportErrorEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 36 }) importId: string;
  @Column({ type: 'int' }) rowNumber: number;
  @Column({ type: 'varchar', length: 64 }) columnName: string;
  @Column({ type: 'varchar', length: 255 }) reason: string;
}

/**
 * A department record matched to a household member. The person is known only by the keyed hash
 * of the ID number; the record's values are encrypted (medical costs, disability and the like are
 * sensitive). `recordKey` (keyed hash of source + normalised row) makes re-imports no-ops.
 */
@Entity('department_record')
@Index('idx_department_record_household', ['householdId', 'source', 'eventDate'])
@Index('idx_department_record_import', ['importId'])
export class DepartmentRecordEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_department_record_key', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  recordKey: string;
  @Column({ type: 'varchar', length: 32 }) source: string;
  @Column({ type: 'varchar', length: 36 }) importId: string;
  @Column({ type: 'int' }) rowNumber: number;
  @Column({ type: 'varchar', length: 64 }) personHash: string;
  @Column({ type: 'varchar', length: 36 }) householdId: string;
  @Column({ type: 'varchar', length: 10 }) eventDate: string;
  /** Encrypted JSON of the normalised row without the ID number. */
  @Column({ type: 'text' }) payloadEnc: string;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
}

/**
 * The households an import gave records (one row each, written with the shard's records): its rules
 * phase is cut into shards of them by id, and each shard reads its range here, not from the records.
 */
@Entity('import_household')
export class ImportHouseholdEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) importId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) householdId: string;
}

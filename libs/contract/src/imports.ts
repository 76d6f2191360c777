/** Imports of other departments' data (CSV / XLSX). */
import type { ImportStatus } from './labels.js';

export interface ImportRun {
  id: string;
  source: string;
  sourceLabel: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  statusLabel: string;
  processedRows: number;
  takenRows: number;
  duplicateRows: number;
  unmatchedRows: number;
  errorRows: number;
  warningsRaised: number;
  /** CSV of the rows in error. */
  errorReportUrl: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface ImportSourceColumn {
  key: string;
  /** Column header (Chinese). */
  label: string;
  /** See IMPORT_COLUMN_TYPE_LABELS. */
  type: string;
  required: boolean;
}

export interface ImportSource {
  code: string;
  label: string;
  department: string;
  columns: ImportSourceColumn[];
}

export interface ImportErrorRow {
  /** Row number, the header being row 1. */
  rowNumber: number;
  column: string;
  reason: string;
}

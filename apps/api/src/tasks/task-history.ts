import type { TaskHistoryEntry } from '@zczr/contract';

/**
 * A task's history is stored as a JSON array in one column; this is the only place that reads or
 * extends it.
 */
export function readTaskHistory(stored: string): TaskHistoryEntry[] {
  return JSON.parse(stored) as TaskHistoryEntry[];
}

/** The stored history with `entries` appended. */
export function appendTaskHistory(stored: string, ...entries: TaskHistoryEntry[]): string {
  return JSON.stringify([...readTaskHistory(stored), ...entries]);
}

/** A new task's history. */
export function newTaskHistory(...entries: TaskHistoryEntry[]): string {
  return JSON.stringify(entries);
}

/** One changed field between two versions of a document, by JSON path (e.g. `members[1].phone`). */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, []);
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value ?? null);
  }
}

/**
 * Field-level diff by JSON path, the same in the API (revisions, submissions) and the console
 * (task findings, policy versions). `prefix` roots the paths (e.g. `incomes`).
 */
export function diffValues(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, prefix, a);
  flatten(after, prefix, b);
  const changes: FieldChange[] = [];
  for (const [path, v] of b) {
    const old = a.has(path) ? a.get(path) : null;
    if (JSON.stringify(old) !== JSON.stringify(v)) changes.push({ path, before: old, after: v });
  }
  for (const [path, v] of a) if (!b.has(path)) changes.push({ path, before: v, after: null });
  return changes;
}

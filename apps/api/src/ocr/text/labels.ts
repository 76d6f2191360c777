import type { ReadChar } from '../engine/tesseract-pool.js';
import { editDistance, tolerance } from './fuzzy.js';

const SEPARATORS = /^[:：|｜;；,，.。'"“”‘’_\-—\s]+|[:：|｜;；,，.。'"“”‘’_\-—\s]+$/g;

/**
 * Cuts a line of a form ("姓名 张三 性别 男") into label → value, finding the labels even when a
 * character of a long label is misread. Longer labels are tried first, so 残疾人证号 wins over
 * a shorter label inside it. A two-character label must be read exactly, except at the start of
 * the line where a label is expected.
 */
export function splitByLabels(line: readonly ReadChar[], labels: readonly string[]): Map<string, ReadChar[]> {
  const byLength = [...labels].sort((a, b) => b.length - a.length);
  const text = line.map((c) => c.ch);
  const hits: Array<{ label: string; start: number; end: number }> = [];
  for (let i = 0; i < text.length;) {
    let found: { label: string; end: number; distance: number } | null = null;
    for (const label of byLength) {
      const n = [...label].length;
      const tol = n <= 2 ? (i === 0 ? 1 : 0) : tolerance(n);
      for (let len = Math.max(1, n - tol); len <= n + tol && i + len <= text.length; len++) {
        const d = editDistance(text.slice(i, i + len).join(''), label);
        // The first character must be right for short labels: 名 alone is not 姓名.
        if (d <= tol && (n > 2 || text[i] === label[0] || text[i + 1] === label[1]) && (!found || d < found.distance))
          found = { label, end: i + len, distance: d };
      }
      if (found?.distance === 0) break;
    }
    // A misread match here may be the same label matching better a character or two later:
    // "淑珍户主或与户主关" must not take 户主或与户主关系 from the name before it.
    if (found && found.distance > 0 && laterIsBetter(text, i, found.label, found.distance)) found = null;
    if (found) {
      hits.push({ label: found.label, start: i, end: found.end });
      i = found.end;
    } else {
      i++;
    }
  }
  const out = new Map<string, ReadChar[]>();
  hits.forEach((h, k) => {
    const value = line.slice(h.end, hits[k + 1]?.start ?? line.length);
    const trimmed = value.map((c) => c.ch).join('');
    const lead = trimmed.length - trimmed.replace(/^[:：|｜;；,，.。'"“”‘’_\-—\s]+/, '').length;
    const tail = trimmed.length - trimmed.replace(SEPARATORS, '').length - lead;
    const cut = value.slice(lead, value.length - tail);
    if (cut.length && !out.has(h.label)) out.set(h.label, cut);
  });
  return out;
}

function laterIsBetter(text: string[], i: number, label: string, distance: number): boolean {
  const n = [...label].length;
  for (let j = i + 1; j <= i + distance; j++) {
    for (let len = n - 1; len <= n + 1 && j + len <= text.length; len++) {
      if (editDistance(text.slice(j, j + len).join(''), label) < distance) return true;
    }
  }
  return false;
}

export const textOf = (chars: readonly ReadChar[] | undefined): string => (chars ?? []).map((c) => c.ch).join('');

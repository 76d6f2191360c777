/** Edit distance (insertions, deletions, substitutions), for matching what was read against known words. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length]!;
}

/** Errors tolerated when matching a known word of this length: none for one or two characters. */
export function tolerance(length: number): number {
  return length <= 2 ? 0 : length <= 5 ? 1 : 2;
}

export interface WordMatch {
  word: string;
  distance: number;
}

/**
 * The known word closest to `read`, if it is within tolerance and no other word is as close
 * (a tie is no match: guessing between two real words is for a person).
 */
export function closestWord(read: string, words: readonly string[]): WordMatch | null {
  let best: WordMatch | null = null;
  let tied = false;
  for (const word of words) {
    const distance = editDistance(read, word);
    if (distance > tolerance([...word].length)) continue;
    if (!best || distance < best.distance) {
      best = { word, distance };
      tied = false;
    } else if (distance === best.distance && word !== best.word) {
      tied = true;
    }
  }
  return best && !tied ? best : null;
}

/** Keeps CJK ideographs (and the middle dot of minority names). */
export function cjkOnly(text: string): string {
  return [...text].filter((c) => /[\u3400-\u9fff·]/.test(c)).join('');
}

/** Picks the grid worker with the fewest open tasks (balanced when a grid has several); null if the grid has none. */
export class Dispatcher {
  constructor(
    private readonly workersByGrid: ReadonlyMap<string, readonly string[]>,
    private readonly load: Map<string, number>,
  ) {}

  pick(gridId: string): string | null {
    const workers = this.workersByGrid.get(gridId) ?? [];
    let best: string | null = null;
    for (const w of [...workers].sort()) if (best === null || (this.load.get(w) ?? 0) < (this.load.get(best) ?? 0)) best = w;
    if (best) this.load.set(best, (this.load.get(best) ?? 0) + 1);
    return best;
  }

  worksGrid(userId: string, gridId: string): boolean {
    return (this.workersByGrid.get(gridId) ?? []).includes(userId);
  }
}

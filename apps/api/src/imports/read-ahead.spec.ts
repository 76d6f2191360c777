import { ReadAhead } from './row-preparation.js';

/** A producer of numbered batches that records how many were started before each was taken. */
function counter(total: number, failAt?: number): { produce: () => Promise<number | null>; started: () => number; concurrent: () => number } {
  let started = 0;
  let running = 0;
  let most = 0;
  return {
    produce: async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      if (started >= total) return null;
      started++;
      if (started === failAt) throw new Error(`batch ${started} failed`);
      return started;
    },
    started: () => started,
    concurrent: () => most,
  };
}

/**
 * Waits until `reached()` holds (the batches are made on timers: slower on a loaded machine than
 * any fixed wait), then 30 ms more, time enough for a batch started beyond it to show.
 */
async function settle(reached: () => boolean = () => true): Promise<void> {
  for (let waited = 0; !reached() && waited < 5000; waited += 5) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 30));
}

describe('ReadAhead', () => {
  it('prepares up to its depth before anything is taken, one batch at a time, in order', async () => {
    const c = counter(20);
    const ahead = new ReadAhead(c.produce, 5);
    await settle(() => c.started() >= 5);
    expect(c.started()).toBe(5);
    expect(await ahead.next()).toBe(1);
    await settle(() => c.started() >= 6);
    expect(c.started()).toBe(6); // taking one starts one more, never beyond the depth
    const rest: Array<number | null> = [];
    for (let b = await ahead.next(); b !== null; b = await ahead.next()) rest.push(b);
    expect(rest).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
    expect(c.concurrent()).toBe(1); // the rows are read sequentially
    expect(await ahead.next()).toBeNull();
    expect(c.started()).toBe(20);
  });

  it('stops producing after the last batch', async () => {
    const c = counter(2);
    const ahead = new ReadAhead(c.produce, 10);
    await settle();
    expect([await ahead.next(), await ahead.next(), await ahead.next(), await ahead.next()]).toEqual([1, 2, null, null]);
    expect(c.started()).toBe(2);
  });

  it('gives the error at the batch that failed, after the good ones, and prepares nothing more', async () => {
    const c = counter(10, 3);
    const ahead = new ReadAhead(c.produce, 4);
    await settle();
    expect(await ahead.next()).toBe(1);
    expect(await ahead.next()).toBe(2);
    await expect(ahead.next()).rejects.toThrow('batch 3 failed');
    await settle();
    expect(c.started()).toBe(3);
  });

  it('with depth 1 keeps exactly one batch ahead (the behaviour before)', async () => {
    const c = counter(5);
    const ahead = new ReadAhead(c.produce, 1);
    await settle(() => c.started() >= 1);
    expect(c.started()).toBe(1);
    expect(await ahead.next()).toBe(1);
    await settle(() => c.started() >= 2);
    expect(c.started()).toBe(2);
  });
});

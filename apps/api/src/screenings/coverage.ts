import type { ScreeningCoverageEntity } from './screening.entity.js';

/** Coverage rows of the household as a whole carry this policy code. */
export const ANY_POLICY = '*';

type Counts = Omit<ScreeningCoverageEntity, 'runId' | 'streetCode' | 'policyCode'>;

/**
 * Coverage of a screening run, tallied while it passes over every household: per street and
 * policy, who is eligible, who receives the benefit, and who is eligible but receives nothing
 * of it (the "silent minority"). A household counts its co-resident people.
 */
export class CoverageTally {
  private readonly cells = new Map<string, Counts>();

  add(streetCode: string, policyCode: string, people: number, outcome: 'eligible' | 'ineligible' | 'unknown', receiving: boolean): void {
    const eligible = outcome === 'eligible';
    if (!eligible && !receiving) return;
    const key = `${streetCode}|${policyCode}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { eligibleHouseholds: 0, eligiblePeople: 0, receivingHouseholds: 0, receivingPeople: 0, silentHouseholds: 0, silentPeople: 0, exitHouseholds: 0 };
      this.cells.set(key, c);
    }
    if (eligible) {
      c.eligibleHouseholds++;
      c.eligiblePeople += people;
    }
    if (receiving) {
      c.receivingHouseholds++;
      c.receivingPeople += people;
    }
    if (eligible && !receiving) {
      c.silentHouseholds++;
      c.silentPeople += people;
    }
    if (receiving && outcome === 'ineligible') c.exitHouseholds++;
  }

  /**
   * The household as a whole, under policy code '*': eligible for any policy, receiving any benefit,
   * and eligible for something while receiving nothing at all — the "silent minority".
   */
  addHousehold(streetCode: string, people: number, eligibleForAny: boolean, receivingAny: boolean): void {
    this.add(streetCode, ANY_POLICY, people, eligibleForAny ? 'eligible' : 'ineligible', receivingAny);
  }

  rows(runId: string): ScreeningCoverageEntity[] {
    return [...this.cells].map(([key, c]) => {
      const [streetCode, policyCode] = key.split('|') as [string, string];
      return { runId, streetCode, policyCode, ...c };
    });
  }
}

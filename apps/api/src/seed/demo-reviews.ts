import { Injectable, Logger } from '@nestjs/common';
import type { DemoHousehold } from '@zczr/demo-data';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/time.js';
import type { UpdateHouseholdDto } from '../households/household.dto.js';
import { HouseholdsService } from '../households/households.service.js';
import { TasksService } from '../tasks/tasks.service.js';

/** A demo this small (the API test suites) starts with an empty review queue. */
export const DEMO_REVIEWS_MIN_HOUSEHOLDS = 200;

export interface DemoReviewActors {
  /** The grid worker who works a grid. */
  workerOf: (gridId: string) => AuthContext;
  street: AuthContext;
}

export interface SeededHousehold {
  id: string;
  streetCode: string;
  gridId: string;
  demo: DemoHousehold;
}

type Change = (d: DemoHousehold, today: string) => Omit<UpdateHouseholdDto, 'version'>;

/** What grid workers report in the demo, one change per household; the last one leaves out the income, so its checks warn. */
const CHANGES: Change[] = [
  (d) => ({
    incomes: d.incomes
      .map((i) => (i.type === 'wage' ? { ...i, monthlyAmount: Math.round(i.monthlyAmount / 2) } : i))
      .concat(d.incomes.some((i) => i.type === 'wage') ? [] : [{ type: 'wage', monthlyAmount: 1200 }]),
  }),
  (d, today) => ({
    hardships: [...d.hardships, { type: 'serious_illness', occurredOn: today, loss: 48000, note: '户主确诊重大疾病住院' }],
    expenses: [...d.expenses, { type: 'medical_self_paid', amount12m: 52000 }],
  }),
  (d) => ({ assets: d.assets.map((a) => (a.type === 'deposit' ? { ...a, value: Math.round((a.value ?? 0) / 3) } : a)) }),
  (d) => ({ incomes: [...d.incomes, { type: 'pension', monthlyAmount: 1580, note: '新领取城乡居民养老金' }] }),
  (d, today) => ({ hardships: [...d.hardships, { type: 'job_loss', occurredOn: today, note: '唯一就业成员失业' }] }),
  () => ({ incomes: [] }),
];

/**
 * Fills the demo's review queue through the real use cases: grid workers' change reports (pending
 * submissions with their automatic checks) and home-visit findings waiting for review.
 */
@Injectable()
export class DemoReviews {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly households: HouseholdsService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async seed(actors: DemoReviewActors, households: SeededHousehold[]): Promise<void> {
    const today = this.clock.today();
    const forChanges = households.slice(0, CHANGES.length);
    const forVisits = households.slice(CHANGES.length, CHANGES.length + 2);
    for (const [i, h] of forChanges.entries()) {
      await this.households.update(actors.workerOf(h.gridId), h.id, { version: 1, ...CHANGES[i]!(h.demo, today) } as UpdateHouseholdDto);
    }
    for (const h of forVisits) {
      const worker = actors.workerOf(h.gridId);
      const task = await this.tasks.create(actors.street, { householdId: h.id });
      await this.tasks.claim(worker, task.id);
      await this.tasks.submit(worker, task.id, {
        visitedAt: this.clock.iso(),
        gps: { lat: 30.6823, lng: 103.8561, accuracy: 15 },
        notes: '已入户核实：家庭成员均在家，收入情况与申报一致，户主反映近期医疗支出增加。',
        factUpdates: { expenses: [...h.demo.expenses, { type: 'medical_self_paid', amount12m: 18000 }] },
      });
    }
    this.logger.log(`Demo review queue: ${forChanges.length} change reports, ${forVisits.length} home-visit findings`);
  }
}

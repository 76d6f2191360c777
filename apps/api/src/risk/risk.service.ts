import { RISK_COLOUR_LABELS, type IncomeCircle } from '@zczr/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/time.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { HouseholdView } from '../warnings/rules.js';
import type { RuleBook } from '../warnings/warnings.service.js';
import type { HouseholdRiskDto } from './risk.dto.js';
import type { HouseholdRiskEntity, RiskHistoryEntity } from './risk.entity.js';
import { RiskRepository } from './risk.repository.js';
import { scoreRisk } from './scoring.js';

export interface RiskPlan {
  rows: HouseholdRiskEntity[];
  history: Array<Omit<RiskHistoryEntity, 'id'>>;
}

/** Risk score, colour and income circle of households, with history of every change. */
@Injectable()
export class RiskService {
  constructor(
    private readonly repo: RiskRepository,
    private readonly households: HouseholdsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Previous risk rows of these households (the income-drop rule reads their income baseline). */
  previous(householdIds: string[]): Promise<Map<string, HouseholdRiskEntity>> {
    return this.repo.currentFor(householdIds);
  }

  /** Scores every household; only those whose score, colour, circle or income changed are rewritten. */
  plan(book: RuleBook, views: HouseholdView[], previous: Map<string, HouseholdRiskEntity>, reason: string): RiskPlan {
    const asOf = this.clock.today();
    const now = this.clock.iso();
    const plan: RiskPlan = { rows: [], history: [] };
    for (const h of views) {
      if (!h.facts) continue;
      const r = scoreRisk(h, book.resolve(h.communityCode, asOf), asOf);
      const before = previous.get(h.householdId);
      const indicators = JSON.stringify(r.indicators);
      const same =
        before &&
        Number(before.score) === r.score &&
        before.colour === r.colour &&
        (before.circle ?? null) === r.circle &&
        (before.monthlyIncome === null ? null : Number(before.monthlyIncome)) === r.monthlyIncome &&
        before.indicators === indicators;
      if (same) continue;
      plan.rows.push({
        householdId: h.householdId,
        score: r.score,
        colour: r.colour,
        circle: r.circle,
        indicators,
        monthlyIncome: r.monthlyIncome,
        updatedAt: now,
      });
      if (!before || Number(before.score) !== r.score || before.colour !== r.colour || (before.circle ?? null) !== r.circle) {
        plan.history.push({ householdId: h.householdId, score: r.score, colour: r.colour, circle: r.circle, reason, at: now });
      }
    }
    return plan;
  }

  async apply(m: EntityManager, plan: RiskPlan): Promise<void> {
    await this.repo.replace(m, plan.rows, plan.history);
  }

  async forHousehold(auth: AuthContext, householdId: string): Promise<HouseholdRiskDto> {
    this.access.require(auth, await this.households.findById(householdId).then((x) => x && { ...x, householdId: x.id }));
    const [current, history] = await Promise.all([this.repo.findCurrent(householdId), this.repo.historyOf(householdId)]);
    await this.audit.record(auth, { action: 'risk.read', entityType: 'household', entityId: householdId, householdId });
    return {
      householdId,
      score: current ? Number(current.score) : null,
      colour: current?.colour ?? null,
      colourLabel: current ? RISK_COLOUR_LABELS[current.colour] : null,
      circle: (current?.circle ?? null) as IncomeCircle | null,
      indicators: current ? (JSON.parse(current.indicators) as Record<string, number>) : {},
      updatedAt: current?.updatedAt ?? null,
      history: history.map((h) => ({ score: Number(h.score), colour: h.colour, circle: h.circle as IncomeCircle | null, reason: h.reason, at: h.at })),
    };
  }
}

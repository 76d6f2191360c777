import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateHousehold, generateHouseholds, type DemoHousehold } from '@zczr/demo-data';
import { ROLE_LABELS, type Role } from '@zczr/domain';
import bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { Transactor } from '../database/transactor.js';
import { AuditService } from '../audit/audit.service.js';
import { DEMO_FIRST_VISIT, DEMO_USERNAMES } from '../auth/auth.service.js';
import { newUserEntity, type UserEntity } from '../auth/user.entity.js';
import { UsersRepository } from '../auth/users.repository.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ConsentEntity } from '../consents/consent.entity.js';
import { CONSENT_TEXT_VERSION } from '../consents/consent.dto.js';
import { ConsentsRepository } from '../consents/consents.repository.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { HouseholdCodec, memberRecordOf } from '../households/household-codec.js';
import type { HouseholdContent } from '../households/household-document.js';
import type { HouseholdEntity } from '../households/household.entity.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { MemberEntity } from '../households/member.entity.js';
import type { GridEntity, GridWorkerEntity } from '../regions/grid.entity.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { RegionsService } from '../regions/regions.service.js';
import { MonitoringService } from '../monitoring/monitoring.service.js';
import { ScreeningsService } from '../screenings/screenings.service.js';
import { DEMO_REVIEWS_MIN_HOUSEHOLDS, DemoReviews, type SeededHousehold } from './demo-reviews.js';
import type { AuthContext } from '../common/auth-context.js';

/** Demo credentials: printed at start, documented in the README. Demo mode only. */
export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';

/**
 * Fills a fresh demo database: the district's regions and grids, one demo user per role, a grid
 * worker for every grid, and synthetic households (deterministic by DEMO_SEED).
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly regionsService: RegionsService,
    private readonly regions: RegionsRepository,
    private readonly users: UsersRepository,
    private readonly households: HouseholdsRepository,
    private readonly consents: ConsentsRepository,
    private readonly cipher: FieldCipher,
    private readonly codec: HouseholdCodec,
    private readonly audit: AuditService,
    private readonly screenings: ScreeningsService,
    private readonly monitoring: MonitoringService,
    private readonly reviews: DemoReviews,
    private readonly clock: Clock,
    private readonly tx: Transactor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Outside demo mode, accounts that still carry the published demo TOTP secret (every account the
   * demo seed made), and the demo resident, are disabled at start: a database once seeded as a demo
   * never opens to `demo-admin` / `Demo@2026`. Returns how many were disabled.
   */
  async disableDemoAccounts(): Promise<number> {
    if (this.config.demoMode) return 0;
    const rows = await this.tx.run((m) =>
      m.query<Array<{ id: string; username: string | null; openid: string | null; totpSecretEnc: string | null; tokenVersion: number }>>(
        'SELECT id, username, openid, totpSecretEnc, tokenVersion FROM app_user WHERE disabledAt IS NULL',
      ),
    );
    let disabled = 0;
    for (const u of rows) {
      let demoSecret = u.openid === 'demo-openid-resident' || u.openid === DEMO_FIRST_VISIT.openid;
      if (!demoSecret && u.totpSecretEnc) {
        try {
          demoSecret = this.cipher.decrypt(u.totpSecretEnc) === DEMO_TOTP_SECRET;
        } catch {
          demoSecret = false; // sealed with another key: not ours to judge
        }
      }
      if (!demoSecret) continue;
      await this.users.update(u.id, { disabledAt: this.clock.iso(), tokenVersion: Number(u.tokenVersion) + 1 });
      await this.audit.record(null, { action: 'user.demo_disabled', entityType: 'user', entityId: u.id, detail: { username: u.username } });
      disabled++;
    }
    if (disabled) this.logger.warn(`Disabled ${disabled} demo-seeded accounts (published password/TOTP secret): not for production use`);
    return disabled;
  }

  async run(): Promise<void> {
    await this.regionsService.importDistrictIfEmpty();
    if (!this.config.demoMode) return;
    if ((await this.users.countAll()) > 0) {
      await this.addMissingSystemAdmins();
      return;
    }
    const started = Date.now();
    const grids = await this.regions.allGrids();
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
    const totpSecretEnc = this.cipher.encrypt(DEMO_TOTP_SECRET);
    // The demo worker and street reviewer work where the demo resident (household 0) lives.
    const firstCommunity = generateHousehold(this.config.demo.seed, 0, this.config.districtCode).communityCode;
    const firstStreet = (grids.find((g) => g.communityCode === firstCommunity) ?? grids[0]!).streetCode;
    const staff = (role: Role, regionCode: string): UserEntity =>
      this.user({ role, username: DEMO_USERNAMES[role], displayName: `演示${ROLE_LABELS[role]}`, passwordHash, totpSecretEnc, regionCode });
    const demoUsers = [
      staff('admin', this.config.districtCode),
      staff('security_admin', this.config.districtCode),
      staff('audit_admin', this.config.districtCode),
      staff('district_reviewer', this.config.districtCode),
      staff('street_reviewer', firstStreet),
      staff('grid_worker', firstStreet),
    ];
    const demoWorker = demoUsers.find((u) => u.role === 'grid_worker')!;
    // Every grid gets a worker; the demo worker works all grids of the demo resident's community.
    const assignments: GridWorkerEntity[] = [];
    const workers: UserEntity[] = [];
    for (const g of grids) {
      if (g.communityCode === firstCommunity) {
        assignments.push({ gridId: g.id, userId: demoWorker.id });
        continue;
      }
      const w = this.user({
        role: 'grid_worker',
        username: `worker-${g.id}`,
        displayName: `${g.name}网格员`,
        passwordHash,
        totpSecretEnc,
        regionCode: g.streetCode,
      });
      workers.push(w);
      assignments.push({ gridId: g.id, userId: w.id });
    }
    await this.tx.run(async (m) => {
      for (const u of [...demoUsers, ...workers]) await m.getRepository('app_user').insert(u);
      await this.regions.assignWorkers(m, assignments);
    });

    const inDemoStreet: SeededHousehold[] = [];
    const inDemoCommunity: string[] = [];
    // Each household's consent is recorded by its own grid's worker.
    const workerOfGrid = new Map(assignments.map((a) => [a.gridId, a.userId]));
    const firstHouseholdId = await this.seedHouseholds(grids, workerOfGrid, (h) => {
      if (h.streetCode === firstStreet && inDemoStreet.length < 12) inDemoStreet.push(h);
      if (h.demo.communityCode === firstCommunity && inDemoCommunity.length < 200) inDemoCommunity.push(h.id);
    });
    // A first screening, so the demo opens with every household's current results.
    const run = await this.screenings.begin('system', this.config.districtCode);
    await this.screenings.finished(run.id);
    // The demo resident lives in the demo worker's community, in the family there with the most help to show.
    const residentHouseholdId = (await this.richestHousehold(inDemoCommunity)) ?? firstHouseholdId;
    const resident = this.user({ role: 'resident', username: DEMO_USERNAMES.resident, displayName: '演示居民', openid: 'demo-openid-resident' });
    if (residentHouseholdId) {
      const [head] = await this.households.membersOf(residentHouseholdId);
      if (head?.idNumberEnc) {
        resident.realName = head.name;
        resident.displayName = head.name;
        resident.idNumberEnc = head.idNumberEnc;
        resident.idNumberHash = head.idNumberHash;
        resident.identityConsentAt = this.clock.iso();
        resident.identityVerifiedAt = this.clock.iso();
        resident.identityVerifiedBy = 'face';
        resident.householdId = residentHouseholdId;
      }
    }
    await this.users.insert(resident);
    // A second resident who has signed in but not bound yet: the first visit can be shown and tried.
    await this.users.insert(this.user({ role: 'resident', username: DEMO_FIRST_VISIT.username, displayName: '微信用户', openid: DEMO_FIRST_VISIT.openid }));
    if (this.config.demo.activity && this.config.demo.households >= DEMO_REVIEWS_MIN_HOUSEHOLDS) {
      // A first monitoring pass, so the demo opens with risk colours, warnings and tasks on workers' phones.
      const monitoring = await this.monitoring.begin('system', this.config.districtCode, 'manual');
      await this.monitoring.finished(monitoring.id);
      // Reported by each household's own grid worker; the demo resident's household is left alone for the mini-program.
      const usersById = new Map([...demoUsers, ...workers].map((u) => [u.id, u]));
      const actor = (u: UserEntity): AuthContext => ({
        userId: u.id,
        role: u.role,
        regionCode: u.regionCode,
        householdId: null,
        ip: null,
        gridIds: assignments.filter((a) => a.userId === u.id).map((a) => a.gridId),
      });
      const workerOf = (gridId: string): AuthContext => actor(usersById.get(assignments.find((a) => a.gridId === gridId)!.userId)!);
      await this.reviews.seed(
        { workerOf, street: actor(demoUsers.find((u) => u.role === 'street_reviewer')!) },
        inDemoStreet.filter((h) => h.id !== residentHouseholdId),
      );
    }
    await this.audit.record(null, {
      action: 'seed.demo',
      entityType: 'system',
      detail: { households: this.config.demo.households, seed: this.config.demo.seed, users: demoUsers.length + workers.length + 2 },
    });
    this.logger.log(
      `Seeded ${this.config.demo.households} demo households, ${grids.length} grids, ${demoUsers.length + workers.length + 2} users in ${Date.now() - started} ms`,
    );
  }

  /** Of these households, the one eligible for the most policies (null when none is). */
  private async richestHousehold(ids: string[]): Promise<string | null> {
    if (ids.length === 0) return null;
    const rows = await this.tx.run((m) =>
      m.query<Array<{ householdId: string; n: number | string }>>(
        `SELECT householdId, COUNT(*) AS n FROM eligibility_current WHERE outcome = 'eligible' AND householdId IN (${ids.map(() => '?').join(',')}) GROUP BY householdId`,
        ids,
      ),
    );
    let best: { id: string; n: number } | null = null;
    for (const id of ids) {
      const n = Number(rows.find((r) => r.householdId === id)?.n ?? 0);
      if (n > 0 && (!best || n > best.n)) best = { id, n };
    }
    return best?.id ?? null;
  }

  private async seedHouseholds(grids: GridEntity[], workerOfGrid: Map<string, string>, onSeeded: (h: SeededHousehold) => void): Promise<string | null> {
    const byCommunity = new Map<string, GridEntity[]>();
    for (const g of grids) byCommunity.set(g.communityCode, [...(byCommunity.get(g.communityCode) ?? []), g]);
    let first: string | null = null;
    let batch: DemoHousehold[] = [];
    const flush = async (): Promise<void> => {
      const hs: HouseholdEntity[] = [];
      const ms: MemberEntity[] = [];
      const cs: ConsentEntity[] = [];
      for (const d of batch) {
        const communityGrids = byCommunity.get(d.communityCode);
        if (!communityGrids?.length) continue;
        const grid = communityGrids[d.gridIndex % communityGrids.length]!;
        const { household, members, consent } = this.encode(d, grid, workerOfGrid.get(grid.id)!);
        hs.push(household);
        ms.push(...members);
        cs.push(consent);
        first ??= household.id;
        onSeeded({ id: household.id, streetCode: household.streetCode, gridId: household.gridId, demo: d });
      }
      await this.tx.run(async (m) => {
        await this.consents.insertMany(cs, m);
        await this.households.insertMany(m, hs, ms);
      });
      batch = [];
    };
    for (const d of generateHouseholds({ seed: this.config.demo.seed, count: this.config.demo.households, districtCode: this.config.districtCode })) {
      batch.push(d);
      if (batch.length >= 500) await flush();
    }
    if (batch.length) await flush();
    return first;
  }

  private encode(d: DemoHousehold, grid: GridEntity, recordedBy: string): { household: HouseholdEntity; members: MemberEntity[]; consent: ConsentEntity } {
    const id = randomUUID();
    const now = this.clock.iso();
    const content: HouseholdContent = { ...d, gridId: grid.id, members: d.members.map(memberRecordOf) };
    const head = content.members.find((m) => m.relation === 'head') ?? content.members[0]!;
    const consent: ConsentEntity = {
      id: randomUUID(),
      status: 'active',
      subjectName: head.name,
      subjectIdEnc: this.cipher.encrypt(head.idNumber),
      subjectIdHash: this.cipher.hash(head.idNumber),
      purposes: JSON.stringify(['assistance_assessment', 'economic_check', 'dynamic_monitoring']),
      sensitiveData: true,
      textVersion: CONSENT_TEXT_VERSION,
      method: 'in_person_signature',
      guardianName: null,
      guardianIdEnc: null,
      guardianRelation: null,
      signatureEnc: null,
      recordedBy,
      recordedByRole: 'grid_worker',
      householdId: id,
      givenAt: now,
      withdrawnAt: null,
      withdrawalReason: null,
    };
    const household: HouseholdEntity = {
      id,
      status: 'active',
      version: 1,
      districtCode: grid.districtCode,
      streetCode: grid.streetCode,
      communityCode: grid.communityCode,
      gridId: grid.id,
      ...this.codec.columns(content, grid.communityCode),
      consentId: consent.id,
      createdBy: recordedBy,
      createdAt: now,
      updatedAt: now,
    };
    return { household, members: this.codec.encodeMembers(id, content.members), consent };
  }

  /** A demo database made before 三员分立 gets its security and audit administrators. */
  private async addMissingSystemAdmins(): Promise<void> {
    for (const role of ['security_admin', 'audit_admin'] as const) {
      if (await this.users.findByUsername(DEMO_USERNAMES[role])) continue;
      const u = this.user({
        role,
        username: DEMO_USERNAMES[role],
        displayName: `演示${ROLE_LABELS[role]}`,
        passwordHash: await bcrypt.hash(DEMO_PASSWORD, 10),
        totpSecretEnc: this.cipher.encrypt(DEMO_TOTP_SECRET),
        regionCode: this.config.districtCode,
      });
      await this.tx.run(async (m) => {
        await m.getRepository('app_user').insert(u);
      });
    }
  }

  private user(fields: Partial<UserEntity> & Pick<UserEntity, 'role' | 'displayName'>): UserEntity {
    return newUserEntity(fields, this.clock.iso());
  }
}

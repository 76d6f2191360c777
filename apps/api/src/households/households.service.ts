import { Injectable } from '@nestjs/common';
import { RISK_COLOUR_LABELS, UNSCORED_LABEL } from '@zczr/contract';
import { HOUSEHOLD_STATUS_LABELS, isStaffRole, maskIdNumber, maskName, seesSensitiveInFull, type HouseholdStatus, type SupporterInput } from '@zczr/domain';
import { validateIdNumber } from '@zczr/id-card';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, ErrorDetail } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { assertConsentCovers } from '../consents/consent-rules.js';
import { ConsentsRepository } from '../consents/consents.repository.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { runAutoChecks } from '../submissions/auto-checks.js';
import type { StatusChange } from '../submissions/submissions.repository.js';
import { SubmissionsRepository } from '../submissions/submissions.repository.js';
import type { SubmissionEntity } from '../submissions/submission.entity.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { HouseholdCodec } from './household-codec.js';
import { diffContent, type HouseholdContent, type MemberRecord } from './household-document.js';
import type {
  CreateHouseholdDto,
  HouseholdPageDto,
  HouseholdResponseDto,
  HouseholdSectionsDto,
  ListHouseholdsQuery,
  MemberDto,
  RevisionResponseDto,
  SupporterDto,
  UpdateHouseholdDto,
} from './household.dto.js';
import type { HouseholdEntity } from './household.entity.js';
import { toHouseholdResponse, toHouseholdSummary, toRevisionResponse } from './household.mapper.js';
import { HouseholdsRepository, type HouseholdCursor } from './households.repository.js';
import type { MemberEntity } from './member.entity.js';
import type { RevisionEntity, RevisionSource } from './revision.entity.js';

/** An opaque keyset cursor: base64url of [updatedAt, id] of the last row shown. */
export function encodeCursor(c: HouseholdCursor): string {
  return Buffer.from(JSON.stringify([c.updatedAt, c.id])).toString('base64url');
}

export function decodeCursor(raw: string): HouseholdCursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && v[0].length <= 40 && v[1].length <= 36) {
      return { updatedAt: v[0], id: v[1] };
    }
  } catch {
    /* answered below */
  }
  throw new AppError('VALIDATION_FAILED', 'cursor 须为上一页返回的 nextCursor');
}

/** Answer to a create or update: applied at once (staff) or queued for review (residents, grid workers). */
export interface HouseholdWriteResult {
  household: HouseholdResponseDto;
  submissionId: string | null;
  applied: boolean;
}

/** The database refused a member whose ID number is already on record (uq_member_id_hash). */
function isDuplicateMember(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : '';
  return /UNIQUE constraint failed: member\.idNumberHash|Duplicate entry .* for key 'uq_member_id_hash'/i.test(msg);
}

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly consents: ConsentsRepository,
    private readonly submissions: SubmissionsRepository,
    private readonly regions: RegionsRepository,
    private readonly users: UsersRepository,
    private readonly access: AccessService,
    private readonly cipher: FieldCipher,
    private readonly codec: HouseholdCodec,
    private readonly eligibility: EligibilityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: Transactor,
  ) {}

  // ---- use cases ------------------------------------------------------------------------------

  async create(auth: AuthContext, dto: CreateHouseholdDto): Promise<HouseholdWriteResult> {
    const consent = assertConsentCovers(await this.consents.findById(dto.consentId));
    if (consent.householdId) throw new AppError('CONSENT_ALREADY_USED');
    const grid = await this.placeInGrid(auth, dto.communityCode, dto.gridId);
    const content = this.toContent(dto, grid.id);
    const hashes = content.members.map((m) => this.cipher.hash(m.idNumber));
    if (!hashes.includes(consent.subjectIdHash)) {
      throw new AppError('CONSENT_REQUIRED', '授权人须为本户成员（或其监护人代为授权）');
    }
    if (auth.role === 'resident') {
      const me = await this.users.findById(auth.userId);
      if (!me?.idNumberHash) throw new AppError('IDENTITY_NOT_BOUND');
      if (!me.identityVerifiedAt) throw new AppError('IDENTITY_UNVERIFIED');
      if (!hashes.includes(me.idNumberHash)) throw new AppError('FORBIDDEN', '居民只能申报本人所在家庭');
      if (auth.householdId) {
        const existing = await this.households.findById(auth.householdId);
        if (existing && (existing.status === 'active' || existing.status === 'pending_review'))
          throw new AppError('DUPLICATE_MEMBER', '您已在一个家庭档案中登记，请修改原档案');
      }
    }
    const direct = isStaffRole(auth.role);
    const now = this.clock.iso();
    const id = randomUUID();
    const household: HouseholdEntity = {
      id,
      status: direct ? 'active' : 'pending_review',
      version: 1,
      districtCode: grid.districtCode,
      streetCode: grid.streetCode,
      communityCode: grid.communityCode,
      gridId: grid.id,
      ...this.codec.columns(content, grid.communityCode),
      consentId: consent.id,
      createdBy: auth.userId,
      createdAt: now,
      updatedAt: now,
    };
    const members = this.codec.encodeMembers(id, content.members);
    const submission = direct ? null : this.newSubmission(auth, household, 'create', 0, content, []);
    // The household's rows are one batch: on SQLite the write worker runs it, not the event loop.
    const written = await this.tx
      .batch(() => [
        this.consents.linkToHouseholdStatement(consent.id, id),
        ...this.households.insertStatements(household, members),
        submission
          ? this.submissions.insertStatement(submission)
          : this.households.revisionStatement(this.revision(id, 1, auth, 'staff', null, diffContent(null, content))),
      ])
      .catch(async (e: unknown) => {
        // A member already on record: the unique index on members' ID hashes refused the batch
        // (nothing was written); the look-up says which member, for the answer.
        if (isDuplicateMember(e)) await this.assertNoDuplicates(undefined, hashes, id);
        return this.rethrowDuplicate(e);
      });
    if (!written) throw new AppError('CONSENT_ALREADY_USED');
    if (auth.role === 'resident') await this.users.update(auth.userId, { householdId: id });
    if (direct) await this.eligibility.rematchQuietly(id);
    await this.audit.record(auth, {
      action: 'household.create',
      entityType: 'household',
      entityId: id,
      householdId: id,
      detail: { members: content.members.length, direct, submissionId: submission?.id ?? null },
    });
    const view = await this.viewOf(seesSensitiveInFull(auth.role), household, members, content, submission?.id ?? null);
    return { household: view, submissionId: submission?.id ?? null, applied: direct };
  }

  /**
   * One household. `masked`: the masked view whatever the role (the console's default: personal
   * data stays hidden until the reviewer asks for it with a reason, see `reveal`).
   */
  async get(auth: AuthContext, id: string, masked = false): Promise<HouseholdResponseDto> {
    const full = seesSensitiveInFull(auth.role) && !masked;
    return this.read(auth, id, full, { action: full ? 'household.read_sensitive_full' : 'household.read_sensitive_masked' });
  }

  /** The full view on request, with the reason written to the audit log (查看完整). Only roles that may see personal data in full. */
  async reveal(auth: AuthContext, id: string, reason: string): Promise<HouseholdResponseDto> {
    if (!seesSensitiveInFull(auth.role)) throw new AppError('FORBIDDEN', '您的角色不能查看完整个人信息');
    return this.read(auth, id, true, { action: 'household.reveal', detail: { reason } });
  }

  /** Reads one household in the caller's scope, full or masked, and writes the read to the audit log as `audit` says. */
  private async read(auth: AuthContext, id: string, full: boolean, audit: { action: string; detail?: Record<string, unknown> }): Promise<HouseholdResponseDto> {
    const h = this.access.require(auth, await this.households.findById(id).then((x) => x && { ...x, householdId: x.id }));
    if (h.status === 'withdrawn') {
      // Consent withdrawn: the file is erased or locked. A locked file is kept for the record, never shown.
      await this.audit.record(auth, { action: 'household.read_withdrawn', entityType: 'household', entityId: h.id, householdId: h.id });
      const sealed: HouseholdContent = {
        address: '（授权已撤回，个人信息已封存）',
        gridId: h.gridId,
        members: [],
        incomes: [],
        assets: [],
        expenses: [],
        hardships: [],
        benefits: [],
      };
      return { ...toHouseholdResponse(h, sealed, [], false, null, this.clock.now()), headName: maskName(h.headName) };
    }
    const members = await this.households.membersOf(h.id);
    const content = this.codec.decode(h, members);
    const pending = await this.submissions.findOpenForHousehold(h.id);
    await this.audit.record(auth, { ...audit, entityType: 'household', entityId: h.id, householdId: h.id });
    return this.viewOf(full, h, members, content, pending?.id ?? null);
  }

  async list(auth: AuthContext, q: ListHouseholdsQuery): Promise<HouseholdPageDto> {
    const scope = this.access.scopeOf(auth);
    let memberIdHash: string | undefined;
    if (q.idNumber) {
      const v = validateIdNumber(q.idNumber);
      memberIdHash = this.cipher.hash(v.valid ? v.idNumber : q.idNumber);
      await this.audit.record(auth, { action: 'household.search_by_id', entityType: 'household', detail: { idNumber: maskIdNumber(q.idNumber) } });
    }
    const { items, total, totalExact, nextCursor } = await this.households.search(
      scope,
      {
        name: q.name,
        address: q.address,
        streetCode: q.streetCode,
        communityCode: q.communityCode,
        gridId: q.gridId,
        status: q.status,
        memberIdHash,
        riskColour: q.colour,
        eligiblePolicy: q.category,
      },
      q.page,
      q.pageSize,
      q.cursor === undefined ? null : decodeCursor(q.cursor),
    );
    return {
      items: items.map((h) => toHouseholdSummary(h, h.riskColour)),
      total,
      totalExact,
      page: q.page,
      pageSize: q.pageSize,
      nextCursor: nextCursor ? encodeCursor(nextCursor) : null,
    };
  }

  /**
   * The list's rows for the current filter as a CSV (UTF-8 with BOM, for Excel), as the list shows
   * them, at most `EXPORT_LIMIT` rows; every export is audited with its filter and row count.
   */
  async exportCsv(auth: AuthContext, q: ListHouseholdsQuery): Promise<{ csv: string; rows: number; truncated: boolean }> {
    const regionNames = new Map((await this.regions.allRegions()).map((r) => [r.code, r.name]));
    const lines = [['户主', '住址', '街道', '社区', '网格', '人数', '风险', '状态', '更新时间'].map(csvField).join(',')];
    let cursor: string | undefined;
    let rows = 0;
    let truncated = false;
    for (;;) {
      const page = await this.list(auth, { ...q, page: 1, pageSize: 100, cursor });
      for (const h of page.items) {
        if (rows === EXPORT_LIMIT) {
          truncated = true;
          break;
        }
        lines.push(
          [
            h.headName,
            h.address,
            regionNames.get(h.streetCode) ?? h.streetCode,
            regionNames.get(h.communityCode) ?? h.communityCode,
            h.gridId,
            String(h.memberCount),
            h.riskColour ? RISK_COLOUR_LABELS[h.riskColour] : UNSCORED_LABEL,
            HOUSEHOLD_STATUS_LABELS[h.status as HouseholdStatus] ?? h.status,
            shanghaiTime(h.updatedAt),
          ]
            .map(csvField)
            .join(','),
        );
        rows++;
      }
      if (truncated || !page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const { page: _p, pageSize: _s, cursor: _c, idNumber, ...filter } = q;
    await this.audit.record(auth, {
      action: 'household.export',
      entityType: 'household',
      detail: { ...filter, ...(idNumber ? { idNumber: maskIdNumber(idNumber) } : {}), rows, truncated },
    });
    return { csv: '\uFEFF' + lines.join('\r\n') + '\r\n', rows, truncated };
  }

  async update(auth: AuthContext, id: string, dto: UpdateHouseholdDto): Promise<HouseholdWriteResult> {
    const h = this.access.require(auth, await this.households.findById(id).then((x) => x && { ...x, householdId: x.id }));
    if (h.status === 'withdrawn') throw new AppError('CONSENT_WITHDRAWN', '该档案已停止处理');
    if (h.status === 'rejected') throw new AppError('HOUSEHOLD_REJECTED');
    assertConsentCovers(await this.consents.findById(h.consentId));
    if (h.version !== dto.version) throw new AppError('VERSION_CONFLICT');
    const members = await this.households.membersOf(h.id);
    const before = this.codec.decode(h, members);
    let gridId = before.gridId;
    if (dto.gridId && dto.gridId !== before.gridId) {
      if (!isStaffRole(auth.role)) throw new AppError('FORBIDDEN', '调整网格须由工作人员办理');
      gridId = (await this.placeInGrid(auth, h.communityCode, dto.gridId)).id;
    }
    const after = this.merge(before, dto, gridId);
    if (isStaffRole(auth.role)) {
      const version = await this.tx.run((m) => this.applyContent(m, h, after, auth, 'staff', null));
      await this.eligibility.rematchQuietly(h.id);
      await this.audit.record(auth, {
        action: 'household.update',
        entityType: 'household',
        entityId: h.id,
        householdId: h.id,
        detail: { version, fields: diffContent(before, after).length },
      });
      return { household: await this.get(auth, h.id), submissionId: null, applied: true };
    }
    const hashes = after.members.map((m) => this.cipher.hash(m.idNumber));
    const dupes = await this.households.findMembersByIdHashes(hashes, h.id);
    const dupePositions = dupes.map((d) => hashes.indexOf(d.idNumberHash ?? '')).filter((i) => i >= 0);
    const submission = this.newSubmission(auth, h, 'update', h.version, after, dupePositions);
    await this.tx.run((m) => this.submissions.insert(m, submission));
    await this.audit.record(auth, {
      action: 'submission.create',
      entityType: 'submission',
      entityId: submission.id,
      householdId: h.id,
      detail: { kind: 'update', baseVersion: h.version },
    });
    return { household: await this.viewOf(seesSensitiveInFull(auth.role), h, members, before, submission.id), submissionId: submission.id, applied: false };
  }

  async revisions(auth: AuthContext, id: string): Promise<RevisionResponseDto[]> {
    const h = this.access.require(auth, await this.households.findById(id).then((x) => x && { ...x, householdId: x.id }));
    const rows = await this.households.revisionsOf(h.id);
    const full = seesSensitiveInFull(auth.role);
    await this.audit.record(auth, { action: 'household.read_revisions', entityType: 'household', entityId: h.id, householdId: h.id });
    return rows.map((r) => toRevisionResponse(r, this.cipher.decryptJson(r.diffEnc), full));
  }

  // ---- shared with submissions ----------------------------------------------------------------

  /**
   * Applies new content to a household inside a transaction: duplicate check, optimistic version
   * check, members replaced, revision written. Returns the new version.
   */
  async applyContent(
    m: EntityManager,
    h: HouseholdEntity,
    content: HouseholdContent,
    actor: AuthContext,
    source: RevisionSource,
    submissionId: string | null,
    activate = false,
  ): Promise<number> {
    const stored = await this.households.membersOf(h.id, m);
    const before = this.codec.decode(h, stored);
    const hashes = content.members.map((x) => this.cipher.hash(x.idNumber));
    await this.assertNoDuplicates(m, hashes, h.id);
    const grid = content.gridId === h.gridId ? null : await this.regions.findGrid(content.gridId);
    const ok = await this.households.updateIfVersion(m, h.id, h.version, {
      ...this.codec.columns(content, grid ? grid.communityCode : h.communityCode),
      updatedAt: this.clock.iso(),
      ...(grid ? { gridId: grid.id, communityCode: grid.communityCode, streetCode: grid.streetCode } : {}),
      ...(activate ? { status: 'active' as const } : {}),
    });
    if (!ok) throw new AppError('VERSION_CONFLICT');
    if (grid) await this.households.rePlace(m, h.id, grid);
    await this.households.replaceMembers(m, h.id, this.codec.encodeMembers(h.id, content.members)).catch((e: unknown) => this.rethrowDuplicate(e));
    const version = h.version + 1;
    await this.households.addRevision(
      m,
      this.revision(h.id, version, actor, source, submissionId, activate ? diffContent(null, content) : diffContent(before, content)),
    );
    return version;
  }

  // ---- internals ------------------------------------------------------------------------------

  private async placeInGrid(auth: AuthContext, communityCode: string, gridId?: string) {
    const community = await this.regions.findRegion(communityCode);
    if (!community || community.level !== 'community') throw new AppError('UNKNOWN_REGION');
    let grid = gridId ? await this.regions.findGrid(gridId) : null;
    if (gridId && (!grid || grid.communityCode !== communityCode)) throw new AppError('UNKNOWN_GRID');
    if (!grid) {
      const grids = await this.regions.gridsOfCommunity(communityCode);
      grid = (auth.role === 'grid_worker' ? grids.find((g) => auth.gridIds.includes(g.id)) : grids[0]) ?? null;
      if (!grid) throw new AppError('UNKNOWN_GRID');
    }
    this.access.requireWithin(auth, { gridId: grid.id, streetCode: grid.streetCode, districtCode: grid.districtCode });
    return grid;
  }

  private toContent(dto: CreateHouseholdDto, gridId: string): HouseholdContent {
    return {
      address: dto.address,
      gridId,
      members: this.toMembers(dto.members),
      incomes: dto.incomes ?? [],
      assets: dto.assets ?? [],
      expenses: dto.expenses ?? [],
      hardships: dto.hardships ?? [],
      benefits: dto.benefits ?? [],
      ...(dto.supporters ? { supporters: this.toSupporters(dto.supporters) } : {}),
    };
  }

  /** Supporters as stored: unknown birth date and income are null, never missing. */
  private toSupporters(input: SupporterDto[]): SupporterInput[] {
    const today = this.clock.today();
    const errors: ErrorDetail[] = [];
    const out = input.map((s, i): SupporterInput => {
      if (s.birthDate && s.birthDate > today) errors.push({ field: `supporters[${i}].birthDate`, message: '出生日期不能晚于今天' });
      const x: SupporterInput = {
        name: s.name.trim(),
        relation: s.relation,
        birthDate: s.birthDate ?? null,
        coResident: s.coResident,
        monthlyIncome: s.monthlyIncome ?? null,
        conditions: [...s.conditions],
      };
      if (s.note) x.note = s.note;
      return x;
    });
    if (errors.length) throw new AppError('VALIDATION_FAILED', undefined, errors);
    return out;
  }

  private merge(before: HouseholdContent, dto: UpdateHouseholdDto, gridId: string): HouseholdContent {
    const sections: (keyof HouseholdSectionsDto)[] = ['incomes', 'assets', 'expenses', 'hardships', 'benefits'];
    const next: HouseholdContent = {
      ...before,
      gridId,
      address: dto.address ?? before.address,
      members: dto.members ? this.toMembers(dto.members) : before.members,
    };
    for (const s of sections) if (dto[s]) (next as unknown as Record<string, unknown>)[s] = dto[s];
    if (dto.supporters) next.supporters = this.toSupporters(dto.supporters);
    return next;
  }

  /** Normalises members: sex and birth date come from the ID number and must agree with any given. */
  private toMembers(input: MemberDto[]): MemberRecord[] {
    const errors: ErrorDetail[] = [];
    const seen = new Set<string>();
    const members = input.map((d, i): MemberRecord => {
      const v = validateIdNumber(d.idNumber);
      if (!v.valid) {
        errors.push({ field: `members[${i}].idNumber`, message: v.message });
        return null as unknown as MemberRecord;
      }
      if (seen.has(v.idNumber)) errors.push({ field: `members[${i}].idNumber`, message: '同一身份证号重复登记' });
      seen.add(v.idNumber);
      if (d.sex && d.sex !== v.sex) errors.push({ field: `members[${i}].sex`, message: '性别与身份证号不一致' });
      if (d.birthDate && d.birthDate !== v.birthDate) errors.push({ field: `members[${i}].birthDate`, message: '出生日期与身份证号不一致' });
      return {
        relation: d.relation,
        name: d.name,
        idNumber: v.idNumber,
        sex: v.sex,
        birthDate: v.birthDate,
        ethnicity: d.ethnicity ?? null,
        phone: d.phone ?? null,
        education: d.education ?? null,
        employment: d.employment ?? null,
        labourCapacity: d.labourCapacity ?? null,
        health: d.health ? { ...d.health } : null,
        disability: d.disability ? { ...d.disability } : null,
        selfCare: d.selfCare ? { ...d.selfCare } : null,
        coResident: d.coResident,
      };
    });
    const heads = input.filter((d) => d.relation === 'head').length;
    if (heads !== 1) errors.push({ field: 'members', message: '须且只能登记一名户主' });
    if (errors.length) throw new AppError('VALIDATION_FAILED', undefined, errors);
    return members;
  }

  private async assertNoDuplicates(m: EntityManager | undefined, hashes: string[], householdId: string): Promise<void> {
    const dupes = await this.households.findMembersByIdHashes(hashes, householdId, m);
    if (dupes.length) {
      throw new AppError(
        'DUPLICATE_MEMBER',
        undefined,
        dupes.map((d) => ({ field: `members[${hashes.indexOf(d.idNumberHash ?? '')}].idNumber`, message: '该成员已在其他家庭档案中登记' })),
      );
    }
  }

  /** A unique-index refusal (a member on record, or two submissions of the same person at once) is a clean 409. */
  private rethrowDuplicate(e: unknown): never {
    if (e instanceof AppError) throw e;
    if (isDuplicateMember(e)) throw new AppError('DUPLICATE_MEMBER');
    throw e;
  }

  private revision(
    householdId: string,
    version: number,
    actor: AuthContext,
    source: RevisionSource,
    submissionId: string | null,
    changes: ReturnType<typeof diffContent>,
  ): Omit<RevisionEntity, 'id'> {
    return {
      householdId,
      version,
      actorId: actor.userId,
      actorRole: actor.role,
      source,
      submissionId,
      diffEnc: this.cipher.encryptJson(changes),
      createdAt: this.clock.iso(),
    };
  }

  private newSubmission(
    auth: AuthContext,
    h: HouseholdEntity,
    kind: 'create' | 'update',
    baseVersion: number,
    content: HouseholdContent,
    dupes: number[],
  ): SubmissionEntity {
    const now = this.clock.iso();
    const history: StatusChange[] = [
      { status: 'submitted', at: now, by: auth.userId },
      { status: 'auto_checked', at: now, by: 'system' },
      { status: 'in_review', at: now, by: 'system' },
    ];
    return {
      id: randomUUID(),
      kind,
      status: 'in_review',
      householdId: h.id,
      baseVersion,
      districtCode: h.districtCode,
      streetCode: h.streetCode,
      gridId: h.gridId,
      payloadEnc: this.cipher.encryptJson(content),
      checks: JSON.stringify(runAutoChecks(content, dupes, this.clock.today())),
      history: JSON.stringify(history),
      submittedBy: auth.userId,
      submittedByRole: auth.role,
      reviewedBy: null,
      reviewReason: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  private async viewOf(
    full: boolean,
    h: HouseholdEntity,
    members: MemberEntity[],
    content: HouseholdContent,
    pending: string | null,
  ): Promise<HouseholdResponseDto> {
    return toHouseholdResponse(
      h,
      content,
      members.map((x) => x.id),
      full,
      pending,
      this.clock.now(),
    );
  }
}

/** Most rows one household export holds; a larger district is exported street by street. */
export const EXPORT_LIMIT = 5000;

function csvField(s: string): string {
  // Quote, and defuse spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** "2026-12-03 20:15" in China time (the console shows times so). */
function shanghaiTime(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

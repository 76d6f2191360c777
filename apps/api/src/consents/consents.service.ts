import { Inject, Injectable } from '@nestjs/common';
import { maskIdNumber, RELATION_LABELS, SUPPORTER_RELATION_LABELS, type ConsentPurpose } from '@zczr/domain';
import { ECONOMIC_CHECK_STATUS_LABELS, type EconomicCheckStatus } from '@zczr/contract';
import { ageOn, validateIdNumber } from '@zczr/id-card';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { Transactor } from '../database/transactor.js';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { SubmissionsRepository } from '../submissions/submissions.repository.js';
import type { MemberEntity } from '../households/member.entity.js';
import type { ConsentEntity, ConsentSignerEntity } from './consent.entity.js';
import {
  CONSENT_TEXT_VERSION,
  ConsentRecordDto,
  ConsentResponseDto,
  ConsentSignerDto,
  ConsentSignerResponseDto,
  CreateConsentDto,
  EconomicCheckAuthorisationDto,
  WithdrawConsentDto,
} from './consent.dto.js';
import { ConsentsRepository } from './consents.repository.js';

function toSignerResponse(x: ConsentSignerEntity, idNumber: string): ConsentSignerResponseDto {
  return {
    name: x.name,
    relation: x.relation,
    relationLabel: SUPPORTER_RELATION_LABELS[x.relation] ?? x.relation,
    idNumber: maskIdNumber(idNumber),
    hasSignature: x.signatureEnc !== null,
    signedAt: x.signedAt,
  };
}

/**
 * 经济状况核对授权: it counts only when every co-resident adult member of the household has signed — the person
 * who consented (or their guardian) or a co-signer, matched by the keyed hash of the ID number.
 * Until the household is on file its adults are unknown. A missing signature leaves the consent
 * valid for everything else; only the economic check is incomplete, with who is missing.
 */
export function economicCheckOf(
  c: ConsentEntity,
  signers: ConsentSignerEntity[],
  signedHashes: Set<string>,
  members: MemberEntity[] | null,
  today: Date,
): EconomicCheckAuthorisationDto {
  const signed = 1 + signers.length;
  const result = (status: EconomicCheckStatus, adults: number | null, missing: EconomicCheckAuthorisationDto['missing']) => ({
    status,
    statusLabel: ECONOMIC_CHECK_STATUS_LABELS[status],
    adults,
    signed,
    missing,
  });
  if (!(JSON.parse(c.purposes) as ConsentPurpose[]).includes('economic_check')) return result('not_requested', null, []);
  if (!members) return result('awaiting_household', null, []);
  const adults = members.filter((x) => Boolean(x.coResident) && ageOn(x.birthDate, today) >= 18);
  const missing = adults
    .filter((x) => !x.idNumberHash || !signedHashes.has(x.idNumberHash))
    .map((x) => ({ name: x.name, relation: x.relation, relationLabel: RELATION_LABELS[x.relation] ?? x.relation, age: ageOn(x.birthDate, today) }));
  return result(missing.length ? 'incomplete' : 'complete', adults.length, missing);
}

export function toConsentResponse(
  c: ConsentEntity,
  subjectId: string,
  signers: Array<{ entity: ConsentSignerEntity; idNumber: string }> = [],
  economicCheck?: EconomicCheckAuthorisationDto,
): ConsentResponseDto {
  return {
    id: c.id,
    status: c.status,
    subjectName: c.subjectName,
    subjectIdNumber: maskIdNumber(subjectId),
    purposes: JSON.parse(c.purposes) as ConsentPurpose[],
    sensitiveData: c.sensitiveData,
    textVersion: c.textVersion,
    method: c.method,
    hasSignature: c.signatureEnc !== null,
    guardianName: c.guardianName,
    householdId: c.householdId,
    givenAt: c.givenAt,
    withdrawnAt: c.withdrawnAt,
    signers: signers.map((x) => toSignerResponse(x.entity, x.idNumber)),
    economicCheck: economicCheck ?? economicCheckOf(c, [], new Set(), null, new Date()),
  };
}

@Injectable()
export class ConsentsService {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly households: HouseholdsRepository,
    private readonly eligibility: EligibilityService,
    private readonly submissions: SubmissionsRepository,
    private readonly attachments: AttachmentsService,
    private readonly users: UsersRepository,
    private readonly access: AccessService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: Transactor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(auth: AuthContext, dto: CreateConsentDto): Promise<ConsentResponseDto> {
    const subject = validateIdNumber(dto.subjectIdNumber);
    if (!subject.valid) throw new AppError('INVALID_ID_NUMBER', subject.message);
    if (dto.textVersion !== CONSENT_TEXT_VERSION)
      throw new AppError('VALIDATION_FAILED', `授权书版本已更新，请阅读最新版本（${CONSENT_TEXT_VERSION}）后再同意`);
    const today = this.clock.now();
    let guardianId: string | null = null;
    if (ageOn(subject.birthDate, today) < 14) {
      if (!dto.guardianName || !dto.guardianIdNumber || !dto.guardianRelation) throw new AppError('CONSENT_GUARDIAN_REQUIRED');
      const g = validateIdNumber(dto.guardianIdNumber);
      if (!g.valid) throw new AppError('INVALID_ID_NUMBER', `监护人${g.message}`);
      if (ageOn(g.birthDate, today) < 18) throw new AppError('CONSENT_GUARDIAN_REQUIRED', '监护人须年满 18 周岁');
      guardianId = g.idNumber;
    }
    if (dto.method === 'in_person_signature' && !dto.signatureImage) throw new AppError('VALIDATION_FAILED', '当面授权须有本人（或监护人）手写签名');
    const signerIds = this.checkSigners(dto, [subject.idNumber, ...(guardianId ? [guardianId] : [])], today);
    if (auth.role === 'resident') {
      if (dto.method !== 'self_online') throw new AppError('FORBIDDEN', '居民只能本人在线授权');
      const me = await this.users.findById(auth.userId);
      if (!me?.idNumberHash) throw new AppError('IDENTITY_NOT_BOUND');
      if (!me.identityVerifiedAt) throw new AppError('IDENTITY_UNVERIFIED');
      const signer = guardianId ?? subject.idNumber;
      if (this.cipher.hash(signer) !== me.idNumberHash) throw new AppError('FORBIDDEN', '只能以本人（或作为未成年子女的监护人）身份授权');
    }
    const consent: ConsentEntity = {
      id: randomUUID(),
      status: 'active',
      subjectName: dto.subjectName,
      subjectIdEnc: this.cipher.encrypt(subject.idNumber),
      subjectIdHash: this.cipher.hash(subject.idNumber),
      purposes: JSON.stringify(dto.purposes),
      sensitiveData: dto.sensitiveData,
      textVersion: dto.textVersion,
      method: dto.method,
      guardianName: guardianId ? (dto.guardianName ?? null) : null,
      guardianIdEnc: guardianId ? this.cipher.encrypt(guardianId) : null,
      guardianRelation: guardianId ? (dto.guardianRelation ?? null) : null,
      signatureEnc: dto.signatureImage ? this.cipher.encrypt(dto.signatureImage) : null,
      recordedBy: auth.userId,
      recordedByRole: auth.role,
      householdId: null,
      givenAt: this.clock.iso(),
      withdrawnAt: null,
      withdrawalReason: null,
    };
    const signers: ConsentSignerEntity[] = signerIds.map(({ input, idNumber }, position) => ({
      id: randomUUID(),
      consentId: consent.id,
      position,
      name: input.name,
      relation: input.relation,
      idNumberEnc: this.cipher.encrypt(idNumber),
      idNumberHash: this.cipher.hash(idNumber),
      signatureEnc: this.cipher.encrypt(input.signatureImage),
      signedAt: consent.givenAt,
    }));
    await this.consents.insert(consent, signers);
    await this.audit.record(auth, {
      action: 'consent.give',
      entityType: 'consent',
      entityId: consent.id,
      detail: {
        subject: maskIdNumber(subject.idNumber),
        purposes: dto.purposes,
        sensitiveData: dto.sensitiveData,
        method: dto.method,
        ...(signers.length ? { signers: signerIds.map((x) => maskIdNumber(x.idNumber)) } : {}),
      },
    });
    return this.respond(consent, subject.idNumber);
  }

  /** Co-signers: valid ID numbers of adults, each person once (and not the subject or guardian again). Returns their normalised ID numbers. */
  private checkSigners(dto: CreateConsentDto, already: string[], today: Date): Array<{ input: ConsentSignerDto; idNumber: string }> {
    const seen = new Set(already);
    return (dto.signers ?? []).map((x) => {
      const v = validateIdNumber(x.idNumber);
      if (!v.valid) throw new AppError('INVALID_ID_NUMBER', `签字人${x.name}：${v.message}`);
      if (ageOn(v.birthDate, today) < 18) throw new AppError('CONSENT_SIGNER_MINOR', `${x.name}未满 18 周岁，不能作为共同签字人`);
      if (seen.has(v.idNumber)) throw new AppError('CONSENT_SIGNER_DUPLICATE', `${x.name}已签字，同一人只需签一次`);
      seen.add(v.idNumber);
      return { input: x, idNumber: v.idNumber };
    });
  }

  /** The consent as its reader sees it: co-signers masked, and whether the economic check is fully authorised. */
  private async respond(c: ConsentEntity, subjectId: string): Promise<ConsentResponseDto> {
    const { signers, check } = await this.signersAndCheck(c);
    return toConsentResponse(
      c,
      subjectId,
      signers.map((entity) => ({ entity, idNumber: this.cipher.decrypt(entity.idNumberEnc) })),
      check,
    );
  }

  private async signersAndCheck(c: ConsentEntity): Promise<{ signers: ConsentSignerEntity[]; check: EconomicCheckAuthorisationDto }> {
    const signers = await this.consents.signersOf(c.id);
    const hashes = new Set([c.subjectIdHash, ...signers.map((x) => x.idNumberHash)]);
    const guardian = this.cipher.decryptNullable(c.guardianIdEnc);
    if (guardian) hashes.add(this.cipher.hash(guardian));
    const members = c.householdId ? await this.households.membersOf(c.householdId) : null;
    return { signers, check: economicCheckOf(c, signers, hashes, members, this.clock.now()) };
  }

  /**
   * What a reviewer checks before approving a collected household: the consent behind it, with the
   * signature image and who recorded it (by name). Reviewers in scope only; the read is audited.
   */
  async recordOfHousehold(auth: AuthContext, householdId: string): Promise<ConsentRecordDto> {
    const h = await this.households.findById(householdId);
    if (!h || !this.access.canSee(auth, { householdId: h.id, districtCode: h.districtCode, streetCode: h.streetCode, gridId: h.gridId })) throw notFound();
    const c = await this.consents.findById(h.consentId);
    if (!c) throw notFound();
    const recorder = await this.users.findById(c.recordedBy);
    const { signers, check } = await this.signersAndCheck(c);
    await this.audit.record(auth, { action: 'consent.read_record', entityType: 'consent', entityId: c.id, householdId: h.id });
    const view = toConsentResponse(
      c,
      this.cipher.decrypt(c.subjectIdEnc),
      signers.map((entity) => ({ entity, idNumber: this.cipher.decrypt(entity.idNumberEnc) })),
      check,
    );
    return {
      ...view,
      recordedByName: recorder?.displayName ?? null,
      recordedByRole: c.recordedByRole,
      signatureImage: c.signatureEnc ? this.cipher.decrypt(c.signatureEnc) : null,
      signers: view.signers.map((x, i) => ({ ...x, signatureImage: this.cipher.decryptNullable(signers[i]?.signatureEnc ?? null) })),
    };
  }

  async get(auth: AuthContext, id: string): Promise<ConsentResponseDto> {
    const c = await this.visible(auth, id);
    await this.audit.record(auth, { action: 'consent.read', entityType: 'consent', entityId: c.id, householdId: c.householdId });
    return this.respond(c, this.cipher.decrypt(c.subjectIdEnc));
  }

  /**
   * Withdrawal stops all processing: the household leaves matching and monitoring, pending
   * submissions are closed, and personal data is erased or locked as WITHDRAWAL_RETENTION says.
   * The audit trail stays.
   */
  async withdraw(auth: AuthContext, id: string, dto: WithdrawConsentDto): Promise<ConsentResponseDto> {
    const c = await this.visible(auth, id);
    // Only the person who consented (or their guardian) withdraws; staff in scope only with a reason on record.
    if (auth.role !== 'resident' && !dto.reason?.trim()) throw new AppError('REASON_REQUIRED', '代为撤回授权须填写原因（如“本人当面提出撤回”）');
    if (c.status === 'withdrawn') throw new AppError('CONSENT_WITHDRAWN');
    const at = this.clock.iso();
    const erase = this.config.withdrawalRetention === 'erase';
    await this.tx.run(async (m) => {
      await this.consents.markWithdrawn(m, c.id, at, dto.reason ?? null);
      if (!c.householdId) return;
      const h = await this.households.findById(c.householdId);
      if (!h || h.status === 'withdrawn') return;
      await this.households.updateIfVersion(m, h.id, h.version, {
        status: 'withdrawn',
        updatedAt: at,
        ...(erase
          ? {
              economics: JSON.stringify({ incomes: [], assets: [], expenses: [], hardships: [], benefits: [] }),
              financialEnc: null,
              snapshotEnc: null,
              address: '（已删除）',
              headName: '（已删除）',
            }
          : {}),
      });
      // The person may be registered again later with a new consent.
      await this.households.updateMembers(
        m,
        h.id,
        erase
          ? { idNumberHash: null, idNumberEnc: null, phoneEnc: null, healthEnc: null, disabilityEnc: null, selfCareEnc: null, name: '（已删除）' }
          : { idNumberHash: null },
      );
      await this.submissions.closeOpenForHousehold(m, h.id, at, '授权已撤回，停止处理');
    });
    if (c.householdId) await this.eligibility.rematchQuietly(c.householdId);
    // Photos of papers go with the rest of the personal data (after the commit: a store is not transactional).
    const erased = erase && c.householdId ? await this.attachments.eraseForHousehold(c.householdId) : null;
    await this.audit.record(auth, {
      action: 'consent.withdraw',
      entityType: 'consent',
      entityId: c.id,
      householdId: c.householdId,
      detail: { retention: this.config.withdrawalRetention, ...(erased ? { attachmentsErased: erased.records, objectsDeleted: erased.objects } : {}) },
    });
    const updated = await this.consents.findById(c.id);
    return this.respond(updated!, this.cipher.decrypt(c.subjectIdEnc));
  }

  /**
   * Who sees a consent: the person who consented (or their guardian); the recorder only while it is
   * not yet attached to a household; otherwise staff in scope of the household's current placement.
   * Recording a consent grants nothing after the fact.
   */
  private async visible(auth: AuthContext, id: string): Promise<ConsentEntity> {
    const c = await this.consents.findById(id);
    if (!c) throw notFound();
    if (auth.role === 'resident') {
      if (await this.isSubjectOrGuardian(auth, c)) return c;
      throw notFound();
    }
    if (!c.householdId) {
      if (c.recordedBy === auth.userId) return c;
      throw notFound();
    }
    const h = await this.households.findById(c.householdId);
    this.access.require(auth, h && { householdId: h.id, districtCode: h.districtCode, streetCode: h.streetCode, gridId: h.gridId });
    return c;
  }

  /** Whether the signed-in resident is, by their proven identity, the person who consented or their guardian. */
  private async isSubjectOrGuardian(auth: AuthContext, c: ConsentEntity): Promise<boolean> {
    const me = await this.users.findById(auth.userId);
    if (!me?.idNumberHash || !me.identityVerifiedAt) return false;
    if (me.idNumberHash === c.subjectIdHash) return true;
    const guardian = this.cipher.decryptNullable(c.guardianIdEnc);
    return guardian !== null && this.cipher.hash(guardian) === me.idNumberHash;
  }
}

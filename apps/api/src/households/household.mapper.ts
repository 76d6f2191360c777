import { maskBankAccount, maskIdNumber, maskName, maskPhone, selfCareLevel, type SupporterInput } from '@zczr/domain';
import { ageOn } from '@zczr/id-card';
import type { FieldChange, HouseholdContent, MemberRecord } from './household-document.js';
import { isSensitivePath } from './household-document.js';
import type { FieldChangeDto, HouseholdResponseDto, HouseholdSummaryDto, MemberResponseDto, RevisionResponseDto } from './household.dto.js';
import type { HouseholdEntity } from './household.entity.js';
import type { RevisionEntity } from './revision.entity.js';

const MASKED = '***';

function toMemberResponse(m: MemberRecord, id: string, full: boolean, today: Date): MemberResponseDto {
  return {
    id,
    relation: m.relation,
    name: m.name,
    idNumber: full ? m.idNumber : maskIdNumber(m.idNumber),
    sex: m.sex,
    birthDate: m.birthDate,
    age: ageOn(m.birthDate, today),
    ethnicity: m.ethnicity,
    phone: m.phone === null ? null : full ? m.phone : maskPhone(m.phone),
    education: m.education,
    employment: m.employment,
    labourCapacity: m.labourCapacity,
    // Health and disability are shown to those whose work needs them; the flags stay visible, details do not.
    health: m.health && (full ? m.health : { chronicIllness: m.health.chronicIllness, seriousIllness: m.health.seriousIllness }),
    disability: m.disability && (full ? m.disability : { category: m.disability.category, grade: m.disability.grade }),
    selfCare: m.selfCare,
    selfCareLevel: m.selfCare ? selfCareLevel(m.selfCare) : null,
    coResident: m.coResident,
  };
}

/** A supporter as shown: in full for roles that need it, otherwise a masked name and no income or note. */
function toSupporterResponse(s: SupporterInput, full: boolean): SupporterInput {
  if (full) return { ...s, conditions: [...s.conditions] };
  return { name: maskName(s.name), relation: s.relation, birthDate: s.birthDate, coResident: s.coResident, monthlyIncome: null, conditions: [...s.conditions] };
}

export function toHouseholdResponse(
  h: HouseholdEntity,
  content: HouseholdContent,
  memberIds: string[],
  full: boolean,
  pendingSubmissionId: string | null,
  today: Date,
): HouseholdResponseDto {
  return {
    id: h.id,
    status: h.status,
    version: h.version,
    districtCode: h.districtCode,
    streetCode: h.streetCode,
    communityCode: h.communityCode,
    gridId: h.gridId,
    address: content.address,
    headName: h.headName,
    consentId: h.consentId,
    members: content.members.map((m, i) => toMemberResponse(m, memberIds[i] ?? '', full, today)),
    incomes: content.incomes,
    assets: content.assets.map((a) => (a.bankAccount && !full ? { ...a, bankAccount: maskBankAccount(a.bankAccount) } : a)),
    expenses: content.expenses,
    hardships: content.hardships,
    benefits: content.benefits,
    supporters: content.supporters ? content.supporters.map((s) => toSupporterResponse(s, full)) : null,
    masked: !full,
    pendingSubmissionId,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}

export function toHouseholdSummary(
  h: Pick<HouseholdEntity, 'id' | 'status' | 'version' | 'streetCode' | 'communityCode' | 'gridId' | 'address' | 'headName' | 'memberCount' | 'updatedAt'>,
  riskColour: string | null = null,
): HouseholdSummaryDto {
  return {
    id: h.id,
    status: h.status,
    version: h.version,
    streetCode: h.streetCode,
    communityCode: h.communityCode,
    gridId: h.gridId,
    address: h.address,
    headName: h.headName,
    memberCount: h.memberCount,
    riskColour: riskColour as HouseholdSummaryDto['riskColour'],
    updatedAt: h.updatedAt,
  };
}

function maskValue(path: string, v: unknown): unknown {
  if (v === null || v === undefined) return v ?? null;
  if (typeof v !== 'string') return MASKED;
  if (path.endsWith('.idNumber') || path.endsWith('.certificateNumber')) return maskIdNumber(v);
  if (path.endsWith('.phone')) return maskPhone(v);
  if (path.endsWith('.bankAccount')) return maskBankAccount(v);
  return MASKED;
}

export function toFieldChanges(changes: FieldChange[], full: boolean): FieldChangeDto[] {
  if (full) return changes;
  return changes.map((c) => (isSensitivePath(c.path) ? { path: c.path, before: maskValue(c.path, c.before), after: maskValue(c.path, c.after) } : c));
}

export function toRevisionResponse(r: RevisionEntity, changes: FieldChange[], full: boolean): RevisionResponseDto {
  return {
    id: r.id,
    version: r.version,
    actorId: r.actorId,
    actorRole: r.actorRole,
    source: r.source,
    submissionId: r.submissionId,
    changes: toFieldChanges(changes, full),
    createdAt: r.createdAt,
  };
}

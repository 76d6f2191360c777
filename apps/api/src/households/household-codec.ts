import { Injectable } from '@nestjs/common';
import type { MemberInput, SupporterInput } from '@zczr/domain';
import type { HouseholdSnapshot } from '@zczr/eligibility';
import { validateIdNumber } from '@zczr/id-card';
import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../crypto/field-cipher.js';
import type { HouseholdContent, MemberRecord } from './household-document.js';
import type { HouseholdEntity } from './household.entity.js';
import type { MemberEntity } from './member.entity.js';

interface Economics {
  incomes: HouseholdContent['incomes'];
  assets: HouseholdContent['assets'];
  expenses: HouseholdContent['expenses'];
  hardships: HouseholdContent['hardships'];
  benefits: HouseholdContent['benefits'];
}

/** Household columns that follow from the content. */
export type ContentColumns = Pick<HouseholdEntity, 'address' | 'headName' | 'memberCount' | 'economics' | 'financialEnc' | 'supportersEnc' | 'snapshotEnc'>;

/**
 * Turns household content into rows and back: the one place that knows which fields are
 * encrypted (ID numbers, phones, health, disability, self-care, bank accounts).
 */
@Injectable()
export class HouseholdCodec {
  constructor(private readonly cipher: FieldCipher) {}

  /** What the matcher reads: no names, no ID numbers, no phones or accounts. */
  snapshotOf(c: HouseholdContent, regionCode: string): HouseholdSnapshot {
    const snapshot: HouseholdSnapshot = {
      regionCode,
      members: c.members.map((m) => ({
        relation: m.relation,
        sex: m.sex,
        birthDate: m.birthDate,
        education: m.education,
        employment: m.employment,
        labourCapacity: m.labourCapacity,
        health: m.health,
        disability: m.disability,
        selfCare: m.selfCare,
        coResident: m.coResident,
      })),
      incomes: c.incomes,
      assets: c.assets.map(({ bankAccount: _omit, ...rest }) => rest),
      expenses: c.expenses,
      hardships: c.hardships,
      benefits: c.benefits,
    };
    if (c.supporters) {
      snapshot.supporters = c.supporters.map((s) => ({
        relation: s.relation,
        birthDate: s.birthDate,
        coResident: s.coResident,
        monthlyIncome: s.monthlyIncome,
        conditions: [...s.conditions],
      }));
    }
    return snapshot;
  }

  /** The household columns that follow from the content; `regionCode` is its community. */
  columns(c: HouseholdContent, regionCode: string): ContentColumns {
    const accounts: Record<number, string> = {};
    c.assets.forEach((a, i) => {
      if (a.bankAccount) accounts[i] = a.bankAccount;
    });
    const economics: Economics = {
      incomes: c.incomes,
      assets: c.assets.map(({ bankAccount: _omit, ...rest }) => rest),
      expenses: c.expenses,
      hardships: c.hardships,
      benefits: c.benefits,
    };
    return {
      address: c.address,
      headName: c.members.find((x) => x.relation === 'head')?.name ?? c.members[0]?.name ?? '',
      memberCount: c.members.length,
      economics: JSON.stringify(economics),
      financialEnc: Object.keys(accounts).length ? this.cipher.encryptJson(accounts) : null,
      supportersEnc: c.supporters ? this.cipher.encryptJson(c.supporters) : null,
      snapshotEnc: this.cipher.encryptJson(this.snapshotOf(c, regionCode)),
    };
  }

  encodeMembers(householdId: string, members: MemberRecord[]): MemberEntity[] {
    return members.map((x, position) => ({
      id: randomUUID(),
      householdId,
      position,
      relation: x.relation,
      name: x.name,
      idNumberEnc: this.cipher.encrypt(x.idNumber),
      idNumberHash: this.cipher.hash(x.idNumber),
      sex: x.sex,
      birthDate: x.birthDate,
      ethnicity: x.ethnicity,
      phoneEnc: this.cipher.encryptNullable(x.phone),
      education: x.education,
      employment: x.employment,
      labourCapacity: x.labourCapacity,
      healthEnc: x.health ? this.cipher.encryptJson(x.health) : null,
      disabilityEnc: x.disability ? this.cipher.encryptJson(x.disability) : null,
      selfCareEnc: x.selfCare ? this.cipher.encryptJson(x.selfCare) : null,
      coResident: x.coResident,
    }));
  }

  decode(h: HouseholdEntity, members: MemberEntity[]): HouseholdContent {
    const eco = JSON.parse(h.economics) as Economics;
    const accounts = h.financialEnc ? this.cipher.decryptJson<Record<number, string>>(h.financialEnc) : {};
    return {
      address: h.address,
      gridId: h.gridId,
      members: members.map((x) => this.decodeMember(x)),
      incomes: eco.incomes,
      assets: eco.assets.map((a, i) => (accounts[i] ? { ...a, bankAccount: accounts[i] } : a)),
      expenses: eco.expenses,
      hardships: eco.hardships,
      benefits: eco.benefits,
      supporters: h.supportersEnc ? this.cipher.decryptJson<SupporterInput[]>(h.supportersEnc) : null,
    };
  }

  decodeMember(x: MemberEntity): MemberRecord {
    return {
      relation: x.relation,
      name: x.name,
      idNumber: this.cipher.decryptNullable(x.idNumberEnc) ?? '',
      sex: x.sex,
      birthDate: x.birthDate,
      ethnicity: x.ethnicity,
      phone: this.cipher.decryptNullable(x.phoneEnc),
      education: x.education,
      employment: x.employment,
      labourCapacity: x.labourCapacity,
      health: x.healthEnc ? this.cipher.decryptJson(x.healthEnc) : null,
      disability: x.disabilityEnc ? this.cipher.decryptJson(x.disabilityEnc) : null,
      selfCare: x.selfCareEnc ? this.cipher.decryptJson(x.selfCareEnc) : null,
      coResident: Boolean(x.coResident),
    };
  }
}

/** A trusted member input (generated demo data) as a record; sex and birth date come from the ID number. */
export function memberRecordOf(x: MemberInput): MemberRecord {
  const v = validateIdNumber(x.idNumber);
  if (!v.valid) throw new Error(`invalid ID number in trusted input: ${v.reason}`);
  return {
    relation: x.relation,
    name: x.name,
    idNumber: v.idNumber,
    sex: v.sex,
    birthDate: v.birthDate,
    ethnicity: x.ethnicity ?? null,
    phone: x.phone ?? null,
    education: x.education ?? null,
    employment: x.employment ?? null,
    labourCapacity: x.labourCapacity ?? null,
    health: x.health ?? null,
    disability: x.disability ?? null,
    selfCare: x.selfCare ?? null,
    coResident: x.coResident,
  };
}

import { Injectable } from '@nestjs/common';
import { validateIdNumber } from '@zczr/id-card';
import { AccessService } from '../access/access.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import type { ConsentEntity } from '../consents/consent.entity.js';
import { ConsentsRepository } from '../consents/consents.repository.js';
import { assertConsentCovers } from '../consents/consent-rules.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { OcrField } from './fields/field.js';

export type OcrDocument = 'id_card_front' | 'id_card_back' | 'disability_certificate' | 'household_register';

/** On what grounds a document about a person may be read (see OcrController for the rules). */
export type OcrBasis = { kind: 'own_identity'; idHash: string } | { kind: 'identity_binding' } | { kind: 'consent'; consent: ConsentEntity };

export interface OcrRequestGrounds {
  consentId?: string;
  forIdentityBinding?: boolean;
}

/** A fresh, not yet used consent of the caller's covers the members of the household being collected. */
const COLLECTION_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Who may have whose document read. Checked twice: before reading (is there any basis at all?)
 * and after (is the person on the document the one the basis covers?). Until the second check
 * passes, nothing read leaves the service.
 */
@Injectable()
export class OcrAccess {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly users: UsersRepository,
    private readonly households: HouseholdsRepository,
    private readonly access: AccessService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async basisFor(auth: AuthContext, grounds: OcrRequestGrounds, document: OcrDocument): Promise<OcrBasis> {
    if (grounds.consentId) return { kind: 'consent', consent: await this.usableConsent(auth, grounds.consentId) };
    if (auth.role !== 'resident') {
      throw new AppError('CONSENT_REQUIRED', '识别他人证件须先取得本人授权同意，并在请求中注明授权编号 consentId');
    }
    const me = await this.users.findById(auth.userId);
    if (me?.idNumberHash) return { kind: 'own_identity', idHash: me.idNumberHash };
    if (grounds.forIdentityBinding && (document === 'id_card_front' || document === 'id_card_back')) return { kind: 'identity_binding' };
    throw new AppError('CONSENT_REQUIRED', '请先完成实名认证；实名认证时识别本人身份证请勾选“同意用于实名认证”');
  }

  /**
   * The ID number on the document, as it may be returned: one of its candidates must be the
   * person the basis covers. A candidate that matches a number on record (the caller's own bound
   * identity, the consenting person, a member of the consented household) is thereby proven and
   * settles an ambiguous read. Throws when the document is someone the basis does not cover, or
   * when no number could be read to check.
   */
  async confirmSubject(auth: AuthContext, basis: OcrBasis, document: OcrDocument, id: OcrField): Promise<{ proven: string | null }> {
    if (basis.kind === 'identity_binding') return { proven: null };
    const candidates = [id.value, ...(id.candidates ?? [])].filter((c): c is string => c !== null && validateIdNumber(c, { today: this.clock.now() }).valid);
    if (candidates.length === 0) throw new AppError('OCR_UNREADABLE');
    const hashes = candidates.map((c) => this.cipher.hash(c));
    const covered = await this.coveredIndex(auth, basis, document, hashes);
    if (covered === 'any') return { proven: null };
    if (covered < 0) {
      throw new AppError('CONSENT_REQUIRED', basis.kind === 'own_identity' ? '只能识别本人证件；识别他人证件须先取得其授权同意' : '该授权不包含证件上的这个人');
    }
    return { proven: candidates[covered]! };
  }

  private async coveredIndex(
    auth: AuthContext,
    basis: Exclude<OcrBasis, { kind: 'identity_binding' }>,
    document: OcrDocument,
    hashes: string[],
  ): Promise<number | 'any'> {
    if (basis.kind === 'own_identity') return hashes.indexOf(basis.idHash);
    const c = basis.consent;
    const own = hashes.indexOf(c.subjectIdHash);
    if (own >= 0) return own;
    if (c.householdId) {
      for (const [i, h] of hashes.entries()) if ((await this.households.findActiveHouseholdIdByMemberHash(h)) === c.householdId) return i;
      return -1;
    }
    // A household register page while a household is being collected: the consent the caller
    // has just recorded, not yet linked to a household, covers its members; households.create
    // later checks that the consenting person is one of them.
    const fresh = this.clock.now().getTime() - new Date(c.givenAt).getTime() < COLLECTION_WINDOW_MS;
    if (document === 'household_register' && c.recordedBy === auth.userId && fresh) return 'any';
    return -1;
  }

  /** Active, with the sensitive-data tick, and the caller's to use (recorded by them, theirs, or in their scope). */
  private async usableConsent(auth: AuthContext, consentId: string): Promise<ConsentEntity> {
    const c = await this.consents.findById(consentId);
    if (!c) throw new AppError('CONSENT_REQUIRED');
    // Recording a consent grants nothing once it is attached: then the household's current placement decides.
    let usable = c.householdId === null && c.recordedBy === auth.userId;
    if (auth.role === 'resident') {
      const me = await this.users.findById(auth.userId);
      usable =
        me?.identityVerifiedAt != null &&
        ((me.idNumberHash !== null && me.idNumberHash === c.subjectIdHash) || (c.householdId !== null && c.householdId === auth.householdId));
    } else if (c.householdId) {
      const h = await this.households.findById(c.householdId);
      usable = h !== null && this.access.canSee(auth, { householdId: h.id, districtCode: h.districtCode, streetCode: h.streetCode, gridId: h.gridId });
    }
    if (!usable) throw new AppError('CONSENT_REQUIRED');
    return assertConsentCovers(c);
  }
}

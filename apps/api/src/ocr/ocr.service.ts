/// <reference types="multer" />
import { Inject, Injectable } from '@nestjs/common';
import { maskIdNumber } from '@zczr/domain';
import { validateIdNumber } from '@zczr/id-card';
import { checkImageUpload } from '../attachments/image-upload.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { DocumentRead, DocumentReader } from './document-reader.js';
import { field, type OcrField } from './fields/field.js';
import { OcrAccess, type OcrBasis, type OcrDocument, type OcrRequestGrounds } from './ocr-access.js';
import { OcrEngine } from './ocr-engine.js';
import type { DisabilityCertificateOcrResultDto, HouseholdRegisterOcrResultDto, IdCardOcrDto, IdCardOcrResultDto, OcrGroundsDto } from './ocr.dto.js';

type Fields = Record<string, OcrField>;

interface OcrOutcome<D extends OcrDocument, T> {
  document: D;
  documentFound: boolean;
  toConfirm: string[];
  fields: T;
}

/**
 * Reading identity documents for a person to confirm. Nothing read is stored, and nothing read
 * is returned until the person on the document is known to be covered: the caller themself, or
 * someone whose consent the caller names. The audit log records who read what kind of document of
 * whom (number masked), never the content.
 */
@Injectable()
export class OcrService {
  constructor(
    private readonly engine: OcrEngine,
    private readonly ocrAccess: OcrAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  idCard(auth: AuthContext, file: Express.Multer.File | undefined, dto: IdCardOcrDto): Promise<IdCardOcrResultDto> {
    if (dto.side === 'back') return this.run(auth, file, dto, 'id_card_back', (r, img) => r.idCardBack(img));
    return this.run(auth, file, dto, 'id_card_front', (r, img) => r.idCardFront(img));
  }

  disabilityCertificate(auth: AuthContext, file: Express.Multer.File | undefined, dto: OcrGroundsDto): Promise<DisabilityCertificateOcrResultDto> {
    return this.run(auth, file, dto, 'disability_certificate', (r, img) => r.disabilityCertificate(img));
  }

  householdRegister(auth: AuthContext, file: Express.Multer.File | undefined, dto: OcrGroundsDto): Promise<HouseholdRegisterOcrResultDto> {
    return this.run(auth, file, dto, 'household_register', (r, img) => r.householdRegister(img));
  }

  private async run<D extends OcrDocument, T extends object>(
    auth: AuthContext,
    file: Express.Multer.File | undefined,
    grounds: OcrRequestGrounds,
    document: D,
    read: (reader: DocumentReader, image: Buffer) => Promise<DocumentRead<T>>,
  ): Promise<OcrOutcome<D, T>> {
    if (!this.engine.available) throw new AppError('OCR_UNAVAILABLE');
    const basis = await this.refuseAudited(auth, document, 'no_basis', () => this.ocrAccess.basisFor(auth, grounds, document));
    const image = await checkImageUpload(file, this.config.uploads);
    const result = await this.engine.read((reader) => read(reader, image.bytes));
    const fields = { ...result.fields } as unknown as Fields;
    let subject: string | null = null;
    if (fields.idNumber) {
      const { proven } = await this.refuseAudited(auth, document, 'not_covered', () => this.ocrAccess.confirmSubject(auth, basis, document, fields.idNumber!));
      if (proven) this.settleIdNumber(fields, proven, basis);
      subject = fields.idNumber.value;
    }
    const toConfirm = Object.entries(fields)
      .filter(([, f]) => f.needsConfirmation)
      .map(([k]) => k);
    await this.audit.record(auth, {
      action: 'ocr.read',
      entityType: 'document',
      detail: {
        document,
        basis: basis.kind,
        consentId: basis.kind === 'consent' ? basis.consent.id : null,
        subject: subject ? maskIdNumber(subject) : null,
        toConfirm: toConfirm.length,
      },
    });
    return { document, documentFound: result.outlined, toConfirm, fields: fields as unknown as T };
  }

  /**
   * The number matched one on record (the caller's bound identity, the consenting person, a
   * member of the consented household): it is proven, and sex and birth date follow from it.
   */
  private settleIdNumber(fields: Fields, proven: string, basis: OcrBasis): void {
    const before = fields.idNumber!;
    const source = basis.kind === 'own_identity' ? '本人实名信息' : '授权记录';
    fields.idNumber = field(
      proven,
      Math.max(before.confidence, 0.95),
      before.value === proven && !before.needsConfirmation ? {} : { note: `身份证号码与${source}中的号码一致` },
    );
    if (before.value === proven && !before.needsConfirmation) return;
    const v = validateIdNumber(proven, { today: this.clock.now() });
    if (!v.valid) return;
    if (fields.sex)
      fields.sex = field(v.sex === 'male' ? '男' : '女', 0.95, {
        note: fields.sex.value !== (v.sex === 'male' ? '男' : '女') ? '已按核对后的身份证号码填写' : undefined,
      });
    if (fields.birthDate)
      fields.birthDate = field(v.birthDate, 0.95, { note: fields.birthDate.value !== v.birthDate ? '已按核对后的身份证号码填写' : undefined });
  }

  /** A refusal is audited (without anything read) before it is thrown. */
  private async refuseAudited<R>(auth: AuthContext, document: OcrDocument, stage: string, fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AppError) await this.audit.record(auth, { action: 'ocr.refused', entityType: 'document', detail: { document, stage, code: e.code } });
      throw e;
    }
  }
}

import type { UploadLimits } from '../attachments/image-upload.js';
import { readDisabilityCertificate, DISABILITY_FRAME, type DisabilityCertificate } from './documents/disability-certificate.js';
import { readHouseholdRegister, HOUSEHOLD_REGISTER_FRAME, type HouseholdRegisterMember } from './documents/household-register.js';
import { ID_CARD_FRAME, readIdCardBack, readIdCardFront, type IdCardBack, type IdCardFront, type ReadContext } from './documents/id-card.js';
import type { TesseractPool, ZoneRecognizer } from './engine/tesseract-pool.js';
import { decodeGray, locatePage, type Page, type PageFrame } from './image/page.js';

export interface DocumentRead<T> {
  fields: T;
  /** Whether the document's outline was found in the photo (else the whole photo was read). */
  outlined: boolean;
}

/**
 * Photo in, fields out: decoding and finding the document here, reading on a pool worker. No
 * storage, no logging of content: the caller decides what may be returned (see OcrService).
 * Used by the API and, directly, by the accuracy benchmark.
 */
export class DocumentReader {
  constructor(
    private readonly pool: TesseractPool,
    private readonly limits: UploadLimits,
    private readonly context: ReadContext = {},
  ) {}

  idCardFront(image: Buffer): Promise<DocumentRead<IdCardFront>> {
    return this.read(image, ID_CARD_FRAME, (page, ocr) => readIdCardFront(page, ocr, this.context));
  }

  idCardBack(image: Buffer): Promise<DocumentRead<IdCardBack>> {
    return this.read(image, ID_CARD_FRAME, (page, ocr) => readIdCardBack(page, ocr));
  }

  disabilityCertificate(image: Buffer): Promise<DocumentRead<DisabilityCertificate>> {
    return this.read(image, DISABILITY_FRAME, (page, ocr) => readDisabilityCertificate(page, ocr, this.context));
  }

  householdRegister(image: Buffer): Promise<DocumentRead<HouseholdRegisterMember>> {
    return this.read(image, HOUSEHOLD_REGISTER_FRAME, (page, ocr) => readHouseholdRegister(page, ocr, this.context));
  }

  private async read<T>(image: Buffer, frame: PageFrame, reader: (page: Page, ocr: ZoneRecognizer) => Promise<T>): Promise<DocumentRead<T>> {
    const gray = await decodeGray(image, this.limits);
    const page = await locatePage(gray, frame);
    const fields = await this.pool.run((ocr) => reader(page, ocr));
    return { fields, outlined: page.outlined };
  }
}

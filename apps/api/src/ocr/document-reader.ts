import type { UploadLimits } from '../attachments/image-upload.js';
import { readDisabilityCertificate, DISABILITY_FRAME, type DisabilityCertificate } from './documents/disability-certificate.js';
import { readHouseholdRegister, HOUSEHOLD_REGISTER_FRAME, type HouseholdRegisterMember } from './documents/household-register.js';
import { COVERS_PHOTO, lineZones, readIdCardBackLines, readIdCardFrontLines, type SecondReader } from './documents/id-card-lines.js';
import { ID_CARD_FRAME, readIdCardBack, readIdCardFront, type IdCardBack, type IdCardFront, type ReadContext } from './documents/id-card.js';
import type { LineRecognizer } from './engine/paddle-pool.js';
import type { ZoneRecognizer } from './engine/tesseract-pool.js';
import { decodeGray, locateHypotheses, type Page, type PageFrame, type PageHypotheses } from './image/page.js';

export interface DocumentRead<T> {
  fields: T;
  /** Whether the document's outline was found in the photo (else the whole photo was read). */
  outlined: boolean;
}

/** Something that runs a job on one of its workers (TesseractPool, PaddlePool, or a stand-in). */
export interface JobRunner<R> {
  run<T>(job: (r: R) => Promise<T>): Promise<T>;
}

/**
 * The engines a reader uses: `lines` (PP-OCRv4) is the primary reader when present, `zones`
 * (tesseract.js) then re-reads what needs a second opinion; without `lines`, tesseract.js reads
 * everything through the fixed-layout readers (OCR_ENGINE=tesseract).
 */
export interface Engines {
  lines?: JobRunner<LineRecognizer> | null;
  zones?: JobRunner<ZoneRecognizer> | null;
}

/** The ID number a form's fields hold (every form read by `read` has one). */
const numberOf = (fields: object): { value: string | null; needsConfirmation: boolean } =>
  (fields as { idNumber?: { value: string | null; needsConfirmation: boolean } }).idNumber ?? { value: null, needsConfirmation: true };

/**
 * Photo in, fields out: decoding and finding the document here, reading on a pool worker. No
 * storage, no logging of content: the caller decides what may be returned (see OcrService).
 * Used by the API and, directly, by the accuracy benchmark.
 */
export class DocumentReader {
  private readonly engines: Engines;

  constructor(
    engines: Engines | JobRunner<ZoneRecognizer>,
    private readonly limits: UploadLimits,
    private readonly context: ReadContext = {},
  ) {
    this.engines = 'run' in engines ? { zones: engines } : engines;
  }

  private get second(): SecondReader | null {
    const zones = this.engines.zones;
    return zones ? (job) => zones.run(job) : null;
  }

  idCardFront(image: Buffer): Promise<DocumentRead<IdCardFront>> {
    if (this.engines.lines) return this.readLines(image, ID_CARD_FRAME, (h, l) => readIdCardFrontLines(h, l, this.second, this.context));
    return this.read(image, ID_CARD_FRAME, (page, ocr) => readIdCardFront(page, ocr, this.context));
  }

  idCardBack(image: Buffer): Promise<DocumentRead<IdCardBack>> {
    if (this.engines.lines) return this.readLines(image, ID_CARD_FRAME, (h, l) => readIdCardBackLines(h, l, this.second, this.context));
    return this.read(image, ID_CARD_FRAME, (page, ocr) => readIdCardBack(page, ocr, this.context));
  }

  disabilityCertificate(image: Buffer): Promise<DocumentRead<DisabilityCertificate>> {
    return this.read(image, DISABILITY_FRAME, (page, ocr) => readDisabilityCertificate(page, ocr, this.context));
  }

  householdRegister(image: Buffer): Promise<DocumentRead<HouseholdRegisterMember>> {
    return this.read(image, HOUSEHOLD_REGISTER_FRAME, (page, ocr) => readHouseholdRegister(page, ocr, this.context));
  }

  private async readLines<T>(
    image: Buffer,
    frame: PageFrame,
    reader: (h: PageHypotheses, lines: LineRecognizer) => Promise<DocumentRead<T>>,
  ): Promise<DocumentRead<T>> {
    const gray = await decodeGray(image, this.limits);
    const hyp = await locateHypotheses(gray, frame);
    return this.engines.lines!.run((lines) => reader(hyp, lines));
  }

  /**
   * A form read in its frame, on the line engine (as zones) when there is one, else on
   * tesseract.js. With the line engine the outline is a hint: an outline covering most of the
   * photo (a scan, a crop) is read after the whole photo, and the other is read when the first
   * gives no certain ID number.
   */
  private async read<T extends object>(image: Buffer, frame: PageFrame, reader: (page: Page, ocr: ZoneRecognizer) => Promise<T>): Promise<DocumentRead<T>> {
    const gray = await decodeGray(image, this.limits);
    const h = await locateHypotheses(gray, frame);
    const { lines, zones } = this.engines;
    if (!lines) return { fields: await zones!.run((ocr) => reader(h.page, ocr)), outlined: h.page.outlined };
    const pages = !h.card ? [h.page] : h.coverage < COVERS_PHOTO ? [h.card, h.wholeInFrame()] : [h.wholeInFrame(), h.card];
    return lines.run(async (l) => {
      let best: DocumentRead<T> | null = null;
      for (const page of pages) {
        const fields = await reader(page, lineZones(l, this.second));
        if (
          !best ||
          (numberOf(fields).value && !numberOf(best.fields).value) ||
          (!numberOf(fields).needsConfirmation && numberOf(best.fields).needsConfirmation)
        )
          best = { fields, outlined: page.outlined };
        if (!numberOf(best.fields).needsConfirmation) break;
      }
      return best!;
    });
  }
}

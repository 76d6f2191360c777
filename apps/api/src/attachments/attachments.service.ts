/// <reference types="multer" />
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { assertConsentCovers } from '../consents/consent-rules.js';
import { ConsentsRepository } from '../consents/consents.repository.js';
import type { HouseholdEntity } from '../households/household.entity.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { AttachmentEntity } from './attachment.entity.js';
import { ATTACHMENT_STORE, AttachmentSealer, type AttachmentStore } from './attachment-store.js';
import type { AttachmentResponseDto, UploadAttachmentDto } from './attachment.dto.js';
import { AttachmentsRepository } from './attachments.repository.js';
import { checkImageUpload, safeDecodeOptions, type CheckedImage } from './image-upload.js';

export function toAttachmentResponse(a: AttachmentEntity): AttachmentResponseDto {
  return {
    id: a.id,
    householdId: a.householdId,
    memberIndex: a.memberIndex,
    kind: a.kind,
    mimeType: a.mimeType,
    size: a.size,
    width: a.width,
    height: a.height,
    uploadedByRole: a.uploadedByRole,
    createdAt: a.createdAt,
    contentUrl: `/api/v1/attachments/${a.id}/content`,
    taskId: a.taskId ?? null,
  };
}

export interface AttachmentContent {
  data: Buffer;
  mimeType: string;
}

/**
 * Photos of papers in a household's file. The household must be in the caller's scope and
 * covered by an active consent; the photo is re-encoded upright without its metadata (no GPS
 * position, no camera serial), then stored once per content, encrypted.
 */
@Injectable()
export class AttachmentsService {
  private readonly sealer: AttachmentSealer;

  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly households: HouseholdsRepository,
    private readonly consents: ConsentsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sealer = new AttachmentSealer(config.encryptionKey, config.hashKey);
  }

  async upload(
    auth: AuthContext,
    file: Express.Multer.File | undefined,
    dto: UploadAttachmentDto,
  ): Promise<{ attachment: AttachmentResponseDto; created: boolean }> {
    if (dto.kind === 'visit_photo') throw new AppError('VALIDATION_FAILED', '入户现场照片请在入户核实页拍摄上传');
    const h = await this.household(auth, dto.householdId);
    if (h.status === 'withdrawn') throw new AppError('CONSENT_WITHDRAWN', '该档案已停止处理');
    if (h.status === 'rejected') throw new AppError('HOUSEHOLD_REJECTED');
    assertConsentCovers(await this.consents.findById(h.consentId));
    if (dto.memberIndex !== undefined && dto.memberIndex >= h.memberCount) throw new AppError('VALIDATION_FAILED', `该家庭只有 ${h.memberCount} 名成员`);
    const image = await checkImageUpload(file, this.config.uploads);
    const content = await this.normalise(image);
    const contentKey = this.sealer.keyOf(content);
    const memberIndex = dto.memberIndex ?? null;
    const same = await this.attachments.findSame(h.id, memberIndex, dto.kind, contentKey);
    if (same) return { attachment: toAttachmentResponse(same), created: false };
    if (!(await this.store.has(contentKey))) await this.store.put(contentKey, this.sealer.seal(content));
    const meta = await sharp(content).metadata();
    const attachment: AttachmentEntity = {
      id: randomUUID(),
      householdId: h.id,
      memberIndex,
      kind: dto.kind,
      contentKey,
      mimeType: image.mimeType,
      size: content.length,
      width: meta.width ?? image.width,
      height: meta.height ?? image.height,
      uploadedBy: auth.userId,
      uploadedByRole: auth.role,
      createdAt: this.clock.iso(),
      taskId: null,
    };
    await this.attachments.insert(attachment);
    await this.audit.record(auth, {
      action: 'attachment.upload',
      entityType: 'attachment',
      entityId: attachment.id,
      householdId: h.id,
      detail: { kind: dto.kind, memberIndex, size: content.length },
    });
    return { attachment: toAttachmentResponse(attachment), created: true };
  }

  /**
   * A photo taken at the door for a verification task. The caller (TasksService) has checked the task
   * is theirs to submit; the household must still be processed. At most `max` per task; the same
   * photo sent again (a retry from the outbox) answers the first record.
   */
  async uploadVisitPhoto(
    auth: AuthContext,
    file: Express.Multer.File | undefined,
    householdId: string,
    taskId: string,
    max: number,
  ): Promise<{ attachment: AttachmentResponseDto; created: boolean }> {
    const h = await this.household(auth, householdId);
    if (h.status === 'withdrawn') throw new AppError('CONSENT_WITHDRAWN', '该档案已停止处理');
    const image = await checkImageUpload(file, this.config.uploads);
    const content = await this.normalise(image);
    const contentKey = this.sealer.keyOf(content);
    const same = await this.attachments.findSameForTask(taskId, contentKey);
    if (same) return { attachment: toAttachmentResponse(same), created: false };
    if ((await this.attachments.countByTask(taskId)) >= max) throw new AppError('VISIT_PHOTO_LIMIT', `每次入户最多上传 ${max} 张现场照片`);
    if (!(await this.store.has(contentKey))) await this.store.put(contentKey, this.sealer.seal(content));
    const meta = await sharp(content).metadata();
    const attachment: AttachmentEntity = {
      id: randomUUID(),
      householdId: h.id,
      memberIndex: null,
      kind: 'visit_photo',
      contentKey,
      mimeType: image.mimeType,
      size: content.length,
      width: meta.width ?? image.width,
      height: meta.height ?? image.height,
      uploadedBy: auth.userId,
      uploadedByRole: auth.role,
      createdAt: this.clock.iso(),
      taskId,
    };
    if (!(await this.attachments.insertWhileFewerThan({ ...attachment, taskId }, max)))
      throw new AppError('VISIT_PHOTO_LIMIT', `每次入户最多上传 ${max} 张现场照片`);
    await this.audit.record(auth, {
      action: 'attachment.upload',
      entityType: 'attachment',
      entityId: attachment.id,
      householdId: h.id,
      detail: { kind: 'visit_photo', taskId, size: content.length },
    });
    return { attachment: toAttachmentResponse(attachment), created: true };
  }

  /** The ids of the visit photos filed for a task. */
  async photoIdsOfTask(taskId: string): Promise<Set<string>> {
    return new Set((await this.attachments.listByTask(taskId)).map((a) => a.id));
  }

  async list(auth: AuthContext, householdId: string): Promise<AttachmentResponseDto[]> {
    const h = await this.household(auth, householdId);
    return (await this.attachments.listByHousehold(h.id)).map(toAttachmentResponse);
  }

  async content(auth: AuthContext, id: string): Promise<AttachmentContent> {
    const a = await this.attachments.findById(id);
    if (!a) throw notFound();
    const h = await this.household(auth, a.householdId);
    if (h.status === 'withdrawn') throw new AppError('CONSENT_WITHDRAWN', '授权已撤回，材料已封存');
    const sealed = await this.store.get(a.contentKey);
    if (!sealed) throw new Error(`attachment ${a.id}: content ${a.contentKey.slice(0, 8)}… missing from the ${this.store.kind} store`);
    const data = this.sealer.open(sealed);
    await this.audit.record(auth, { action: 'attachment.read', entityType: 'attachment', entityId: a.id, householdId: h.id, detail: { kind: a.kind } });
    return { data, mimeType: a.mimeType };
  }

  /**
   * Consent withdrawn with WITHDRAWAL_RETENTION=erase: the household's attachment records go, and
   * each stored object no other household's record shares. Returns how many records were erased.
   */
  async eraseForHousehold(householdId: string): Promise<{ records: number; objects: number }> {
    const { records, contentKeys } = await this.attachments.deleteByHousehold(householdId);
    let objects = 0;
    for (const key of contentKeys) {
      if (await this.attachments.isReferenced(key)) continue;
      await this.store.delete(key);
      objects++;
    }
    return { records, objects };
  }

  /** The household if the caller may see it, else the same 404 as a missing one (AccessService). */
  private async household(auth: AuthContext, id: string): Promise<HouseholdEntity & { householdId: string }> {
    const h = await this.households.findById(id);
    return this.access.require(auth, h ? { ...h, householdId: h.id } : null);
  }

  /** Upright, without metadata, in its own format; deterministic, so the same photo gives the same bytes. */
  private async normalise(image: CheckedImage): Promise<Buffer> {
    const s = sharp(image.bytes, safeDecodeOptions(this.config.uploads)).rotate();
    switch (image.type) {
      case 'jpeg':
        return s.jpeg({ quality: 90 }).toBuffer();
      case 'png':
        return s.png({ compressionLevel: 6 }).toBuffer();
      case 'webp':
        return s.webp({ quality: 90 }).toBuffer();
    }
  }
}

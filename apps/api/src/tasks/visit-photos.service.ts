/// <reference types="multer" />
import { Injectable } from '@nestjs/common';
import { MAX_VISIT_PHOTOS } from '@zczr/contract';
import { AccessService } from '../access/access.service.js';
import type { AttachmentResponseDto } from '../attachments/attachment.dto.js';
import { AttachmentsService } from '../attachments/attachments.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { TasksRepository } from './tasks.repository.js';

/**
 * Photos taken at the door for a verification task: uploaded one by one (from the phone's outbox,
 * before the findings that name them) by the worker who holds the task, stored as encrypted
 * attachments of the household that name the task. Findings may name only the task's own photos.
 */
@Injectable()
export class VisitPhotosService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly attachments: AttachmentsService,
    private readonly access: AccessService,
  ) {}

  async add(auth: AuthContext, taskId: string, file: Express.Multer.File | undefined): Promise<{ attachment: AttachmentResponseDto; created: boolean }> {
    const t = await this.access.requireVia(auth, await this.tasks.findById(taskId));
    if (t.assigneeId !== auth.userId) throw new AppError('FORBIDDEN', '只有承办网格员可以上传现场照片');
    if (t.status !== 'in_progress' && t.status !== 'returned') throw new AppError('INVALID_STATE', '请先领取任务');
    return this.attachments.uploadVisitPhoto(auth, file, t.householdId, t.id, MAX_VISIT_PHOTOS);
  }

  /** Refuses findings that name a photo not uploaded for this task (another visit's, another family's, or made up). */
  async assertOfTask(taskId: string, photoIds: readonly string[] | undefined): Promise<void> {
    if (!photoIds?.length) return;
    const own = await this.attachments.photoIdsOfTask(taskId);
    if (photoIds.some((id) => !own.has(id))) throw new AppError('VISIT_PHOTO_UNKNOWN');
  }
}

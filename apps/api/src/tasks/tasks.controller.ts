/// <reference types="multer" />
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AttachmentResponseDto } from '../attachments/attachment.dto.js';
import { ImageUpload } from '../attachments/image-upload.js';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import {
  AssigneeDto,
  CreateTaskDto,
  EscalateTaskDto,
  NoticeObjectionDto,
  ReassignTaskDto,
  ReviewTaskDto,
  SubmitFindingsDto,
  VisitPhotoFormDto,
  TaskDto,
  TaskPageDto,
  TaskQuery,
} from './task.dto.js';
import { TasksService } from './tasks.service.js';
import { VisitPhotosService } from './visit-photos.service.js';

@ApiTags('tasks 核实任务')
@ApiBearerAuth()
@Roles('grid_worker', 'street_reviewer', 'district_reviewer')
@Controller('v1/tasks')
export class TasksController {
  constructor(
    private readonly service: TasksService,
    private readonly photos: VisitPhotosService,
  ) {}

  @Get()
  @ApiOperation({ summary: '核实任务列表：我的、按网格、已超期；移动端以 since=游标 增量同步' })
  @ApiOkResponse({ type: TaskPageDto })
  list(@Auth() auth: AuthContext, @Query() q: TaskQuery): Promise<TaskPageDto> {
    return this.service.list(auth, q);
  }

  @Post()
  @Roles('street_reviewer', 'district_reviewer', 'grid_worker')
  @ApiOperation({
    summary:
      '为需要入户核实的家庭（或申请）新建核实任务，自动派发给所在网格的网格员；网格员可为本网格内没有进行中任务的家庭发起入户核实（派给本人，不能关联申请）',
  })
  @ApiCreatedResponse({ type: TaskDto })
  create(@Auth() auth: AuthContext, @Body() dto: CreateTaskDto): Promise<TaskDto> {
    return this.service.create(auth, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskDto })
  get(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<TaskDto> {
    return this.service.get(auth, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('grid_worker')
  @ApiOperation({ summary: '网格员领取任务（派给自己的，或本网格待领取的）；并发领取只有一人成功' })
  @ApiOkResponse({ type: TaskDto })
  @ApiConflictResponse({ description: 'TASK_ALREADY_CLAIMED：已被他人领取' })
  claim(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<TaskDto> {
    return this.service.claim(auth, id);
  }

  @Post(':id/photos')
  @Roles('grid_worker')
  // The key is checked after the file is read, so the photo is part of the request's fingerprint.
  @UseInterceptors(IdempotencyInterceptor)
  @ImageUpload('file')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary: '上传入户现场照片（提交核实结果前逐张上传，结果中以 photoIds 引用）',
    description:
      '仅承办网格员、任务已领取时可传。每个任务最多 9 张（超过返回 422 VISIT_PHOTO_LIMIT）；文件超过 UPLOAD_MAX_BYTES 返回 413 FILE_TOO_LARGE。' +
      '照片去除拍摄地点等元数据后加密存入家庭档案；同一任务重复上传同一照片返回已有记录（200）。',
  })
  @ApiBody({ type: VisitPhotoFormDto })
  @ApiCreatedResponse({ type: AttachmentResponseDto })
  async addPhoto(
    @Auth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AttachmentResponseDto> {
    const { attachment, created } = await this.photos.add(auth, id, file);
    res.status(created ? 201 : 200);
    return attachment;
  }

  @Post(':id/submit')
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '手机离线重发时同一键只提交一次' })
  @Roles('grid_worker')
  @ApiOperation({ summary: '提交入户核实结果：入户时间、定位、情况说明、照片、家庭信息更新' })
  @ApiOkResponse({ type: TaskDto })
  submit(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SubmitFindingsDto): Promise<TaskDto> {
    return this.service.submit(auth, id, dto);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '审核核实结果：采纳（更新档案、重新匹配、记录处置决定）或退回网格员' })
  @ApiOkResponse({ type: TaskDto })
  review(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewTaskDto): Promise<TaskDto> {
    return this.service.review(auth, id, dto);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '改派给本网格的其他网格员，或放回待领取' })
  @ApiOkResponse({ type: TaskDto })
  reassign(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReassignTaskDto): Promise<TaskDto> {
    return this.service.reassign(auth, id, dto);
  }

  @Get(':id/assignees')
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '可改派的网格员（该任务所在网格的网格员及其未办结任务数）' })
  @ApiOkResponse({ type: [AssigneeDto] })
  assignees(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<AssigneeDto[]> {
    return this.service.assignees(auth, id);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '升级督办：社区 → 街道 → 区级（超期任务也会按工作日自动升级）' })
  @ApiOkResponse({ type: TaskDto })
  escalate(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EscalateTaskDto): Promise<TaskDto> {
    return this.service.escalate(auth, id, dto);
  }

  @Post(':id/objection')
  @HttpCode(200)
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '公示期间登记异议：重新核实（任务退回网格员，救助暂不生效）' })
  @ApiOkResponse({ type: TaskDto })
  objection(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: NoticeObjectionDto): Promise<TaskDto> {
    return this.service.objection(auth, id, dto.reason.trim());
  }
}

/// <reference types="multer" />
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { AttachmentResponseDto, ListAttachmentsQuery, UploadAttachmentDto, UploadAttachmentFormDto } from './attachment.dto.js';
import { AttachmentsService } from './attachments.service.js';
import { ImageUpload } from './image-upload.js';

@ApiTags('attachments 证明材料')
@ApiBearerAuth()
@Controller('v1/attachments')
export class AttachmentsController {
  constructor(private readonly service: AttachmentsService) {}

  @Post()
  @ImageUpload('file')
  @ApiOperation({
    summary: '上传证明材料照片（医疗票据、证明等），归入家庭档案',
    description:
      '家庭须在数据权限范围内且有有效授权（已勾选敏感个人信息）。按文件头仅接受 JPEG/PNG/WebP；超过 UPLOAD_MAX_BYTES 返回 413 FILE_TOO_LARGE，像素超过 UPLOAD_MAX_PIXELS 返回 413 IMAGE_TOO_LARGE，损坏返回 422 IMAGE_CORRUPT。' +
      '照片去除元数据（含拍摄地点）后按内容加密存储，同一照片只存一份；同一家庭、成员、类别重复上传同一照片返回已有记录（200）。',
  })
  @ApiBody({ type: UploadAttachmentFormDto })
  @ApiCreatedResponse({ type: AttachmentResponseDto })
  async upload(
    @Auth() auth: AuthContext,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: UploadAttachmentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AttachmentResponseDto> {
    const { attachment, created } = await this.service.upload(auth, file, dto);
    res.status(created ? 201 : 200);
    return attachment;
  }

  @Get()
  @ApiOperation({ summary: '家庭档案的证明材料列表（不含内容）' })
  @ApiOkResponse({ type: [AttachmentResponseDto] })
  list(@Auth() auth: AuthContext, @Query() q: ListAttachmentsQuery): Promise<AttachmentResponseDto[]> {
    return this.service.list(auth, q.householdId);
  }

  @Get(':id/content')
  @ApiOperation({ summary: '读取证明材料图片（记入审计日志）' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async content(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const { data, mimeType } = await this.service.content(auth, id);
    return new StreamableFile(data, { type: mimeType, length: data.length, disposition: 'inline' });
  }
}

import type { AttachmentView } from '@zczr/contract';
/// <reference types="multer" />
import { applyDecorators, CallHandler, ExecutionContext, HttpException, Injectable, mixin, NestInterceptor, Type, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes } from '@nestjs/swagger';
import { catchError, Observable, throwError } from 'rxjs';
import sharp from 'sharp';
import { AppError } from '../common/errors.js';

/**
 * Uploaded images, for OCR and attachments alike: the type is decided by the file's first bytes
 * (never by its name or declared type), size is capped while it streams in (multer), and pixels
 * are capped before decoding (a 100 kB PNG can claim 20000×20000 pixels and would take 1.6 GB
 * decoded). Every failure is a 4xx with its own code.
 */
export type ImageType = 'jpeg' | 'png' | 'webp';

export const IMAGE_MIME_TYPES: Readonly<Record<ImageType, AttachmentView['mimeType']>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface UploadLimits {
  maxBytes: number;
  maxPixels: number;
}

export interface CheckedImage {
  type: ImageType;
  mimeType: AttachmentView['mimeType'];
  width: number;
  height: number;
  bytes: Buffer;
}

/** Magic bytes: JPEG FF D8 FF; PNG 89 50 4E 47 0D 0A 1A 0A; WebP "RIFF" <size> "WEBP". */
export function sniffImageType(b: Buffer): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/** Options for every sharp pipeline over an upload: refuse corrupt data and oversized images. */
export function safeDecodeOptions(limits: UploadLimits): sharp.SharpOptions {
  return { failOn: 'error', limitInputPixels: limits.maxPixels, sequentialRead: true };
}

/**
 * Checks an uploaded file and decodes it once completely, so that a truncated or corrupt image is
 * refused here rather than half-processed later. Returns its type and (EXIF-upright) size.
 */
export async function checkImageUpload(file: Express.Multer.File | undefined, limits: UploadLimits): Promise<CheckedImage> {
  if (!file) throw new AppError('FILE_REQUIRED');
  const bytes = file.buffer;
  if (!bytes || bytes.length === 0) throw new AppError('FILE_REQUIRED', '上传的文件是空的');
  if (bytes.length > limits.maxBytes) throw new AppError('FILE_TOO_LARGE', `图片文件过大（上限 ${Math.floor(limits.maxBytes / 1024 / 1024)} MB）`);
  const type = sniffImageType(bytes);
  if (!type) throw new AppError('UNSUPPORTED_FILE_TYPE');
  let meta: sharp.Metadata;
  try {
    // Header only: cheap, and tells the claimed size before any pixel is decoded.
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('IMAGE_CORRUPT');
  }
  if (meta.format !== type || !meta.width || !meta.height) throw new AppError('IMAGE_CORRUPT');
  if (meta.width * meta.height > limits.maxPixels) {
    throw new AppError('IMAGE_TOO_LARGE', `图片像素尺寸过大（${meta.width}×${meta.height}，上限 ${Math.round(limits.maxPixels / 1e6)} 百万像素）`);
  }
  if ((meta.pages ?? 1) > 1) throw new AppError('UNSUPPORTED_FILE_TYPE', '不支持动图或多页图片');
  try {
    // A full decode into nothing: catches truncated and corrupt data.
    await sharp(bytes, safeDecodeOptions(limits)).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch {
    throw new AppError('IMAGE_CORRUPT');
  }
  const upright = (meta.orientation ?? 1) >= 5;
  return { type, mimeType: IMAGE_MIME_TYPES[type], width: upright ? meta.height : meta.width, height: upright ? meta.width : meta.height, bytes };
}

/** multer limits for one image and a few small text fields. */
export function multerLimits(limits: UploadLimits): { fileSize: number; files: number; fields: number; fieldSize: number; parts: number } {
  return { fileSize: limits.maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 };
}

/** multer's errors (framework 4xx exceptions with the multer error as `cause`) → our codes. */
function uploadErrors(field: string): Type<NestInterceptor> {
  @Injectable()
  class UploadErrorsInterceptor implements NestInterceptor {
    intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
      return next.handle().pipe(
        catchError((e: unknown) => {
          if (!(e instanceof HttpException)) return throwError(() => e);
          const code = (e.cause as { code?: unknown } | undefined)?.code;
          if (code === 'LIMIT_FILE_SIZE' || e.getStatus() === 413) return throwError(() => new AppError('FILE_TOO_LARGE'));
          if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
            return throwError(() => new AppError('FILE_REQUIRED', `请只上传一个文件，字段名为 ${field}`));
          }
          return throwError(() => e);
        }),
      );
    }
  }
  return mixin(UploadErrorsInterceptor);
}

/** One image in multipart field `field`, with our error codes and the OpenAPI content type. */
export function ImageUpload(field: string): MethodDecorator {
  return applyDecorators(UseInterceptors(uploadErrors(field), FileInterceptor(field)), ApiConsumes('multipart/form-data'));
}

import {
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  HttpException,
  Injectable,
  NestInterceptor,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { ImportErrorPageDto, ImportPageQuery, ImportRunDto, ImportRunPageDto, ImportSourceDto, toImportRunDto } from './import.dto.js';
import { ImportsService } from './imports.service.js';
import { IMPORT_SOURCES, SOURCE_CODES, sourceOf } from './sources.js';
import { templateCsv } from './file-reader.js';

/** multer's size and field errors → our codes. */
@Injectable()
class ImportUploadErrors implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((e: unknown) => {
        if (!(e instanceof HttpException)) return throwError(() => e);
        const code = (e.cause as { code?: unknown } | undefined)?.code;
        if (code === 'LIMIT_FILE_SIZE' || e.getStatus() === 413) return throwError(() => new AppError('IMPORT_FILE_TOO_LARGE'));
        if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT')
          return throwError(() => new AppError('IMPORT_FILE_REQUIRED', '请只上传一个文件，字段名为 file'));
        return throwError(() => e);
      }),
    );
  }
}

@ApiTags('imports 部门数据导入')
@ApiBearerAuth()
@Roles('district_reviewer')
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly service: ImportsService) {}

  @Get('sources')
  @ApiOperation({ summary: '支持的部门数据来源及其列定义' })
  @ApiOkResponse({ type: [ImportSourceDto] })
  sources(): ImportSourceDto[] {
    return IMPORT_SOURCES.map((s) => ({
      code: s.code,
      label: s.label,
      department: s.department,
      columns: s.columns.map((c) => ({ key: c.key, label: c.label, type: c.type, required: c.required })),
    }));
  }

  @Get('sources/:source/template')
  @ApiParam({ name: 'source', enum: SOURCE_CODES })
  @ApiOperation({ summary: '下载导入模板（CSV，仅表头）' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV 文件' })
  template(@Param('source') code: string, @Res() res: Response): void {
    const source = sourceOf(code);
    if (!source) throw new AppError('IMPORT_UNKNOWN_SOURCE');
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="template-${source.code}.csv"; filename*=UTF-8''${encodeURIComponent(`${source.label}导入模板.csv`)}`,
    );
    res.end(templateCsv(source.columns.map((c) => c.label)));
  }

  @Get()
  @ApiOperation({ summary: '本区的导入记录（最近的在前）' })
  @ApiOkResponse({ type: ImportRunPageDto })
  async list(@Auth() auth: AuthContext, @Query() q: ImportPageQuery): Promise<ImportRunPageDto> {
    const [runs, total] = await this.service.list(auth, q.page, q.pageSize);
    return { items: runs.map(toImportRunDto), total, page: q.page, pageSize: q.pageSize };
  }

  @Get(':id/error-rows')
  @ApiOperation({ summary: '未导入的行（分页）：行号、列、原因；不含该行的数据' })
  @ApiOkResponse({ type: ImportErrorPageDto })
  async errorRows(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query() q: ImportPageQuery): Promise<ImportErrorPageDto> {
    const [rows, total] = await this.service.errorRows(auth, id, q.page, q.pageSize);
    return { items: rows.map((e) => ({ rowNumber: e.rowNumber, column: e.columnName, reason: e.reason })), total, page: q.page, pageSize: q.pageSize };
  }

  @Post(':source')
  @HttpCode(202)
  @UseInterceptors(ImportUploadErrors, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiParam({ name: 'source', enum: SOURCE_CODES })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'CSV（UTF-8）或 Excel（.xlsx）文件，首行为表头' } },
    },
  })
  @ApiOperation({ summary: '导入部门数据文件（后台逐行校验、匹配、去重；重复导入同一文件不产生变化）' })
  @ApiAcceptedResponse({ type: ImportRunDto })
  async start(@Auth() auth: AuthContext, @Param('source') source: string, @UploadedFile() file: Express.Multer.File | undefined): Promise<ImportRunDto> {
    return toImportRunDto(await this.service.start(auth, source, file));
  }

  @Get(':id')
  @ApiOperation({ summary: '导入进度与结果' })
  @ApiOkResponse({ type: ImportRunDto })
  async get(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<ImportRunDto> {
    return toImportRunDto(await this.service.get(auth, id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消进行中的导入（已导入的行保留；重新导入同一文件不会重复）' })
  @ApiOkResponse({ type: ImportRunDto })
  async cancel(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<ImportRunDto> {
    return toImportRunDto(await this.service.cancel(auth, id));
  }

  @Get(':id/errors')
  @ApiOperation({ summary: '下载错误报告（CSV：行号、列、原因），列出所有未导入的行' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV 文件' })
  async errors(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const report = this.service.errorReport(auth, id);
    const first = await report.next();
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="import-${id}-errors.csv"`);
    if (!first.done) res.write(first.value);
    for await (const chunk of report) res.write(chunk);
    res.end();
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ImportRunEntity } from './import.entity.js';
import { IMPORT_SOURCES } from './sources.js';
import { IMPORT_STATUS_LABELS } from '@zczr/contract';
import type { ImportErrorRow, ImportRun, ImportSource, ImportSourceColumn, ImportStatus, Page, PageQuery } from '@zczr/contract';

export class ImportRunDto implements ImportRun {
  @ApiProperty() id: string;
  @ApiProperty({ enum: IMPORT_SOURCES.map((s) => s.code) }) source: string;
  @ApiProperty() sourceLabel: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: ImportRun['format'];
  @ApiProperty({ enum: Object.keys(IMPORT_STATUS_LABELS) }) status: ImportStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ description: '已读取的数据行（不含表头）' }) processedRows: number;
  @ApiProperty({ description: '新导入的行' }) takenRows: number;
  @ApiProperty({ description: '此前已导入或文件内重复的行（不重复导入）' }) duplicateRows: number;
  @ApiProperty({ description: '未匹配到本辖区在册家庭成员的行（不保存）' }) unmatchedRows: number;
  @ApiProperty({ description: '校验不通过的行' }) errorRows: number;
  @ApiProperty({ description: '由本次导入触发的预警' }) warningsRaised: number;
  @ApiProperty({ description: '错误报告下载地址（CSV）' }) errorReportUrl: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true }) finishedAt: string | null;
  @ApiProperty({ nullable: true }) error: string | null;
}

export class ImportSourceColumnDto implements ImportSourceColumn {
  @ApiProperty() key: string;
  @ApiProperty({ description: '表头（中文）' }) label: string;
  @ApiProperty() type: string;
  @ApiProperty() required: boolean;
}

export class ImportSourceDto implements ImportSource {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty() department: string;
  @ApiProperty({ type: [ImportSourceColumnDto] }) columns: ImportSourceColumnDto[];
}

export function toImportRunDto(r: ImportRunEntity): ImportRunDto {
  return {
    id: r.id,
    source: r.source,
    sourceLabel: IMPORT_SOURCES.find((s) => s.code === r.source)?.label ?? r.source,
    fileName: r.fileName,
    format: r.format,
    status: r.status,
    statusLabel: IMPORT_STATUS_LABELS[r.status],
    processedRows: r.processedRows,
    takenRows: r.takenRows,
    duplicateRows: r.duplicateRows,
    unmatchedRows: r.unmatchedRows,
    errorRows: r.errorRows,
    warningsRaised: r.warningsRaised,
    errorReportUrl: `/api/v1/imports/${r.id}/errors`,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    error: r.error,
  };
}

export class ImportPageQuery implements PageQuery {
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

export class ImportRunPageDto implements Page<ImportRun> {
  @ApiProperty({ type: [ImportRunDto] }) items: ImportRunDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ImportErrorRowDto implements ImportErrorRow {
  @ApiProperty({ description: '行号（表头为第 1 行）' }) rowNumber: number;
  @ApiProperty({ description: '列' }) column: string;
  @ApiProperty({ description: '原因' }) reason: string;
}

export class ImportErrorPageDto implements Page<ImportErrorRow> {
  @ApiProperty({ type: [ImportErrorRowDto] }) items: ImportErrorRowDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

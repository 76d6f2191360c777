import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EMPLOYMENTS, LABOUR_CAPACITIES, type Employment, type LabourCapacity } from '@zczr/domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DisabilityDto, HealthDto, HouseholdSectionsDto, SelfCareDto } from '../households/household.dto.js';
import {
  DECISION_KINDS,
  ESCALATION_LEVELS,
  FACT_SECTIONS,
  MAX_VISIT_PHOTOS,
  TASK_STATUSES,
  VISIT_OUTCOMES,
  type EscalationLevel,
  type TaskStatus,
  type VisitOutcome,
} from '@zczr/contract';
import type { TaskHistoryStatus } from '@zczr/contract';
import type {
  Assignee,
  CreateTaskBody,
  DecisionKind,
  EscalateTaskBody,
  FactRemoval,
  FactUpdates,
  Gps,
  MemberFactUpdate,
  ReassignTaskBody,
  ReviewTaskBody,
  TaskDecisionBody,
  TaskDecisionRecord,
  ProposedDecision,
  NoticeObjectionBody,
  TaskHistoryEntry,
  TaskKind,
  TaskListQuery,
  TaskPage,
  TaskView,
  VisitFindings,
} from '@zczr/contract';

const toBool = ({ value }: { value: unknown }): unknown => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class TaskQuery implements TaskListQuery {
  @ApiPropertyOptional({ description: '只看派给我的任务（网格员）' }) @IsOptional() @Transform(toBool) @IsBoolean() mine?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) gridId?: string;
  @ApiPropertyOptional({ description: '只看已超期未办结的任务' }) @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn([...TASK_STATUSES]) status?: TaskStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiPropertyOptional({ description: '街道代码（9 位）' }) @IsOptional() @Matches(/^\d{9}$/) streetCode?: string;
  @ApiPropertyOptional({ enum: ESCALATION_LEVELS, description: '督办层级' }) @IsOptional() @IsIn([...ESCALATION_LEVELS]) escalationLevel?: EscalationLevel;
  @ApiPropertyOptional({ description: '只看未办结的任务' }) @IsOptional() @Transform(toBool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: ['due', 'urgency'], default: 'due', description: 'urgency：超期未办结的在前（超期越久越前），其次未办结按期限，已办结最后' })
  @IsOptional()
  @IsIn(['due', 'urgency'])
  sort?: 'due' | 'urgency';
  @ApiPropertyOptional({ description: '增量同步：返回该游标之后变化的“我的任务”及新游标（移动端）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since?: number;
  @ApiPropertyOptional({ default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize: number = 20;
}

export class GpsDto implements Gps {
  @ApiProperty() @IsNumber() @Min(-90) @Max(90) lat: number;
  @ApiProperty() @IsNumber() @Min(-180) @Max(180) lng: number;
  @ApiPropertyOptional({ description: '定位精度（米）' }) @IsOptional() @IsNumber() @Min(0) @Max(100_000) accuracy?: number;
}

export class MemberFactUpdateDto implements MemberFactUpdate {
  @ApiProperty({ description: '成员序号（从 0 起）' }) @IsInt() @Min(0) @Max(19) position: number;
  @ApiPropertyOptional({ enum: EMPLOYMENTS }) @IsOptional() @IsIn([...EMPLOYMENTS]) employment?: Employment;
  @ApiPropertyOptional({ enum: LABOUR_CAPACITIES }) @IsOptional() @IsIn([...LABOUR_CAPACITIES]) labourCapacity?: LabourCapacity;
  @ApiPropertyOptional({ type: HealthDto }) @IsOptional() @ValidateNested() @Type(() => HealthDto) health?: HealthDto;
  @ApiPropertyOptional({ type: DisabilityDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => DisabilityDto) disability?: DisabilityDto | null;
  @ApiPropertyOptional({ type: SelfCareDto }) @IsOptional() @ValidateNested() @Type(() => SelfCareDto) selfCare?: SelfCareDto;
}

/** One item to remove: by section, type (policy code for benefits) and member. */
export class FactRemovalDto implements FactRemoval {
  @ApiProperty({ enum: FACT_SECTIONS }) @IsIn([...FACT_SECTIONS]) section: (typeof FACT_SECTIONS)[number];
  @ApiProperty({ description: '类型（待遇为政策代码）' }) @IsString() @MaxLength(64) type: string;
  @ApiPropertyOptional({ description: '成员序号；不填为家庭整体' }) @IsOptional() @IsInt() @Min(0) @Max(19) memberIndex?: number;
}

/** Fact updates found at the door, as a patch: each item adds or changes one item per member and type; removals by key; nothing not named changes. */
export class FactUpdatesDto extends HouseholdSectionsDto implements FactUpdates {
  @ApiPropertyOptional({ type: [FactRemovalDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FactRemovalDto)
  remove?: FactRemovalDto[];
  @ApiPropertyOptional({ type: [MemberFactUpdateDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MemberFactUpdateDto)
  members?: MemberFactUpdateDto[];
}

/** Multipart form of a visit photo, for the OpenAPI document. */
export class VisitPhotoFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG、PNG 或 WebP 照片' }) file: unknown;
}

export class SubmitFindingsDto implements VisitFindings {
  @ApiProperty({ description: '入户时间' }) @IsISO8601({ strict: true }) visitedAt: string;
  @ApiPropertyOptional({ enum: VISIT_OUTCOMES, description: '入户结果：见到家人、未遇到、拒访、已搬离（缺省为见到家人）；未见到家人时不能附带家庭信息变更' })
  @IsOptional()
  @IsIn([...VISIT_OUTCOMES])
  outcome?: VisitOutcome;
  @ApiProperty({ type: GpsDto }) @ValidateNested() @Type(() => GpsDto) gps: GpsDto;
  @ApiProperty({ description: '核实情况' }) @IsString() @MaxLength(2000) notes: string;
  @ApiPropertyOptional({ type: [String], description: `现场照片（本任务已上传照片的附件 id，最多 ${MAX_VISIT_PHOTOS} 张）` })
  @IsOptional()
  @ArrayMaxSize(MAX_VISIT_PHOTOS, { message: `现场照片最多 ${MAX_VISIT_PHOTOS} 张` })
  @ArrayUnique()
  @IsUUID('all', { each: true })
  photoIds?: string[];
  @ApiPropertyOptional({ type: FactUpdatesDto }) @IsOptional() @ValidateNested() @Type(() => FactUpdatesDto) factUpdates?: FactUpdatesDto;
}

export class DecisionDto implements TaskDecisionBody {
  @ApiProperty({ enum: DECISION_KINDS }) @IsIn([...DECISION_KINDS]) kind: DecisionKind;
  @ApiPropertyOptional({ description: '给予救助时的政策代码' })
  @ValidateIf((o: DecisionDto) => o.kind === 'benefit_granted')
  @IsString()
  @Matches(/^[a-z0-9_]{2,40}$/)
  policyCode?: string;
  @ApiPropertyOptional({ description: '转介的社会服务机构' })
  @ValidateIf((o: DecisionDto) => o.kind === 'referral')
  @IsString()
  @MaxLength(100)
  provider?: string;
  @ApiPropertyOptional({ description: '理由（不予处置时必填）' })
  @ValidateIf((o: DecisionDto) => o.kind === 'no_action' || o.reason !== undefined)
  @IsString()
  @MaxLength(500)
  @Matches(/\S/)
  reason?: string;
}

export class ReviewTaskDto implements ReviewTaskBody {
  @ApiProperty({ enum: ['accept', 'return'] }) @IsIn(['accept', 'return']) outcome: 'accept' | 'return';
  @ApiPropertyOptional({ type: DecisionDto, description: '采纳时必填：处置决定' })
  @ValidateIf((o: ReviewTaskDto) => o.outcome === 'accept')
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto;
  @ApiPropertyOptional({ description: '退回时必填：退回原因' })
  @ValidateIf((o: ReviewTaskDto) => o.outcome === 'return')
  @IsString()
  @MaxLength(500)
  @Matches(/\S/)
  reason?: string;
}

export class ReassignTaskDto implements ReassignTaskBody {
  @ApiProperty({ nullable: true, description: '新的网格员用户 id；null 表示放回待领取' })
  @ValidateIf((o: ReassignTaskDto) => o.assigneeId !== null)
  @IsUUID()
  assigneeId: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class CreateTaskDto implements CreateTaskBody {
  @ApiProperty() @IsUUID() householdId: string;
  @ApiPropertyOptional({ description: '需要入户核实的申请 id' }) @IsOptional() @IsUUID() submissionId?: string;
}

export class TaskHistoryDto implements TaskHistoryEntry {
  @ApiProperty({ description: '任务状态，或督办 escalated_community / escalated_street / escalated_district' }) status: TaskHistoryStatus;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
  @ApiPropertyOptional() note?: string;
}

export class LabelledChangeDto {
  @ApiProperty({ description: '字段路径，如 incomes[2].monthlyAmount' }) path: string;
  @ApiProperty({ description: '中文字段名，如 收入3 · 月金额（元）' }) label: string;
  @ApiProperty({ nullable: true }) before: unknown;
  @ApiProperty({ nullable: true }) after: unknown;
  @ApiProperty() beforeText: string;
  @ApiProperty() afterText: string;
}

export class TaskDto implements TaskView {
  @ApiProperty() id: string;
  @ApiProperty() householdId: string;
  @ApiProperty({ enum: ['warning', 'home_visit', 'recheck'] }) kind: TaskKind;
  @ApiProperty({ description: '预警规则代码、复核周期或 submission' }) reason: string;
  @ApiProperty({ nullable: true }) warningId: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ nullable: true }) assigneeId: string | null;
  @ApiProperty() gridId: string;
  @ApiPropertyOptional({ nullable: true, description: '网格名称' }) gridName?: string | null;
  @ApiPropertyOptional({ nullable: true, description: '户主姓名（与家庭档案列表相同的显示规则）' }) headName?: string | null;
  @ApiPropertyOptional({ nullable: true, description: '家庭住址' }) address?: string | null;
  @ApiPropertyOptional({ nullable: true, description: '承办网格员' }) assigneeName?: string | null;
  @ApiProperty() streetCode: string;
  @ApiProperty({ description: '办理期限（按工作日计算）' }) dueDate: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ enum: ESCALATION_LEVELS }) escalationLevel: EscalationLevel;
  @ApiProperty() escalationLabel: string;
  @ApiProperty({ nullable: true, enum: DECISION_KINDS }) decisionKind: DecisionKind | null;
  @ApiPropertyOptional({ type: Object, description: '处置决定与采纳前后的政策匹配（审核人员可见）；实行公示的含公示起止日期' }) decision?: TaskDecisionRecord;
  @ApiPropertyOptional({ type: Object, description: '街道审核提出、待区县确认的处置决定（审核人员可见）' }) proposal?: ProposedDecision;
  @ApiPropertyOptional({ type: Object, description: '入户核实情况（审核人员和承办网格员可见）' }) findings?: VisitFindings;
  @ApiPropertyOptional({ type: [LabelledChangeDto], description: '采纳后档案将发生的字段级变化（中文字段名；仅待审核任务、审核人员可见）' })
  findingsDiff?: LabelledChangeDto[];
  @ApiProperty({ type: [TaskHistoryDto] }) history: TaskHistoryDto[];
  @ApiProperty({ description: '变更序号（增量同步游标）' }) seq: number;
  @ApiProperty({ description: '同步时：该任务已不再属于我（已改派）' }) removed: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class TaskPageDto implements TaskPage {
  @ApiProperty({ type: [TaskDto] }) items: TaskDto[];
  @ApiProperty() total: number;
  @ApiPropertyOptional({ description: 'false：total 为下限（数量很大，精确数正在后台统计，稍后的请求给出）；缺省为精确数' }) totalExact?: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: '增量同步的新游标：下次以 since=cursor 请求' }) cursor: number;
}

export class EscalateTaskDto implements EscalateTaskBody {
  @ApiProperty({ description: '升级督办的原因' }) @IsString() @MaxLength(500) @Matches(/\S/) reason: string;
}

export class AssigneeDto implements Assignee {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: '未办结任务数' }) openTasks: number;
}

export class NoticeObjectionDto implements NoticeObjectionBody {
  @ApiProperty({ description: '异议内容（如群众反映的情况）' }) @IsString() @MaxLength(500) @Matches(/\S.*\S/) reason: string;
}

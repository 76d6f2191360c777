import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSET_TYPES,
  EDUCATIONS,
  EMPLOYMENTS,
  EXPENSE_TYPES,
  HARDSHIP_TYPES,
  HOUSEHOLD_STATUSES,
  INCOME_TYPES,
  LABOUR_CAPACITIES,
  RELATIONS,
  SUPPORTER_CONDITIONS,
  SUPPORTER_RELATIONS,
  type SupporterCondition,
  type SupporterRelation,
  type AssetType,
  type Education,
  type Employment,
  type ExpenseType,
  type HardshipType,
  type HouseholdStatus,
  type IncomeType,
  type LabourCapacity,
  type Relation,
} from '@zczr/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsChineseIdNumber, IsMobilePhone, IsRegionCode } from '../common/validation.js';
import type { FieldChange, SelfCareLevel } from '@zczr/domain';
import { RISK_COLOURS, type RiskColour } from '@zczr/contract';
import type {
  CreateHouseholdBody,
  HouseholdListQuery,
  HouseholdSummary,
  HouseholdView,
  HouseholdViewQuery as HouseholdViewQueryShape,
  MemberView,
  Page,
  RevealBody,
  Revision,
  RevisionSource,
  UpdateHouseholdBody,
} from '@zczr/contract';

const MONEY_MAX = 100_000_000;
const list = (values: readonly unknown[]): unknown[] => values as unknown[];

export class HealthDto {
  @ApiProperty() @IsBoolean() chronicIllness: boolean;
  @ApiProperty() @IsBoolean() seriousIllness: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) diagnosis?: string;
}

export class DisabilityDto {
  @ApiProperty({ enum: [1, 2, 3, 4, 5, 6, 7] }) @IsIn([1, 2, 3, 4, 5, 6, 7]) category: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  @ApiProperty({ enum: [1, 2, 3, 4] }) @IsIn([1, 2, 3, 4]) grade: 1 | 2 | 3 | 4;
  @ApiPropertyOptional({ description: '20 位残疾人证号' })
  @IsOptional()
  @Matches(/^\d{17}[\dX]\d{2}$/, { message: 'certificateNumber 须为 20 位残疾人证号' })
  certificateNumber?: string;
}

export class SelfCareDto {
  @ApiProperty() @IsBoolean() eating: boolean;
  @ApiProperty() @IsBoolean() dressing: boolean;
  @ApiProperty() @IsBoolean() gettingUp: boolean;
  @ApiProperty() @IsBoolean() toileting: boolean;
  @ApiProperty() @IsBoolean() walkingIndoors: boolean;
  @ApiProperty() @IsBoolean() bathing: boolean;
}

export class MemberDto {
  @ApiProperty({ enum: RELATIONS }) @IsIn(list(RELATIONS)) relation: Relation;
  @ApiProperty() @IsString() @Matches(/^[\u4e00-\u9fa5·]{2,20}$/, { message: 'name 须为 2–20 个汉字' }) name: string;
  @ApiProperty() @IsChineseIdNumber() idNumber: string;
  @ApiPropertyOptional({ enum: ['male', 'female'], description: '若填写，须与身份证号一致' }) @IsOptional() @IsIn(['male', 'female']) sex?: 'male' | 'female';
  @ApiPropertyOptional({ description: '若填写，须与身份证号一致' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) birthDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(16) ethnicity?: string;
  @ApiPropertyOptional() @IsOptional() @IsMobilePhone() phone?: string;
  @ApiPropertyOptional({ enum: EDUCATIONS }) @IsOptional() @IsIn(list(EDUCATIONS)) education?: Education;
  @ApiPropertyOptional({ enum: EMPLOYMENTS }) @IsOptional() @IsIn(list(EMPLOYMENTS)) employment?: Employment;
  @ApiPropertyOptional({ enum: LABOUR_CAPACITIES }) @IsOptional() @IsIn(list(LABOUR_CAPACITIES)) labourCapacity?: LabourCapacity;
  @ApiPropertyOptional({ type: HealthDto }) @IsOptional() @ValidateNested() @Type(() => HealthDto) health?: HealthDto;
  @ApiPropertyOptional({ type: DisabilityDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => DisabilityDto) disability?: DisabilityDto | null;
  @ApiPropertyOptional({ type: SelfCareDto }) @IsOptional() @ValidateNested() @Type(() => SelfCareDto) selfCare?: SelfCareDto;
  @ApiProperty() @IsBoolean() coResident: boolean;
}

export class IncomeDto {
  @ApiProperty({ enum: INCOME_TYPES }) @IsIn(list(INCOME_TYPES)) type: IncomeType;
  @ApiProperty({ description: '月收入（元）' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(MONEY_MAX) monthlyAmount: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(19) memberIndex?: number;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) jobStartedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class AssetDto {
  @ApiProperty({ enum: ASSET_TYPES }) @IsIn(list(ASSET_TYPES)) type: AssetType;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(10 * MONEY_MAX) value?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) area?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabilityVehicle?: boolean;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{8,30}$/, { message: 'bankAccount 须为 8–30 位数字' }) bankAccount?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class ExpenseDto {
  @ApiProperty({ enum: EXPENSE_TYPES }) @IsIn(list(EXPENSE_TYPES)) type: ExpenseType;
  @ApiProperty({ description: '近 12 个月金额（元）' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(MONEY_MAX) amount12m: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(19) memberIndex?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class HardshipDto {
  @ApiProperty({ enum: HARDSHIP_TYPES }) @IsIn(list(HARDSHIP_TYPES)) type: HardshipType;
  @ApiProperty() @IsISO8601({ strict: true }) occurredOn: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(MONEY_MAX) loss?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class BenefitDto {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9_]{2,40}$/) policyCode: string;
  @ApiProperty() @IsISO8601({ strict: true }) since: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(MONEY_MAX) monthlyAmount?: number;
}

/** A legal supporter (法定赡养、抚养、扶养义务人) of the applicant; income is encrypted at rest and masked by role. */
export class SupporterDto {
  @ApiProperty({ description: '姓名' }) @IsString() @Length(1, 40) name: string;
  @ApiProperty({ enum: SUPPORTER_RELATIONS, description: '与申请对象的关系' }) @IsIn(list(SUPPORTER_RELATIONS)) relation: SupporterRelation;
  @ApiProperty({ nullable: true, description: '出生日期 YYYY-MM-DD，未知为 null' }) @IsOptional() @IsISO8601({ strict: true }) birthDate: string | null;
  @ApiProperty({ description: '是否与申请对象共同生活' }) @IsBoolean() coResident: boolean;
  @ApiProperty({ nullable: true, description: '本人月收入（元），未核实为 null' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MONEY_MAX)
  monthlyIncome: number | null;
  @ApiProperty({ enum: SUPPORTER_CONDITIONS, isArray: true, description: '履行能力相关情形：特困、低保、重残、无劳动能力、无民事行为能力/失踪/服刑' })
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(list(SUPPORTER_CONDITIONS), { each: true })
  conditions: SupporterCondition[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

/** The editable sections of a household; arrays replace the stored section whole. */
export class HouseholdSectionsDto {
  @ApiPropertyOptional({ type: [IncomeDto] }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => IncomeDto) incomes?: IncomeDto[];
  @ApiPropertyOptional({ type: [AssetDto] }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AssetDto) assets?: AssetDto[];
  @ApiPropertyOptional({ type: [ExpenseDto] }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ExpenseDto) expenses?: ExpenseDto[];
  @ApiPropertyOptional({ type: [HardshipDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HardshipDto)
  hardships?: HardshipDto[];
  @ApiPropertyOptional({ type: [BenefitDto] }) @IsOptional() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => BenefitDto) benefits?: BenefitDto[];
  @ApiPropertyOptional({ type: [SupporterDto], description: '法定赡养、抚养、扶养义务人；不传为未登记（特困等条件待核实），空数组为无义务人' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SupporterDto)
  supporters?: SupporterDto[];
}

export class CreateHouseholdDto extends HouseholdSectionsDto implements CreateHouseholdBody {
  @ApiProperty({ description: '有效的授权同意记录 id' }) @IsString() @Length(36, 36) consentId: string;
  @ApiProperty() @IsString() @Length(4, 200) address: string;
  @ApiProperty({ description: '社区/村 12 位代码' }) @IsRegionCode() @Length(12, 12) communityCode: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) gridId?: string;
  @ApiProperty({ type: [MemberDto] }) @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MemberDto) members: MemberDto[];
}

export class UpdateHouseholdDto extends HouseholdSectionsDto implements UpdateHouseholdBody {
  @ApiProperty({ description: '读取时的版本号（乐观锁）' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(4, 200) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) gridId?: string;
  @ApiPropertyOptional({ type: [MemberDto] })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members?: MemberDto[];
}

export class ListHouseholdsQuery implements HouseholdListQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
  @ApiPropertyOptional({ description: '户主姓名（前缀匹配）' }) @IsOptional() @IsString() @MaxLength(20) name?: string;
  @ApiPropertyOptional({ description: '成员身份证号（精确匹配）' }) @IsOptional() @IsChineseIdNumber() idNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsRegionCode() streetCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsRegionCode() communityCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) gridId?: string;
  @ApiPropertyOptional({ enum: HOUSEHOLD_STATUSES }) @IsOptional() @IsIn(list(HOUSEHOLD_STATUSES)) status?: HouseholdStatus;
  @ApiPropertyOptional({ enum: RISK_COLOURS, description: '当前风险颜色' }) @IsOptional() @IsIn(list(RISK_COLOURS)) colour?: RiskColour;
  @ApiPropertyOptional({ description: '救助类别：当前符合该政策（政策代码）' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'category 须为政策代码' })
  category?: string;
  @ApiPropertyOptional({ description: '翻页游标：上一页返回的 nextCursor（给出时忽略 page，任意深度同样快）' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{8,200}$/, { message: 'cursor 须为上一页返回的 nextCursor' })
  cursor?: string;
}

export class MemberResponseDto implements MemberView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: RELATIONS }) relation: Relation;
  @ApiProperty() name: string;
  @ApiProperty({ description: '按角色脱敏' }) idNumber: string;
  @ApiProperty() sex: 'male' | 'female';
  @ApiProperty() birthDate: string;
  @ApiProperty() age: number;
  @ApiProperty({ nullable: true }) ethnicity: string | null;
  @ApiProperty({ nullable: true, description: '按角色脱敏' }) phone: string | null;
  @ApiProperty({ nullable: true }) education: Education | null;
  @ApiProperty({ nullable: true }) employment: Employment | null;
  @ApiProperty({ nullable: true }) labourCapacity: LabourCapacity | null;
  @ApiProperty({ type: HealthDto, nullable: true }) health: HealthDto | null;
  @ApiProperty({ type: DisabilityDto, nullable: true }) disability: DisabilityDto | null;
  @ApiProperty({ type: SelfCareDto, nullable: true }) selfCare: SelfCareDto | null;
  @ApiProperty({ nullable: true }) selfCareLevel: SelfCareLevel | null;
  @ApiProperty() coResident: boolean;
}

export class HouseholdResponseDto implements HouseholdView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: HOUSEHOLD_STATUSES }) status: HouseholdStatus;
  @ApiProperty() version: number;
  @ApiProperty() districtCode: string;
  @ApiProperty() streetCode: string;
  @ApiProperty() communityCode: string;
  @ApiProperty() gridId: string;
  @ApiProperty() address: string;
  @ApiProperty() headName: string;
  @ApiProperty() consentId: string;
  @ApiProperty({ type: [MemberResponseDto] }) members: MemberResponseDto[];
  @ApiProperty({ type: [IncomeDto] }) incomes: IncomeDto[];
  @ApiProperty({ type: [AssetDto] }) assets: AssetDto[];
  @ApiProperty({ type: [ExpenseDto] }) expenses: ExpenseDto[];
  @ApiProperty({ type: [HardshipDto] }) hardships: HardshipDto[];
  @ApiProperty({ type: [BenefitDto] }) benefits: BenefitDto[];
  @ApiProperty({ type: [SupporterDto], nullable: true, description: '法定义务人（未登记为 null）；脱敏时姓名掩码、不含收入' }) supporters:
    SupporterDto[] | null;
  @ApiProperty({ description: '敏感信息是否按角色脱敏' }) masked: boolean;
  @ApiProperty({ nullable: true, description: '待审核的变更申请 id' }) pendingSubmissionId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class HouseholdSummaryDto implements HouseholdSummary {
  @ApiProperty() id: string;
  @ApiProperty({ enum: HOUSEHOLD_STATUSES }) status: HouseholdStatus;
  @ApiProperty() version: number;
  @ApiProperty() streetCode: string;
  @ApiProperty() communityCode: string;
  @ApiProperty() gridId: string;
  @ApiProperty() address: string;
  @ApiProperty() headName: string;
  @ApiProperty() memberCount: number;
  @ApiProperty({ nullable: true, enum: RISK_COLOURS, description: '当前风险颜色（未评分为 null）' }) riskColour: RiskColour | null;
  @ApiProperty() updatedAt: string;
}

export class HouseholdPageDto implements Page<HouseholdSummary> {
  @ApiProperty({ type: [HouseholdSummaryDto] }) items: HouseholdSummaryDto[];
  @ApiProperty({ description: '符合条件的户数；totalExact 为 false 时为下限（精确数正在后台统计，稍后的请求给出）' }) total: number;
  @ApiProperty({ description: 'total 是否为精确数' }) totalExact: boolean;
  @ApiProperty({ nullable: true, type: String, description: '下一页的游标（作为 cursor 传回）；没有下一页时为 null' }) nextCursor: string | null;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FieldChangeDto implements FieldChange {
  @ApiProperty({ example: 'members[0].phone' }) path: string;
  @ApiProperty({ nullable: true }) before: unknown;
  @ApiProperty({ nullable: true }) after: unknown;
}

export class RevisionResponseDto implements Revision {
  @ApiProperty() id: number;
  @ApiProperty() version: number;
  @ApiProperty() actorId: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ enum: ['staff', 'submission', 'system'] }) source: RevisionSource;
  @ApiProperty({ nullable: true }) submissionId: string | null;
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
  @ApiProperty() createdAt: string;
}

export class HouseholdViewQuery implements HouseholdViewQueryShape {
  @ApiPropertyOptional({ enum: ['masked'], description: 'masked：无论角色均返回脱敏视图（工作台默认）' }) @IsOptional() @IsIn(['masked']) view?: 'masked';
}

export class RevealDto implements RevealBody {
  @ApiProperty({ description: '查看事由（记入审计日志）', minLength: 2, maxLength: 200 })
  @IsString()
  @Length(2, 200)
  @Matches(/\S.*\S/)
  reason: string;
}

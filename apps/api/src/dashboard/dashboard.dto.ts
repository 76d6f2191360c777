import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PolicyGroup } from '@zczr/eligibility';
import type { Count } from '@zczr/contract';
import type {
  Board,
  BoardStreet,
  CircleCount,
  ColourCount,
  Coverage,
  CoverageRun,
  Dashboard,
  DashboardScope,
  DashboardTotals,
  IncomeCircle,
  PolicyCoverage,
  PolicyGroupCount,
  StreetCount,
  CommunityCount,
  StreetCoverage,
  TrendSeries,
  Trends,
} from '@zczr/contract';

/** A suppressed count: the number, or "<5" for 1–4 (small-cell suppression; 0 stays 0). */
export { SUPPRESS_BELOW, suppress, type Count } from '@zczr/contract';

const COUNT = { oneOf: [{ type: 'number' }, { type: 'string', enum: ['<5'] }], description: '1–4 显示为 "<5"（小数抑制）' };

export class ScopeDto implements DashboardScope {
  @ApiProperty({ enum: ['district', 'street'] }) level: 'district' | 'street';
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '区县代码' }) districtCode: string;
  @ApiProperty() districtName: string;
  @ApiProperty({ description: '地级市名称（地图用）' }) cityName: string;
}

export class TotalsDto implements DashboardTotals {
  @ApiProperty(COUNT) households: Count;
  @ApiProperty(COUNT) people: Count;
  @ApiProperty({ ...COUNT, description: '符合但未享受任何救助的家庭（沉默的少数，按最近一次筛查）' }) silentHouseholds: Count;
  @ApiProperty({ description: '未办结的预警' }) openWarnings: number;
  @ApiProperty({ description: '超期未办结的核实任务' }) overdueTasks: number;
}

export class ColourCountDto implements ColourCount {
  @ApiProperty({ enum: ['orange', 'yellow', 'blue', 'green', 'none'] }) colour: ColourCount['colour'];
  @ApiProperty() label: string;
  @ApiProperty(COUNT) households: Count;
  @ApiProperty(COUNT) people: Count;
}

export class CircleCountDto implements CircleCount {
  @ApiProperty({ nullable: true, description: '收入圈层 1–4；null 为未入圈' }) circle: IncomeCircle | null;
  @ApiProperty() label: string;
  @ApiProperty(COUNT) households: Count;
  @ApiProperty(COUNT) people: Count;
}

export class CategoryCountDto implements PolicyGroupCount {
  @ApiProperty({ description: '救助类别（政策分组）' }) group: PolicyGroup;
  @ApiProperty() label: string;
  @ApiProperty({ ...COUNT, description: '在享户次' }) receivingHouseholds: Count;
  @ApiProperty(COUNT) receivingPeople: Count;
  @ApiProperty(COUNT) eligibleHouseholds: Count;
  @ApiProperty({ ...COUNT, description: '符合但未享受' }) silentHouseholds: Count;
}

export class StreetCountDto implements StreetCount {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty(COUNT) households: Count;
  @ApiProperty(COUNT) people: Count;
  @ApiProperty(COUNT) orange: Count;
  @ApiProperty(COUNT) yellow: Count;
  @ApiProperty(COUNT) blue: Count;
  @ApiProperty(COUNT) green: Count;
  @ApiProperty({ ...COUNT, description: '尚未评估风险' }) unscored: Count;
}

export class CommunityCountDto extends StreetCountDto implements CommunityCount {
  @ApiProperty() streetCode: string;
}

export class PolicyCoverageDto implements PolicyCoverage {
  @ApiProperty() policyCode: string;
  @ApiProperty() policyName: string;
  @ApiProperty() group: PolicyGroup;
  @ApiProperty(COUNT) eligibleHouseholds: Count;
  @ApiProperty(COUNT) receivingHouseholds: Count;
  @ApiProperty({ ...COUNT, description: '符合但未享受该政策' }) silentHouseholds: Count;
  @ApiProperty(COUNT) silentPeople: Count;
  @ApiProperty({ ...COUNT, description: '享受但已不符合（退出候选）' }) exitHouseholds: Count;
  @ApiProperty({ nullable: true, description: '覆盖率：符合者中已享受的比例（0–1）；符合户数不足 5 时不计算' }) coverageRate: number | null;
}

export class StreetCoverageDto implements StreetCoverage {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ ...COUNT, description: '符合户次（各政策合计）' }) eligible: Count;
  @ApiProperty(COUNT) receiving: Count;
  @ApiProperty(COUNT) silent: Count;
  @ApiProperty({ nullable: true }) coverageRate: number | null;
}

export class CoverageRunDto implements CoverageRun {
  @ApiProperty() id: string;
  @ApiProperty() asOf: string;
  @ApiProperty({ nullable: true }) finishedAt: string | null;
}

export class CoverageDto implements Coverage {
  @ApiProperty({ type: CoverageRunDto, nullable: true, description: '依据的筛查；尚未完成筛查时为 null' }) run: CoverageRunDto | null;
  @ApiProperty({ type: [PolicyCoverageDto], description: '按“符合未享受”从多到少' }) byPolicy: PolicyCoverageDto[];
  @ApiProperty({ type: [StreetCoverageDto] }) byStreet: StreetCoverageDto[];
}

export class TrendSeriesDto implements TrendSeries {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'array', items: COUNT }) values: Count[];
}

export class TrendsDto implements Trends {
  @ApiProperty({ type: [String], description: '最近 12 个月（YYYY-MM）' }) months: string[];
  @ApiProperty({ type: [TrendSeriesDto] }) series: TrendSeriesDto[];
}

export class DashboardDto implements Dashboard {
  @ApiProperty({ type: ScopeDto }) scope: ScopeDto;
  @ApiProperty() generatedAt: string;
  @ApiPropertyOptional({ description: '为 true 时：这是上次算出的数字，新的正在计算（见 generatedAt）' }) refreshing?: boolean;
  @ApiProperty({ description: '小于该值（且大于 0）的计数显示为 "<5"' }) suppressBelow: number;
  @ApiProperty({ type: TotalsDto }) totals: TotalsDto;
  @ApiProperty({ type: [ColourCountDto] }) byColour: ColourCountDto[];
  @ApiProperty({ type: [CircleCountDto] }) byCircle: CircleCountDto[];
  @ApiProperty({ type: [CategoryCountDto], description: '按救助类别（最近一次筛查）' }) byCategory: CategoryCountDto[];
  @ApiProperty({ type: [StreetCountDto] }) byStreet: StreetCountDto[];
  @ApiProperty({ type: [CommunityCountDto], description: '街道用户：本街道下各社区（村）；区县用户为空' }) byCommunity: CommunityCountDto[];
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: TrendsDto }) trends: TrendsDto;
}

// ---- the warnings and tasks board: workload counts, not population statistics ----------------

export class BoardStreetDto implements BoardStreet {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '未办结预警（橙）' }) orange: number;
  @ApiProperty() yellow: number;
  @ApiProperty() blue: number;
  @ApiProperty({ description: '未办结任务' }) activeTasks: number;
  @ApiProperty({ description: '超期未办结任务' }) overdueTasks: number;
}

export class BoardDto implements Board {
  @ApiProperty({ type: ScopeDto }) scope: ScopeDto;
  @ApiProperty({ description: '预警：颜色 → 状态 → 数量', type: Object }) warnings: Record<string, Record<string, number>>;
  @ApiProperty({ description: '任务：状态 → 数量', type: Object }) tasks: Record<string, number>;
  @ApiProperty() overdueTasks: number;
  @ApiProperty({ description: '未办结任务：督办层级 → 数量', type: Object }) escalation: Record<string, number>;
  @ApiProperty({ type: [BoardStreetDto] }) byStreet: BoardStreetDto[];
  @ApiPropertyOptional({ description: '说明' }) note?: string;
}

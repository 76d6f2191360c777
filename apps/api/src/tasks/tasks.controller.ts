import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import {
  AssigneeDto,
  CreateTaskDto,
  EscalateTaskDto,
  NoticeObjectionDto,
  ReassignTaskDto,
  ReviewTaskDto,
  SubmitFindingsDto,
  TaskDto,
  TaskPageDto,
  TaskQuery,
} from './task.dto.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks 核实任务')
@ApiBearerAuth()
@Roles('grid_worker', 'street_reviewer', 'district_reviewer')
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly service: TasksService) {}

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

  @Post(':id/submit')
  @HttpCode(200)
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

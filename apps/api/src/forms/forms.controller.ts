import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, Roles } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { FormsService, type PrintedForm } from './forms.service.js';

/** Sends a form inline (the browser opens it), with its Chinese name as RFC 5987 `filename*`. */
function send(res: Response, form: PrintedForm): void {
  res.setHeader('content-type', 'application/pdf');
  res.setHeader('content-disposition', `inline; filename="${form.asciiFilename}"; filename*=UTF-8''${encodeURIComponent(form.filename)}`);
  res.setHeader('cache-control', 'no-store');
  res.end(form.pdf);
}

@ApiTags('forms 打印表单')
@ApiBearerAuth()
@Controller('v1')
export class FormsController {
  constructor(private readonly service: FormsService) {}

  @Get('households/:id/forms/survey')
  @Roles('grid_worker', 'street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '打印入户调查表（PDF，预填该户信息，按角色脱敏；打印记入审计）' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'PDF 文件' })
  async survey(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    send(res, await this.service.survey(auth, id));
  }

  @Get('tasks/:id/forms/notice')
  @Roles('street_reviewer', 'district_reviewer')
  @ApiOperation({ summary: '打印核实结果告知书（PDF：处置决定、理由、复核与复议途径；打印记入审计）' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'PDF 文件' })
  async notice(@Auth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    send(res, await this.service.notice(auth, id));
  }
}

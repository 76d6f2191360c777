/// <reference types="multer" />
import { Body, Controller, HttpCode, Post, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ImageUpload } from '../attachments/image-upload.js';
import { Auth } from '../auth/decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import {
  DisabilityCertificateOcrResultDto,
  DocumentOcrFormDto,
  HouseholdRegisterOcrResultDto,
  IdCardBackFieldsDto,
  IdCardFrontFieldsDto,
  IdCardOcrDto,
  IdCardOcrFormDto,
  IdCardOcrResultDto,
  OcrGroundsDto,
} from './ocr.dto.js';
import { OcrService } from './ocr.service.js';

const RULES = `
离线识别（照片不出内网、不保存），结果须经本人或经办人核对后再提交，本接口不写入任何档案。

**授权规则**（个人信息保护法：身份证号码等为敏感个人信息）：
- 居民：只能识别本人证件（已实名认证，且证件上的号码与实名号码一致）；尚未实名的居民在实名认证时识别本人身份证，须勾选 forIdentityBinding=true（实名认证自带的单独同意）。
- 工作人员、网格员（及代未成年子女办理的居民）：须在 consentId 中注明一份有效授权（已勾选敏感个人信息、包含“社会救助资格评估”用途，且为本人所录入或属于其管辖范围内的家庭）。证件上的人须为授权人本人，或授权已关联家庭的成员；识别户口簿成员页时，本人24小时内录入、尚未关联家庭的授权，视为覆盖正在采集的这户成员。
- 先识别、后核对：证件上的号码不在授权范围内时返回 403 CONSENT_REQUIRED，且不返回任何识别内容；号码无法识别、无从核对时返回 422 OCR_UNREADABLE，请重新拍摄。身份证国徽面没有号码，只核对授权本身。

**结果**：每个字段 { value, confidence, needsConfirmation, note?, candidates? }。身份证号码仅在两次独立读取一致、校验位正确（或与实名/授权记录一致）时 needsConfirmation=false；单字纠错、有歧义（candidates）或未通过校验的号码一律须核对。性别、出生日期以号码为准，证面不一致时在 note 中说明。住址按行政区划名称更正。

**错误**：415 UNSUPPORTED_FILE_TYPE（按文件头判断，仅 JPEG/PNG/WebP）、413 FILE_TOO_LARGE / IMAGE_TOO_LARGE、422 IMAGE_CORRUPT、400 FILE_REQUIRED（字段名须为 image）、503 OCR_UNAVAILABLE / OCR_BUSY / OCR_TIMEOUT。`;

@ApiTags('ocr 证件识别')
@ApiBearerAuth()
@ApiExtraModels(IdCardFrontFieldsDto, IdCardBackFieldsDto, OcrGroundsDto)
@Controller('v1/ocr')
export class OcrController {
  constructor(private readonly service: OcrService) {}

  @Post('id-card')
  @HttpCode(200)
  @ImageUpload('image')
  @ApiOperation({ summary: '识别居民身份证（人像面或国徽面）', description: RULES })
  @ApiBody({ type: IdCardOcrFormDto })
  @ApiOkResponse({ type: IdCardOcrResultDto })
  idCard(@Auth() auth: AuthContext, @UploadedFile() image: Express.Multer.File | undefined, @Body() dto: IdCardOcrDto): Promise<IdCardOcrResultDto> {
    return this.service.idCard(auth, image, dto);
  }

  @Post('disability-certificate')
  @HttpCode(200)
  @ImageUpload('image')
  @ApiOperation({ summary: '识别残疾人证（姓名、身份证号码、20位证号、残疾类别与等级）', description: RULES })
  @ApiBody({ type: DocumentOcrFormDto })
  @ApiOkResponse({ type: DisabilityCertificateOcrResultDto })
  disabilityCertificate(
    @Auth() auth: AuthContext,
    @UploadedFile() image: Express.Multer.File | undefined,
    @Body() dto: OcrGroundsDto,
  ): Promise<DisabilityCertificateOcrResultDto> {
    return this.service.disabilityCertificate(auth, image, dto);
  }

  @Post('household-register')
  @HttpCode(200)
  @ImageUpload('image')
  @ApiOperation({ summary: '识别户口簿常住人口登记卡（成员页）', description: RULES })
  @ApiBody({ type: DocumentOcrFormDto })
  @ApiOkResponse({ type: HouseholdRegisterOcrResultDto })
  householdRegister(
    @Auth() auth: AuthContext,
    @UploadedFile() image: Express.Multer.File | undefined,
    @Body() dto: OcrGroundsDto,
  ): Promise<HouseholdRegisterOcrResultDto> {
    return this.service.householdRegister(auth, image, dto);
  }
}

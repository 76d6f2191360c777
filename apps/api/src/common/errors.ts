import { HttpStatus } from '@nestjs/common';

/**
 * Every domain error the API answers with: a stable English code, its HTTP status and the
 * Chinese message a user reads. One table, so the exception filter stays a lookup.
 */
export const ERRORS = {
  VALIDATION_FAILED: [HttpStatus.BAD_REQUEST, '提交的数据不符合要求'],
  BAD_REQUEST: [HttpStatus.BAD_REQUEST, '请求格式不正确'],
  PAYLOAD_TOO_LARGE: [HttpStatus.PAYLOAD_TOO_LARGE, '提交的数据过大'],
  INVALID_ID_NUMBER: [HttpStatus.BAD_REQUEST, '身份证号码无效'],
  UNAUTHENTICATED: [HttpStatus.UNAUTHORIZED, '请先登录'],
  TOKEN_INVALID: [HttpStatus.UNAUTHORIZED, '登录已失效，请重新登录'],
  LOGIN_FAILED: [HttpStatus.UNAUTHORIZED, '用户名、密码或动态验证码错误'],
  CREDENTIALS_WRONG: [HttpStatus.BAD_REQUEST, '当前密码或动态验证码不正确'],
  PASSWORD_UNCHANGED: [HttpStatus.BAD_REQUEST, '新密码不能与当前密码相同'],
  TOTP_TICKET_INVALID: [HttpStatus.BAD_REQUEST, '更换动态验证码的请求已过期，请重新开始'],
  ACCOUNT_LOCKED: [HttpStatus.LOCKED, '登录失败次数过多，账号已临时锁定，请稍后再试'],
  TOO_MANY_REQUESTS: [HttpStatus.TOO_MANY_REQUESTS, '操作过于频繁，请稍后再试'],
  WECHAT_LOGIN_FAILED: [HttpStatus.UNAUTHORIZED, '微信登录失败，请重试'],
  WECHAT_UNAVAILABLE: [HttpStatus.BAD_GATEWAY, '微信服务暂时不可用，请稍后再试'],
  DEMO_DISABLED: [HttpStatus.NOT_FOUND, '演示登录未开启'],
  FORBIDDEN: [HttpStatus.FORBIDDEN, '您没有权限进行此操作'],
  NOT_FOUND: [HttpStatus.NOT_FOUND, '记录不存在或无权访问'],
  CONSENT_REQUIRED: [HttpStatus.FORBIDDEN, '尚未取得有效的授权同意，不能采集或处理个人信息'],
  CONSENT_SENSITIVE_REQUIRED: [HttpStatus.FORBIDDEN, '敏感个人信息需要单独授权同意'],
  CONSENT_GUARDIAN_REQUIRED: [HttpStatus.BAD_REQUEST, '未满14周岁的未成年人须由监护人授权同意'],
  CONSENT_ALREADY_USED: [HttpStatus.CONFLICT, '该授权已用于其他家庭档案'],
  CONSENT_WITHDRAWN: [HttpStatus.CONFLICT, '授权已撤回'],
  CONSENT_SIGNER_MINOR: [HttpStatus.BAD_REQUEST, '共同签字人须年满 18 周岁'],
  CONSENT_SIGNER_DUPLICATE: [HttpStatus.BAD_REQUEST, '同一人只需签字一次'],
  HOUSEHOLD_REJECTED: [HttpStatus.CONFLICT, '该档案未通过审核，已停止处理'],
  IDENTITY_NOT_BOUND: [HttpStatus.FORBIDDEN, '请先完成实名认证'],
  IDENTITY_ALREADY_BOUND: [HttpStatus.CONFLICT, '该身份证号已绑定其他账号'],
  IDENTITY_LOCKED: [HttpStatus.CONFLICT, '本账号已绑定实名身份，如需更换请到社区或街道由工作人员办理'],
  IDENTITY_MISMATCH: [HttpStatus.UNPROCESSABLE_ENTITY, '姓名与身份证号在档案中的记录不一致，请核对后重试'],
  IDENTITY_UNVERIFIED: [HttpStatus.FORBIDDEN, '实名身份尚未核验，请完成人脸核身或到社区由工作人员确认'],
  FACE_VERIFY_FAILED: [HttpStatus.UNPROCESSABLE_ENTITY, '人脸核身未通过或与填写的身份不一致，请重试'],
  REASON_REQUIRED: [HttpStatus.BAD_REQUEST, '请填写原因'],
  JSON_TOO_DEEP: [HttpStatus.BAD_REQUEST, '提交的数据层级过深'],
  DUPLICATE_MEMBER: [HttpStatus.CONFLICT, '家庭成员已在其他在册家庭中登记'],
  VERSION_CONFLICT: [HttpStatus.CONFLICT, '档案已被他人修改，请刷新后重试'],
  INVALID_STATE: [HttpStatus.CONFLICT, '当前状态不允许此操作'],
  IDEMPOTENCY_KEY_REUSED: [HttpStatus.UNPROCESSABLE_ENTITY, '幂等键已用于不同的请求'],
  IDEMPOTENCY_IN_PROGRESS: [HttpStatus.CONFLICT, '相同请求正在处理中，请稍后再试'],
  UNKNOWN_REGION: [HttpStatus.BAD_REQUEST, '行政区划代码不存在或不在本辖区'],
  UNKNOWN_GRID: [HttpStatus.BAD_REQUEST, '网格不存在或不属于该社区'],
  INVALID_RULE: [HttpStatus.BAD_REQUEST, '政策规则有误'],
  REFERENCES_FAILING: [HttpStatus.CONFLICT, '参考家庭的测算结果与预期不符，不能发布'],
  PARAMETER_UNKNOWN: [HttpStatus.BAD_REQUEST, '参数不存在'],
  PARAMETER_VALUE_OUT_OF_RANGE: [HttpStatus.BAD_REQUEST, '参数取值超出合理范围（须为非负数，比例不超过 1，且不偏离现行值 10 倍以上）'],
  PARAMETER_DATE_INVALID: [HttpStatus.BAD_REQUEST, '生效日期须为有效日期（YYYY-MM-DD），且不早于今天'],
  PARAMETER_CHANGE_EXISTS: [HttpStatus.CONFLICT, '该参数在此地区、此生效日期已有取值或待审批的调整'],
  PARAMETER_SELF_APPROVAL: [HttpStatus.FORBIDDEN, '不能审批本人提出的参数调整，须由区级其他工作人员审批'],
  SCREENING_RUNNING: [HttpStatus.CONFLICT, '已有一次筛查正在进行'],
  FILE_REQUIRED: [HttpStatus.BAD_REQUEST, '请上传图片文件'],
  UNSUPPORTED_FILE_TYPE: [HttpStatus.UNSUPPORTED_MEDIA_TYPE, '仅支持 JPEG、PNG、WebP 格式的图片'],
  FILE_TOO_LARGE: [HttpStatus.PAYLOAD_TOO_LARGE, '图片文件过大'],
  IMAGE_TOO_LARGE: [HttpStatus.PAYLOAD_TOO_LARGE, '图片像素尺寸过大'],
  IMAGE_CORRUPT: [HttpStatus.UNPROCESSABLE_ENTITY, '图片已损坏或无法读取'],
  OCR_UNAVAILABLE: [HttpStatus.SERVICE_UNAVAILABLE, '证件识别服务未开启或暂不可用，请手工录入'],
  OCR_BUSY: [HttpStatus.SERVICE_UNAVAILABLE, '证件识别繁忙，请稍后再试'],
  OCR_TIMEOUT: [HttpStatus.SERVICE_UNAVAILABLE, '证件识别超时，请重新拍摄或稍后再试'],
  OCR_UNREADABLE: [HttpStatus.UNPROCESSABLE_ENTITY, '未能识别出证件号码，请在光线充足处对准证件重新拍摄'],
  IMPORT_UNKNOWN_SOURCE: [HttpStatus.NOT_FOUND, '不支持的部门数据来源'],
  IMPORT_FILE_REQUIRED: [HttpStatus.BAD_REQUEST, '请上传 CSV 或 Excel（.xlsx）文件'],
  IMPORT_FILE_EMPTY: [HttpStatus.BAD_REQUEST, '上传的文件是空的'],
  IMPORT_FILE_TYPE: [
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    '只能导入 CSV（UTF-8 编码）或 Excel（.xlsx）文件；该文件是图片、PDF、旧版 .xls 或其他编码，请按模板另存后再导入',
  ],
  IMPORT_FILE_TOO_LARGE: [HttpStatus.PAYLOAD_TOO_LARGE, '导入文件过大'],
  NEEDS_STREET_REVIEW: [HttpStatus.CONFLICT, '该政策实行两级审批：须先由街道审核，再报区县确认'],
  VISIT_PHOTO_LIMIT: [HttpStatus.UNPROCESSABLE_ENTITY, '现场照片数量已达上限'],
  VISIT_PHOTO_UNKNOWN: [HttpStatus.UNPROCESSABLE_ENTITY, '照片不属于本次入户核实，请在本任务中重新拍摄上传'],
  VISIT_NOT_MET: [HttpStatus.BAD_REQUEST, '未见到家人的入户不能提交家庭信息变更；请只填写情况说明'],
  TASK_ALREADY_CLAIMED: [HttpStatus.CONFLICT, '该任务已被他人领取或正在处理'],
  INVALID_ASSIGNEE: [HttpStatus.BAD_REQUEST, '指派对象须为该网格的网格员'],
  MONITORING_RUNNING: [HttpStatus.CONFLICT, '已有一次监测运行正在进行'],
  ACCOUNT_DISABLED: [HttpStatus.FORBIDDEN, '账号已停用，请联系系统管理员'],
  USERNAME_TAKEN: [HttpStatus.CONFLICT, '登录名已被使用'],
  CANNOT_CHANGE_SELF: [HttpStatus.CONFLICT, '不能停用或重置自己的账号'],
  INVALID_GRID_WORKER: [HttpStatus.BAD_REQUEST, '只能指派本街道在用的网格员账号'],
  DATABASE_UNAVAILABLE: [HttpStatus.SERVICE_UNAVAILABLE, '数据库暂时无法连接，请稍后重试'],
  CACHE_UNAVAILABLE: [HttpStatus.SERVICE_UNAVAILABLE, '缓存服务暂时无法连接，请稍后重试'],
  INTERNAL: [HttpStatus.INTERNAL_SERVER_ERROR, '服务器内部错误，请稍后再试'],
} as const satisfies Record<string, readonly [HttpStatus, string]>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  field?: string;
  message: string;
}

/** A domain error: thrown by services, mapped to `{ code, message, details? }` by the one filter. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string = ERRORS[code][1],
    readonly details?: ErrorDetail[],
  ) {
    super(code);
  }

  get status(): HttpStatus {
    return ERRORS[this.code][0];
  }
}

export const notFound = (): AppError => new AppError('NOT_FOUND');

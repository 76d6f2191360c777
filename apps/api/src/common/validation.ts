import { ValidationError, ValidationPipe } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { isValidIdNumber } from '@zczr/id-card';
import { IsString, Matches, MaxLength, ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { AppError, ErrorDetail } from './errors.js';

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The one global validation pipe: unknown fields are refused, types are transformed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new AppError('VALIDATION_FAILED', undefined, flatten(errors).slice(0, 50)),
  });
}

/** An 18-digit (or legacy 15-digit) resident ID number with a valid check digit. */
export function IsChineseIdNumber(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    MaxLength(18, options),
    ValidateBy(
      {
        name: 'isChineseIdNumber',
        validator: {
          validate: (value: unknown) => typeof value === 'string' && isValidIdNumber(value),
          defaultMessage: buildMessage(() => '$property 不是有效的身份证号码（校验位或出生日期错误）', options),
        },
      },
      options,
    ),
  );
}

/** A GB/T 2260 / statistical division code: 6 (district), 9 (street) or 12 (community) digits. */
export function IsRegionCode(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsString(options), Matches(/^\d{6}(\d{3}(\d{3})?)?$/, { message: '$property 不是有效的行政区划代码', ...options }));
}

/** Mainland mobile number. */
export function IsMobilePhone(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsString(options), Matches(/^1[3-9]\d{9}$/, { message: '$property 不是有效的手机号码', ...options }));
}

/** A real calendar day, YYYY-MM-DD: 2026-13-45 and 2026-02-30 are refused (a 400, never a 500 later). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    ValidateBy(
      {
        name: 'isCalendarDate',
        validator: {
          validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
          defaultMessage: buildMessage(() => '$property 不是有效日期（格式 YYYY-MM-DD）', options),
        },
      },
      options,
    ),
  );
}

export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

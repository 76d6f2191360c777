import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { Observable, catchError, from, of, switchMap, tap, throwError } from 'rxjs';
import type { AuthedRequest } from '../auth/decorators.js';
import { AppError } from '../common/errors.js';
import { Clock } from '../common/time.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Mobile POSTs may carry an `Idempotency-Key`: the first successful answer is stored and replayed
 * for any retry of the same request by the same user, so a retry never creates anything new.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) return throwError(() => new AppError('VALIDATION_FAILED', 'Idempotency-Key 须为 8–128 位字母、数字或 _.:-'));
    const id = createHash('sha256')
      .update(`${req.auth?.userId ?? 'anonymous'}\n${key}`)
      .digest('hex');
    // An uploaded file is part of the request: a key reused for another photo is refused, not replayed
    // (the file interceptor must run before this one, see tasks.controller's addPhoto).
    const file = (req as AuthedRequest & { file?: { buffer?: Buffer } }).file?.buffer;
    const requestHash = createHash('sha256')
      .update(`${req.method}\n${req.originalUrl}\n${JSON.stringify(req.body ?? null)}\n`)
      .update(file ? createHash('sha256').update(file).digest('hex') : '')
      .digest('hex');
    return from(this.repo.claim(id, requestHash, this.clock.iso())).pipe(
      switchMap((claimed) => {
        if (claimed) {
          return next.handle().pipe(
            switchMap((body: unknown) => from(this.repo.complete(id, res.statusCode, this.cipher.encryptJson(body ?? null))).pipe(switchMap(() => of(body)))),
            catchError((e: unknown) => from(this.repo.release(id)).pipe(switchMap(() => throwError(() => e)))),
          );
        }
        return from(this.repo.find(id)).pipe(
          switchMap((rec) => {
            if (!rec) return throwError(() => new AppError('IDEMPOTENCY_IN_PROGRESS'));
            if (rec.requestHash !== requestHash) return throwError(() => new AppError('IDEMPOTENCY_KEY_REUSED'));
            if (rec.statusCode === null || rec.responseEnc === null) return throwError(() => new AppError('IDEMPOTENCY_IN_PROGRESS'));
            res.setHeader('Idempotent-Replayed', 'true');
            return of(this.cipher.decryptJson<unknown>(rec.responseEnc)).pipe(tap(() => res.status(rec.statusCode ?? 200)));
          }),
        );
      }),
    );
  }
}

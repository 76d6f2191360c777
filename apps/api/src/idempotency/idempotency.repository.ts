import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Transactor, isUniqueViolation } from '../database/transactor.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';

@Injectable()
export class IdempotencyRepository {
  constructor(
    @InjectRepository(IdempotencyRecordEntity) private readonly records: Repository<IdempotencyRecordEntity>,
    private readonly tx: Transactor,
  ) {}

  /** Claims the key; false if a record already exists. Any other failure (the database is down) is thrown, not taken for a claim. */
  async claim(id: string, requestHash: string, at: string): Promise<boolean> {
    try {
      return await this.tx.statement({
        sql: 'INSERT INTO idempotency_record (id, requestHash, statusCode, responseEnc, createdAt) VALUES (?, ?, NULL, NULL, ?)',
        params: [id, requestHash, at],
      });
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  find(id: string): Promise<IdempotencyRecordEntity | null> {
    return this.records.findOneBy({ id });
  }

  async complete(id: string, statusCode: number, responseEnc: string): Promise<void> {
    await this.tx.statement({ sql: 'UPDATE idempotency_record SET statusCode = ?, responseEnc = ? WHERE id = ?', params: [statusCode, responseEnc, id] });
  }

  async release(id: string): Promise<void> {
    await this.tx.statement({ sql: 'DELETE FROM idempotency_record WHERE id = ?', params: [id] });
  }
}

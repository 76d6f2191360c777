import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { columnsOf, insertStatements, type Statement } from '../database/bulk.js';
import { Transactor } from '../database/transactor.js';
import { ConsentEntity, ConsentSignerEntity } from './consent.entity.js';

@Injectable()
export class ConsentsRepository {
  constructor(
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
    @InjectRepository(ConsentSignerEntity) private readonly signers: Repository<ConsentSignerEntity>,
    private readonly tx: Transactor,
  ) {}

  /** One consent by id: read on every household write, so a plain statement (TypeORM's find builds its SQL anew each call). */
  async findById(id: string, m?: EntityManager): Promise<ConsentEntity | null> {
    const [row] = (await (m ?? this.consents.manager).query('SELECT * FROM consent WHERE id = ?', [id])) as Array<
      Omit<ConsentEntity, 'sensitiveData'> & { sensitiveData: boolean | number | string }
    >;
    // SQLite and MySQL both store the flag as 0/1.
    return row ? { ...row, sensitiveData: Number(row.sensitiveData) === 1 } : null;
  }

  /** A consent and its co-signers, in one batch (on SQLite the write worker runs it, not the event loop). */
  async insert(consent: ConsentEntity, signers: ConsentSignerEntity[] = []): Promise<void> {
    const m = this.consents.manager;
    // Every column any signer sets (one signer's missing property must not drop another's value).
    const signerColumns = [...new Set(signers.flatMap((sg) => columnsOf(m, ConsentSignerEntity, sg)))];
    await this.tx.batch(() => [
      ...insertStatements(this.tx.mysql, 'consent', columnsOf(m, ConsentEntity, consent), [consent]),
      ...insertStatements(this.tx.mysql, 'consent_signer', signerColumns, signers),
    ]);
  }

  /** A consent's co-signers, in the order they signed. */
  signersOf(consentId: string): Promise<ConsentSignerEntity[]> {
    return this.signers.find({ where: { consentId }, order: { position: 'ASC' } });
  }

  async insertMany(consents: ConsentEntity[], m: EntityManager): Promise<void> {
    await m.getRepository(ConsentEntity).insert(consents);
  }

  /**
   * Ties an active, unused consent to the household it was given for, as a guard of the household's
   * batch (Transactor.batch): nothing is written unless it changed exactly this consent.
   */
  linkToHouseholdStatement(consentId: string, householdId: string): Statement {
    return {
      sql: "UPDATE consent SET householdId = ? WHERE id = ? AND householdId IS NULL AND status = 'active'",
      params: [householdId, consentId],
      expectOne: true,
    };
  }

  async markWithdrawn(m: EntityManager, id: string, at: string, reason: string | null): Promise<void> {
    await m.getRepository(ConsentEntity).update({ id }, { status: 'withdrawn', withdrawnAt: at, withdrawalReason: reason, signatureEnc: null });
    await m.getRepository(ConsentSignerEntity).update({ consentId: id }, { signatureEnc: null });
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { addressGramRows } from '../../households/address-grams.js';

/*
 * "Address contains" read from an index of each address's bigrams instead of a LIKE scan of every
 * household (1.0 s at 100,000 households). The grams are compared byte for byte (utf8mb4_bin on
 * MySQL: a case- or accent-insensitive collation would make two grams one key; the household id
 * keeps the database's default, as the household table's does, so the two join); on SQLite the table
 * is WITHOUT ROWID, so its key is the table. Existing households are indexed here, 500 at a time.
 */
export class AddressGrams1764990000000 implements MigrationInterface {
  name = 'AddressGrams1764990000000';

  /** `page`: households read at a time while indexing those already stored. */
  constructor(private readonly page = 500) {}

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    if (mysql) {
      await q.query(
        'CREATE TABLE `household_address_gram` (`gram` varchar(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, `householdId` varchar(36) NOT NULL, ' +
          'PRIMARY KEY (`gram`, `householdId`), KEY `idx_address_gram_household` (`householdId`))',
      );
    } else {
      await q.query(
        'CREATE TABLE "household_address_gram" ("gram" varchar(8) NOT NULL, "householdId" varchar(36) NOT NULL, PRIMARY KEY ("gram", "householdId")) WITHOUT ROWID',
      );
      await q.query('CREATE INDEX "idx_address_gram_household" ON "household_address_gram" ("householdId")');
    }
    const c = (n: string): string => (mysql ? `\`${n}\`` : `"${n}"`);
    let after = '';
    for (;;) {
      const page = await q.query(
        `SELECT ${c('id')} AS id, ${c('address')} AS address FROM ${c('household')} WHERE ${c('id')} > ? ORDER BY ${c('id')} LIMIT ${this.page}`,
        [after],
      );
      const rows = page as Array<{ id: string; address: string }>;
      if (rows.length === 0) return;
      const grams = rows.flatMap((r) => addressGramRows(r.id, r.address ?? ''));
      for (let i = 0; i < grams.length; i += 400) {
        const slice = grams.slice(i, i + 400);
        await q.query(
          `INSERT INTO ${c('household_address_gram')} (${c('gram')}, ${c('householdId')}) VALUES ${slice.map(() => '(?, ?)').join(', ')}`,
          slice.flatMap((g) => [g.gram, g.householdId]),
        );
      }
      after = rows[rows.length - 1]!.id;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(q.connection.options.type === 'mysql' ? 'DROP TABLE `household_address_gram`' : 'DROP TABLE "household_address_gram"');
  }
}

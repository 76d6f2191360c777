import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/*
 * The console at a million households: the household list is read newest change first
 * (updatedAt DESC, id DESC) within a scope (district, street, grid), optionally by head-name prefix,
 * and a keyset cursor continues from (updatedAt, id). Each index below serves one of those reads
 * from the index alone (id included, so SQLite need not visit the table to page or count).
 */
const INDEXES: Array<[table: string, name: string, columns: string[]]> = [
  ['household', 'idx_household_district_recent', ['districtCode', 'updatedAt', 'id']],
  ['household', 'idx_household_street_recent', ['streetCode', 'updatedAt', 'id']],
  ['household', 'idx_household_grid_recent', ['gridId', 'updatedAt', 'id']],
  ['household', 'idx_household_district_name', ['districtCode', 'headName', 'updatedAt', 'id']],
  ['household', 'idx_household_street_name', ['streetCode', 'headName', 'updatedAt', 'id']],
  // A household's placement and recency by id, without the (wide, encrypted) row: joins from the
  // tables that hang off a household (risk colour, eligibility) filter and sort through it.
  ['household', 'idx_household_placement', ['id', 'districtCode', 'streetCode', 'gridId', 'status', 'updatedAt']],
  // Colour and category filters: the households of one colour or one eligible policy, from the index.
  ['household_risk', 'idx_household_risk_colour_household', ['colour', 'householdId']],
  ['eligibility_current', 'idx_eligibility_policy_household', ['policyCode', 'outcome', 'householdId']],
];

/* Indexes the ones above extend (same leading columns): dropped, so writes maintain no more trees than they need. */
const SUPERSEDED: Array<[table: string, name: string, columns: string[]]> = [
  ['household', 'idx_household_grid', ['gridId']],
  ['household_risk', 'idx_household_risk_colour', ['colour']],
  ['eligibility_current', 'idx_eligibility_policy', ['policyCode', 'outcome']],
];

export class ConsoleScale1764820000000 implements MigrationInterface {
  name = 'ConsoleScale1764820000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }));
    for (const [table, name] of SUPERSEDED) await q.dropIndex(table, name);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of SUPERSEDED) await q.createIndex(table, new TableIndex({ name, columnNames }));
    for (const [table, name] of [...INDEXES].reverse()) await q.dropIndex(table, name);
  }
}

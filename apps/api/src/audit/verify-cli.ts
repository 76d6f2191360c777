/**
 * `npm run audit:verify`: walks the audit hash chain of the configured database and exits 1 if
 * any entry was altered, removed from the middle or re-ordered.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { AuditLogEntity } from './audit-log.entity.js';
import { GENESIS_HASH, verifyChain } from './audit.service.js';

const config = loadConfig();
const ds = new DataSource({ ...dataSourceOptions(config.database), migrationsRun: false });
await ds.initialize();
const repo = ds.getRepository(AuditLogEntity);
let prev = GENESIS_HASH;
let checked = 0;
let afterId = 0;
let broken: number | undefined;
for (;;) {
  const page = await repo.createQueryBuilder('a').where('a.id > :afterId', { afterId }).orderBy('a.id', 'ASC').take(5000).getMany();
  if (page.length === 0) break;
  const r = verifyChain(page, prev);
  checked += r.checked;
  if (!r.ok) {
    broken = r.brokenAt;
    break;
  }
  prev = r.lastHash;
  afterId = page[page.length - 1]!.id;
}
await ds.destroy();
if (broken !== undefined) {
  console.error(`审计日志校验失败：第 ${broken} 条记录被篡改或链条断裂（已核对 ${checked} 条）`);
  process.exit(1);
}
console.log(`审计日志校验通过：共 ${checked} 条，哈希链完整`);

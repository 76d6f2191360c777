/**
 * `npm run audit:verify`: walks the audit chain of the configured database with the audit key and
 * holds it against the signed anchor; exits 1 if any entry was altered, recomputed, removed or the
 * tail truncated. Anchors of other hosts (API processes on several machines each keep their own
 * AUDIT_ANCHOR_PATH) are named as arguments: `npm run audit:verify -- /backup/host-b/audit-anchor.json`.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { AuditLogEntity } from './audit-log.entity.js';
import { verifyStoredChain } from './audit.service.js';

const REASONS: Record<string, string> = {
  edited: '记录被修改或链条被重算',
  gap: '记录被删除（序号不连续）',
  truncated: '末尾记录被删除或整表被清空（少于锚点记录的条数）',
  anchor_forged: '锚点文件签名无效（被篡改）',
};

const config = loadConfig();
const ds = new DataSource({ ...dataSourceOptions(config.database), migrationsRun: false });
await ds.initialize();
const r = await verifyStoredChain(ds.getRepository(AuditLogEntity), config, process.argv.slice(2));
await ds.destroy();
if (!r.ok) {
  console.error(
    `AUDIT_CHAIN_BROKEN 审计日志校验失败：${REASONS[r.reason ?? 'edited']}${r.brokenAt ? `，位置第 ${r.brokenAt} 条` : ''}（已核对 ${r.checked} 条）`,
  );
  process.exit(1);
}
console.log(`AUDIT_CHAIN_OK 审计日志校验通过：共 ${r.checked} 条，链条完整且与锚点一致`);

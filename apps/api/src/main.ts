import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, REPO_ROOT, loadConfig } from './config/app-config.js';
import { createApp } from './bootstrap.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './seed/demo-seed.service.js';

// A deployment may keep its settings in .env at the repository root (see .env.example).
if (existsSync(join(REPO_ROOT, '.env'))) process.loadEnvFile(join(REPO_ROOT, '.env'));

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`配置错误，拒绝启动 (configuration error): ${e.message}`);
    process.exit(1);
  }
  throw e;
}
const app = await createApp(config);
if (config.processRole === 'worker') {
  // No HTTP: takes job shards from Redis until stopped (SIGTERM lets the shard in hand finish).
  console.log(`政策找人 worker ${process.pid} 已启动：从 Redis 队列领取筛查与监测分片`);
} else {
  await app.listen(config.port, config.host);
  printBanner(config.port, config.database.type, config.database.location, config.demoMode);
}

function printBanner(port: number, type: string, location: string, demo: boolean): void {
  const base = `http://localhost:${port}`;
  console.log(`
政策找人 已启动 (${type === 'sqlite' ? 'SQLite ' + location : 'MySQL/MariaDB'})
  接口文档     ${base}/api/docs
  民政工作台   ${base}/admin/
  居民端 H5    ${base}/h5/`);
  if (demo) {
    console.log(`
演示模式（NODE_ENV=production 时关闭）：
  工作人员登录  用户名 demo-district / demo-street / demo-worker；三员 demo-admin / demo-security / demo-auditor，密码 ${DEMO_PASSWORD}
                动态验证码 TOTP 密钥 ${DEMO_TOTP_SECRET}（可导入任意身份验证器 App）
  快捷登录      POST ${base}/api/v1/auth/demo-login {"role":"resident|grid_worker|street_reviewer|district_reviewer|admin"}
`);
  }
}

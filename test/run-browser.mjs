#!/usr/bin/env node
// Browser smoke tests (npm run test:e2e). Assumes `npm run build` has been run.
//
// Starts the built API (apps/api/dist/main.js) on a free port with a fresh temporary SQLite
// database, waits for /api/health, then drives Debian's Chromium through playwright-core:
//   - /admin/    staff console: title, and 数据库状态 shows 正常
//   - /h5/       resident H5 placeholder: title
//   - /api/docs  Swagger UI renders the API description
//   - the mini-program's H5 scenarios from test/miniprogram.e2e.mjs (resident, self-check, grid worker
//     offline); WeChat's code2Session is answered by a local fake (WECHAT_API_BASE)
// Any console error or uncaught page error fails the check it happened in. Screenshots go to
// test-output/screenshots/, the API's output to test-output/e2e-api.log. The last line printed
// is the summary, e.g. "3 passed, 0 failed"; the exit code is non-zero on any failure.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), API_ENTRY (default
// apps/api/dist/main.js), E2E_KEEP_TMP=1 keeps the temporary database directory, E2E_ONLY='审核|政策' runs
// only the checks whose names contain one of the parts.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer as createHttpServer } from 'node:http';
import { chromium } from 'playwright-core';
import { MINIPROGRAM_CHECKS } from './miniprogram.e2e.mjs';
import { CONSENT_VISIT_CHECKS } from './miniprogram-consent-visit.e2e.mjs';
import { MINIPROGRAM_WORKER_CHECKS } from './miniprogram-worker.e2e.mjs';
import { ADMIN_CHECKS } from './admin.e2e.mjs';
import { ADMIN_OPS_CHECKS } from './admin-ops.e2e.mjs';
import { PARAMETER_CHECKS } from './admin-params.e2e.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'test-output');
const SHOT_DIR = join(OUT_DIR, 'screenshots');
const API_ENTRY = resolve(ROOT, process.env.API_ENTRY || 'apps/api/dist/main.js');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HEALTH_TIMEOUT_MS = 120_000;
const NAV_TIMEOUT_MS = 30_000;
const WAIT_TIMEOUT_MS = 20_000;
const LOG_TAIL_LINES = 200;
/** The console's two target screens (a bureau's 1440×900 and an older 1366×768 laptop). */
const DESKTOP = { width: 1440, height: 900 };
const DESKTOP_SMALL = { width: 1366, height: 768 };

// ---------------------------------------------------------------------------------------------
// Checks. Each gets a fresh page; console errors seen on that page fail it.

/** @typedef {{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext, base: string, shoot: (file: string) => Promise<void> }} Ctx */
/** @type {{ name: string, shot: string, mobile?: boolean, contextOptions?: object, ignoreConsole?: RegExp, run: (ctx: Ctx) => Promise<string | void> }[]} */
const CHECKS = [
  ...ADMIN_CHECKS,
  ...ADMIN_OPS_CHECKS,
  ...PARAMETER_CHECKS,
  {
    name: '居民端 H5 /h5/：标题',
    shot: 'h5.png',
    mobile: true,
    async run({ page, base }) {
      await page.goto(`${base}/h5/`, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      const title = await page.title();
      assert(title.includes('政策找人'), `document.title 为 ${JSON.stringify(title)}`);
      await page.getByText('政策找人', { exact: true }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: WAIT_TIMEOUT_MS });
    },
  },
  {
    name: '接口文档 /api/docs：Swagger UI 已渲染',
    shot: 'api-docs.png',
    async run({ page, base }) {
      await page.goto(`${base}/api/docs`, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      await page.locator('.swagger-ui').first().waitFor({ state: 'attached', timeout: WAIT_TIMEOUT_MS });
      // The title and the operation list appear only once the OpenAPI document has loaded and parsed.
      const title = page.locator('.swagger-ui .info .title').first();
      await title.waitFor({ state: 'visible', timeout: WAIT_TIMEOUT_MS });
      await page.locator('.swagger-ui .opblock').first().waitFor({ state: 'visible', timeout: WAIT_TIMEOUT_MS });
      const loadError = page.locator('.swagger-ui .errors-wrapper, .swagger-ui .loading-container .errors');
      if ((await loadError.count()) > 0 && (await loadError.first().isVisible())) {
        throw new Error(`Swagger UI 报告错误：${(await loadError.first().innerText()).trim()}`);
      }
      const text = (await title.innerText()).trim();
      assert(text.length > 0, 'Swagger UI 标题为空');
    },
  },
  ...MINIPROGRAM_CHECKS,
  ...CONSENT_VISIT_CHECKS,
  ...MINIPROGRAM_WORKER_CHECKS,
];

// ---------------------------------------------------------------------------------------------

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const log = (msg) => console.log(`[e2e] ${msg}`);

function errText(err) {
  if (err instanceof Error) return err.message.split('\n').slice(0, 6).join('\n');
  return String(err);
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * WeChat's server API, faked: code2Session (any code becomes the openid "o-<code>", so each test code
 * is a new resident), the access token, and subscribeMessage.send, whose messages are kept and listed
 * at GET /__messages (E2E_WECHAT_BASE tells the checks where).
 */
let fakeWechat = null;
const sentMessages = [];
async function startFakeWechat() {
  fakeWechat = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/cgi-bin/token') return void res.end(JSON.stringify({ access_token: 'e2e-access-token', expires_in: 7200 }));
    if (url.pathname === '/__messages') return void res.end(JSON.stringify(sentMessages));
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      let raw = '';
      req.on('data', (c) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const ok = url.searchParams.get('access_token') === 'e2e-access-token';
        if (ok) sentMessages.push(JSON.parse(raw || '{}'));
        res.end(JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 40001, errmsg: 'invalid credential' }));
      });
      return;
    }
    const code = url.searchParams.get('js_code');
    res.end(
      JSON.stringify(url.pathname === '/sns/jscode2session' && code ? { openid: `o-${code}`, session_key: 'e2e' } : { errcode: 40029, errmsg: 'invalid code' }),
    );
  });
  await new Promise((r) => fakeWechat.listen(0, '127.0.0.1', r));
  fakeWechat.unref();
  return `http://127.0.0.1:${fakeWechat.address().port}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The API child process, its output, and a guaranteed way to stop it. */
class ApiProcess {
  constructor() {
    /** @type {import('node:child_process').ChildProcess | null} */
    this.child = null;
    this.output = [];
    this.exited = null; // { code, signal } once the child has exited
    this.exitPromise = Promise.resolve();
  }

  start(env) {
    const child = spawn(process.execPath, [API_ENTRY], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so stop() also reaches anything the API spawns
    });
    this.child = child;
    const collect = (chunk) => this.output.push(chunk.toString('utf8'));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    this.exitPromise = new Promise((r) => {
      child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        r();
      });
      child.on('error', (err) => {
        this.output.push(`\n[e2e] 无法启动 API 进程：${err.message}\n`);
        this.exited = { code: null, signal: null };
        r();
      });
    });
  }

  get running() {
    return this.child !== null && this.child.pid !== undefined && this.exited === null;
  }

  text() {
    return this.output.join('');
  }

  tail(lines = LOG_TAIL_LINES) {
    const all = this.text().split('\n');
    const cut = all.length > lines ? [`…（前 ${all.length - lines} 行省略，完整输出见 test-output/e2e-api.log）`] : [];
    return [...cut, ...all.slice(-lines)].join('\n');
  }

  signal(sig) {
    if (!this.running) return;
    try {
      process.kill(-this.child.pid, sig);
    } catch {
      try {
        this.child.kill(sig);
      } catch {
        /* already gone */
      }
    }
  }

  async stop() {
    if (!this.running) return;
    this.signal('SIGTERM');
    const exited = await Promise.race([this.exitPromise.then(() => true), sleep(10_000).then(() => false)]);
    if (!exited) {
      log('API 未在 10 秒内退出，发送 SIGKILL');
      this.signal('SIGKILL');
      await Promise.race([this.exitPromise, sleep(5_000)]);
    }
  }
}

async function waitForHealth(api, base) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = '尚无响应';
  while (Date.now() < deadline) {
    if (!api.running) {
      const e = api.exited;
      throw new Error(`API 进程在就绪前退出（code=${e?.code}, signal=${e?.signal}）`);
    }
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(3_000) });
      const body = await res.text();
      if (res.ok) {
        let json = null;
        try {
          json = JSON.parse(body);
        } catch {
          /* not JSON */
        }
        if (json && json.status === 'ok') return json;
      }
      last = `HTTP ${res.status} ${body.slice(0, 200)}`;
    } catch (err) {
      last = errText(err);
    }
    await sleep(250);
  }
  throw new Error(`等待 ${HEALTH_TIMEOUT_MS / 1000} 秒后 /api/health 仍未就绪（最后一次：${last}）`);
}

async function runCheck(browser, check, base) {
  const context = await browser.newContext({
    ...(check.mobile
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }
      : { viewport: check.viewport ?? DESKTOP, locale: 'zh-CN' }),
    ...check.contextOptions,
  });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      // Checks that cut the network on purpose expect the browser to report failed requests.
      if (check.ignoreConsole?.test(msg.text())) return;
      // The browser's own automatic /favicon.ico request (made when a page declares no icon) is
      // not something the page did; a 404 on it is not a page error.
      if (loc?.url && new URL(loc.url).pathname === '/favicon.ico') return;
      consoleErrors.push(`console.error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => consoleErrors.push(`页面未捕获异常：${errText(err)}`));
  page.on('crash', () => consoleErrors.push('页面崩溃'));

  let failure = null;
  let note = null;
  const shoot = (file) => page.screenshot({ path: join(SHOT_DIR, file), fullPage: true, timeout: 10_000 }).then(() => undefined);
  try {
    const suffix = check.small ? (f) => f.replace(/\.png$/, '-1366.png') : (f) => f;
    note = (await check.run({ page, context, base, shoot: (f) => shoot(suffix(f)), small: !!check.small })) ?? null;
    // Let late requests and errors (e.g. a failing fetch after render) surface.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  } catch (err) {
    failure = errText(err);
  }
  if (consoleErrors.length > 0) {
    failure = [failure, `页面控制台错误 ${consoleErrors.length} 条：`, ...consoleErrors.map((e) => `  - ${e}`)].filter(Boolean).join('\n');
  }
  const shotPath = join(SHOT_DIR, failure ? check.shot.replace(/\.png$/, '-failed.png') : check.shot);
  await page.screenshot({ path: shotPath, fullPage: true, timeout: 10_000 }).catch((err) => {
    log(`截图失败（${check.shot}）：${errText(err)}`);
  });
  await context.close().catch(() => {});
  return { failure, note, shot: relative(ROOT, shotPath) };
}

// ---------------------------------------------------------------------------------------------

const api = new ApiProcess();
let browser = null;
let tmp = null;

// Never leave the API behind, whatever happens to this process.
process.on('exit', () => api.signal('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`收到 ${sig}，正在清理`);
    api.signal('SIGKILL');
    if (tmp && !process.env.E2E_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
    console.log(`0 passed, ${CHECKS.length} failed`);
    process.exit(1);
  });
}

/**
 * The WeChat package: builds dist/weapp (≈ 20–30 s) and runs apps/miniprogram/scripts/check-weapp.mjs
 * (WXML/WXSS through WeChat's compilers, App/Page lifecycles in a Node harness, main package ≤ 1 MB).
 * E2E_SKIP_WEAPP=1 skips it.
 */
function checkWeapp() {
  const t0 = Date.now();
  const build = spawnSync('npm', ['run', 'build:weapp', '-w', '@zczr/miniprogram'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) return { ok: false, text: `npm run build:weapp 失败：\n${(build.stdout + build.stderr).split('\n').slice(-30).join('\n')}` };
  const check = spawnSync(process.execPath, ['apps/miniprogram/scripts/check-weapp.mjs'], { cwd: ROOT, encoding: 'utf8' });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  return { ok: check.status === 0, text: `（${secs} 秒）\n${check.stdout.trim().replace(/^/gm, '    ')}${check.stderr ? `\n${check.stderr}` : ''}` };
}

async function main() {
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  if (!process.env.E2E_SKIP_WEAPP) {
    const weapp = checkWeapp();
    console.log(`${weapp.ok ? '✓' : '✗'} 微信小程序包：编译 WXML/WXSS、模拟运行生命周期、主包 ≤ 1 MB${weapp.text}`);
    if (weapp.ok) passed += 1;
    else failed += 1;
  }
  try {
    await mkdir(SHOT_DIR, { recursive: true });

    const missing = [API_ENTRY, join(ROOT, 'apps/admin/dist/index.html'), join(ROOT, 'apps/miniprogram/dist/h5/index.html')].filter((p) => !existsSync(p));
    if (missing.length > 0) {
      throw new Error(`缺少构建产物（请先运行 npm run build）：\n  ${missing.map((p) => relative(ROOT, p)).join('\n  ')}`);
    }
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`找不到 Chromium：${CHROMIUM_PATH}（apt-get install chromium，或设置 CHROMIUM_PATH）`);
    }

    tmp = await mkdtemp(join(tmpdir(), 'zczr-e2e-'));
    const wechatBase = await startFakeWechat();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(tmp, 'e2e.sqlite')}`,
      DEMO_HOUSEHOLDS: '300',
      WECHAT_API_BASE: wechatBase,
      // The chain's anchor belongs to this run's database: one left by an earlier run (a longer chain)
      // would rightly read as a truncated log.
      AUDIT_ANCHOR_PATH: join(tmp, 'audit-anchor.json'),
    };
    // The checks' fixtures may touch the test database directly (admin-ops: back-dated due dates).
    process.env.E2E_DATABASE_URL = env.DATABASE_URL;
    process.env.E2E_WECHAT_BASE = wechatBase;
    log(`启动 API：node ${relative(ROOT, API_ENTRY)}（端口 ${port}，数据库 ${env.DATABASE_URL}）`);
    api.start(env);
    const health = await waitForHealth(api, base);
    log(`API 已就绪（${((Date.now() - started) / 1000).toFixed(1)} 秒）：${JSON.stringify(health).slice(0, 200)}`);

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    log(`Chromium ${browser.version()}`);

    // E2E_ONLY='审核|政策' runs only the checks whose names contain one of the parts.
    const only = process.env.E2E_ONLY;
    // A check marked `bothViewports` runs at 1440×900 and again at 1366×768 (its screenshot suffixed -1366).
    const expanded = CHECKS.flatMap((c) =>
      c.bothViewports ? [c, { ...c, name: `${c.name}（1366×768）`, viewport: DESKTOP_SMALL, shot: c.shot.replace(/\.png$/, '-1366.png'), small: true }] : [c],
    );
    for (const check of only ? expanded.filter((c) => only.split('|').some((part) => c.name.includes(part))) : expanded) {
      const t0 = Date.now();
      const { failure, note, shot } = await runCheck(browser, check, base);
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (failure) {
        failed += 1;
        console.log(`✗ ${check.name}（${secs} 秒，截图 ${shot}）\n${failure.replace(/^/gm, '    ')}`);
      } else {
        passed += 1;
        console.log(`✓ ${check.name}（${secs} 秒，截图 ${shot}）${note ? `\n    ${note}` : ''}`);
      }
    }
  } catch (err) {
    console.error(`[e2e] 运行中止：${errText(err)}`);
    failed = CHECKS.length - passed; // checks that did not run count as failed
  } finally {
    if (browser) await Promise.race([browser.close().catch(() => {}), sleep(10_000)]);
    await api.stop();
    if (api.child) {
      await mkdir(OUT_DIR, { recursive: true }).catch(() => {});
      await writeFile(join(OUT_DIR, 'e2e-api.log'), api.text()).catch(() => {});
    }
    if (failed > 0 && api.child) {
      console.error(`[e2e] ---- API 输出（末尾 ${LOG_TAIL_LINES} 行）----\n${api.tail()}\n[e2e] ---- API 输出结束 ----`);
    }
    if (tmp && !process.env.E2E_KEEP_TMP) await rm(tmp, { recursive: true, force: true }).catch(() => {});
    else if (tmp) log(`保留临时目录：${tmp}`);
  }
  log(`用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    api.signal('SIGKILL');
    console.log(`0 passed, ${CHECKS.length} failed`);
    process.exit(1);
  },
);

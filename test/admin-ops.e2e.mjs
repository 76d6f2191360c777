/**
 * Browser scenarios for the operational half of the staff console (/admin), run by
 * test/run-browser.mjs against the real API on a fresh demo database: a population screening
 * started and followed live to 100 %, with a drill-down; the dashboard with the Chengdu map and the
 * street view; the warnings and tasks board with overdue tasks first and an escalation; a
 * department CSV import with row errors; the administration pages and the audit log's hash-chain
 * verification. Screenshots: test-output/screenshots/admin-ops-*.png.
 */
/* global document, performance -- only inside callbacks that run in the page */
import Database from 'better-sqlite3';
import { WAIT, assert, call, pageToken, staffSignIn, visibleText, waitText } from './admin.e2e.mjs';

/** Signs in through the console's form with this moment's TOTP code, then opens `path`. */
async function signIn(page, base, username, path) {
  await staffSignIn(page, base, username, path);
  if (!page.url().endsWith(path)) await page.goto(`${base}${path}`, { waitUntil: 'load', timeout: WAIT });
}

const rows = (locator) => locator.locator('tbody tr.ant-table-row');

/**
 * On a fresh database nothing is overdue yet (tasks are due 15 working days after they are made).
 * The fixture moves the due date of a few of the street's open tasks three weeks back, as if time
 * had passed: written straight into the test's SQLite file (E2E_DATABASE_URL, set by run-browser).
 */
function backdateTasks(streetCode, n) {
  const url = process.env.E2E_DATABASE_URL ?? '';
  assert(url.startsWith('sqlite:'), `E2E_DATABASE_URL 不是 SQLite：${url}`);
  const db = new Database(url.slice('sqlite:'.length), { timeout: 10_000 });
  try {
    const past = new Date(Date.now() + 8 * 3600_000 - 21 * 86_400_000).toISOString().slice(0, 10);
    const ids = db
      .prepare(
        "SELECT id FROM verification_task WHERE streetCode = ? AND status IN ('open', 'assigned', 'in_progress', 'returned') ORDER BY createdAt DESC, id LIMIT ?",
      )
      .all(streetCode, n)
      .map((r) => r.id);
    for (const id of ids) db.prepare('UPDATE verification_task SET dueDate = ? WHERE id = ?').run(past, id);
    return ids;
  } finally {
    db.close();
  }
}

export const ADMIN_OPS_CHECKS = [
  {
    name: '人群筛查：启动全区筛查，页面进度实时到 100%，按政策查看并下钻到家庭（姓名脱敏）',
    shot: 'admin-ops-screening.png',
    async run({ page, base, shoot }) {
      await signIn(page, base, 'demo-district', '/admin/screening');
      await page.getByTestId('start-screening').waitFor({ state: 'visible', timeout: WAIT });
      // Watch the progress the page shows while the run goes (server-sent events read with fetch).
      const seen = [];
      const watcher = setInterval(() => {
        page
          .getByTestId('screening-percent')
          .innerText({ timeout: 500 })
          .then(
            (t) => seen.push(t.trim()),
            () => {},
          );
      }, 100);
      await page.getByTestId('start-screening').click();
      // It asks first, naming the scope; it starts only once the scope is acknowledged.
      await page.getByTestId('screening-ack').click();
      await page.getByTestId('confirm-screening').click();
      try {
        await page.waitForFunction(
          () => {
            const status = document.querySelector('[data-testid="screening-status"]')?.textContent;
            const pct = document.querySelector(
              '[data-testid="screening-percent"] .ant-progress-indicator, [data-testid="screening-percent"] .ant-progress-text',
            )?.textContent;
            return status === '已完成' && /100/.test(pct ?? '');
          },
          null,
          { timeout: 120_000 },
        );
      } finally {
        clearInterval(watcher);
      }
      const results = page.getByTestId('screening-results');
      await rows(results).first().waitFor({ state: 'visible', timeout: WAIT });
      await shoot('admin-ops-screening-done.png');
      // Drill down: the households eligible for the first policy that has any.
      await results.getByTestId('drill-eligible').first().click();
      const drill = page.getByTestId('drill-table');
      await rows(drill).first().waitFor({ state: 'visible', timeout: WAIT });
      const head = (await rows(drill).first().locator('td').first().innerText()).trim();
      assert(/^.\*+$/.test(head), `户主姓名未脱敏：${head}`);
      await shoot('admin-ops-screening-drill.png');
      await page.keyboard.press('Escape');
      const distinct = [...new Set(seen.filter(Boolean))];
      return `页面显示的进度：${distinct.slice(0, 8).join(' → ') || '（一次到位）'}；下钻首户 ${head}`;
    },
  },
  {
    name: '数据看板：成都市地图标出温江区、街道示意图、政策覆盖与趋势，无控制台错误',
    shot: 'admin-ops-dashboard.png',
    bothViewports: true,
    async run({ page, base, shoot, small: narrow }) {
      const geo = page.waitForResponse((r) => r.url().includes('cheng2_du1') && r.status() === 200, { timeout: WAIT });
      await signIn(page, base, 'demo-district', '/admin/dashboard');
      await page.getByTestId('dashboard').waitFor({ state: 'visible', timeout: WAIT });
      await geo;
      for (const id of ['city-map-chart', 'street-treemap', 'trend-chart']) {
        await page.getByTestId(id).locator('canvas').first().waitFor({ state: 'visible', timeout: WAIT });
      }
      await waitText(page, '沉默的少数');
      await waitText(page, '此处不是地图');
      await page.getByTestId('coverage').locator('tbody tr.ant-table-row').first().waitFor({ state: 'visible', timeout: WAIT });
      // The dashboard chunk (with echarts) is loaded only here.
      const scripts = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((n) => n.endsWith('.js')),
      );
      assert(
        scripts.some((s) => /DashboardPage/.test(s)),
        '看板页面的代码没有单独分块加载',
      );
      // Let the charts finish their entry animation before the picture.
      await page.waitForTimeout(1200);
      await shoot('admin-ops-dashboard-district.png');
      // Close-ups of the charts whose labels used to collide (map, ring, circles, treemap), to look at.
      const closeUp = (id, file) =>
        page.getByTestId(id).screenshot({ path: `test-output/screenshots/${narrow ? file.replace(/\.png$/, '-1366.png') : file}`, timeout: 10_000 });
      await closeUp('city-map', 'admin-ops-dashboard-map.png');
      await closeUp('street-view', 'admin-ops-dashboard-treemap.png');
      await page
        .getByTestId('colour-chart')
        .locator('xpath=ancestor::div[contains(@class,"ant-row")][1]')
        .screenshot({ path: `test-output/screenshots/admin-ops-dashboard-row${narrow ? '-1366' : ''}.png`, timeout: 10_000 });
      const text = await visibleText(page);
      const small = /<5/.test(text);
      // A chart leads to the households behind it: the first (longest) bar of the coverage chart opens
      // the household list filtered by that policy.
      const chart = page.getByTestId('coverage-chart');
      const box = await chart.boundingBox();
      const bars = (await page.getByTestId('coverage').locator('tbody tr.ant-table-row').count()) > 0;
      if (box && bars) {
        const n = Math.min(12, Math.max(1, Math.round((box.height - 60) / 28)));
        await chart.click({ position: { x: 196, y: 10 + (box.height - 50) / n / 2 } });
        await page.waitForURL(/\/admin\/households\?category=/, { timeout: WAIT });
        await page.getByTestId('households-table').locator('tbody tr.ant-table-row').first().waitFor({ state: 'visible', timeout: WAIT });
        await shoot('admin-ops-dashboard-drill.png');
        await page.goto(`${base}/admin/dashboard`, { waitUntil: 'load', timeout: WAIT });
      }
      // A street reviewer sees their own street only.
      await page.getByTestId('sign-out').click();
      await signIn(page, base, 'demo-street', '/admin/dashboard');
      await page.getByTestId('dashboard').waitFor({ state: 'visible', timeout: WAIT });
      await waitText(page, '数据范围：温江区 ');
      await page.getByTestId('street-treemap').locator('canvas').first().waitFor({ state: 'visible', timeout: WAIT });
      await page.waitForTimeout(800);
      await shoot('admin-ops-dashboard-street.png');
      await closeUp('street-view', 'admin-ops-dashboard-street-treemap.png');
      await waitText(page, '各社区（村）分布');
      return `页面中${small ? '有' : '没有'}“<5”的小数抑制`;
    },
  },
  {
    name: '预警与任务看板：超期任务排在最前，升级督办，预警可进入家庭档案',
    shot: 'admin-ops-board.png',
    async run({ page, base, shoot }) {
      const district = (await call(base, 'POST', '/api/v1/auth/demo-login', { body: { role: 'district_reviewer' } })).body.accessToken;
      const street = (await call(base, 'POST', '/api/v1/auth/demo-login', { body: { role: 'street_reviewer' } })).body.accessToken;
      const me = await call(base, 'GET', '/api/v1/auth/me', { token: street });
      // A monitoring run raises the warnings (and their tasks) of the demo households.
      const run = await call(base, 'POST', '/api/v1/monitoring/runs', { token: district });
      if (run.status === 202) {
        for (let i = 0; i < 600; i++) {
          const r = await call(base, 'GET', `/api/v1/monitoring/runs/${run.body.id}`, { token: district });
          if (r.body.status !== 'running') break;
          await new Promise((res) => setTimeout(res, 100));
        }
      }
      const backdated = backdateTasks(me.body.regionCode, 2);
      assert(backdated.length > 0, '本街道没有未办结的任务可供测试');
      await signIn(page, base, 'demo-street', '/admin/board');
      const board = page.getByTestId('task-board');
      await rows(board).first().waitFor({ state: 'visible', timeout: WAIT });
      const flags = await rows(board).evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-testid="overdue-flag"]') !== null));
      assert(flags[0] === true, `第一行不是超期任务：${flags.join(',')}`);
      const firstNot = flags.indexOf(false);
      assert(firstNot === -1 || flags.slice(firstNot).every((f) => !f), `超期任务没有全部排在前面：${flags.join(',')}`);
      await shoot('admin-ops-board.png');
      // Escalate the first overdue task to the street.
      await rows(board).first().getByTestId('escalate').click();
      await page.getByTestId('escalate-reason').fill('社区两次催办仍未入户，街道督办');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await waitText(page, '已升级督办');
      await rows(board).first().getByText('街道').first().waitFor({ state: 'visible', timeout: WAIT });
      // Warnings, orange first; each links to its household.
      await page.getByRole('tab', { name: '监测预警' }).click();
      const warnings = page.getByTestId('warning-board');
      await rows(warnings).first().waitFor({ state: 'visible', timeout: WAIT });
      await shoot('admin-ops-board-warnings.png');
      await rows(warnings).first().getByTestId('warning-household').click();
      await page.getByTestId('household-title').waitFor({ state: 'visible', timeout: WAIT });
      return `超期 ${flags.filter(Boolean).length} 项排在最前（共显示 ${flags.length} 项）`;
    },
  },
  {
    name: '部门数据导入：上传一个小 CSV，显示进度结果与逐行错误',
    shot: 'admin-ops-imports.png',
    async run({ page, base, shoot }) {
      await signIn(page, base, 'demo-district', '/admin/imports');
      await page.getByTestId('import-upload').waitFor({ state: 'visible', timeout: WAIT });
      await waitText(page, '个人自付');
      const csv = [
        '身份证号,结算日期,医疗总费用,个人自付',
        '12345,2026-01-05,3000,1200',
        '110105198001010011,2026-13-01,3000,1200',
        '110105198001010011,2026-02-01,abc,100',
      ].join('\n');
      await page
        .locator('[data-testid="import-upload"] input[type=file]')
        .setInputFiles({ name: '医保结算-测试.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      const result = page.getByTestId('import-result');
      await result.getByTestId('import-status').getByText('已完成').waitFor({ state: 'visible', timeout: WAIT });
      const errors = page.getByTestId('import-errors');
      await rows(errors).first().waitFor({ state: 'visible', timeout: WAIT });
      const n = await rows(errors).count();
      assert(n >= 3, `错误行只有 ${n} 条`);
      const text = await errors.innerText();
      assert(/身份证/.test(text), `错误原因未提到身份证号：${text.slice(0, 200)}`);
      await result.getByTestId('download-errors').waitFor({ state: 'visible', timeout: WAIT });
      await shoot('admin-ops-imports.png');
      return `显示 ${n} 条行错误`;
    },
  },
  {
    name: '系统管理：用户、网格与网格员、数据字典；审计日志校验哈希链',
    shot: 'admin-ops-audit.png',
    async run({ page, base, shoot }) {
      await signIn(page, base, 'demo-admin', '/admin/system/users');
      await rows(page.getByTestId('users-table')).first().waitFor({ state: 'visible', timeout: WAIT });
      await shoot('admin-ops-users.png');
      await page.goto(`${base}/admin/system/grids`, { waitUntil: 'load', timeout: WAIT });
      await rows(page.getByTestId('grids-table')).first().waitFor({ state: 'visible', timeout: WAIT });
      await shoot('admin-ops-grids.png');
      await page.goto(`${base}/admin/system/dictionaries`, { waitUntil: 'load', timeout: WAIT });
      await rows(page.getByTestId('dictionaries')).first().waitFor({ state: 'visible', timeout: WAIT });
      await waitText(page, '系统管理员');
      // 三员分立: the audit log is the audit administrator's.
      await page.getByTestId('sign-out').click();
      await signIn(page, base, 'demo-auditor', '/admin/system/audit');
      await rows(page.getByTestId('audit-table')).first().waitFor({ state: 'visible', timeout: WAIT });
      await page.getByTestId('verify-chain').click();
      const result = page.getByTestId('chain-result');
      await result.waitFor({ state: 'visible', timeout: WAIT });
      const text = await result.innerText();
      assert(text.includes('哈希链完整'), `校验结果：${text}`);
      await shoot('admin-ops-audit.png');
      // The API agrees with the page.
      const verify = await call(base, 'GET', '/api/v1/audit-logs/verify', { token: await pageToken(page) });
      assert(verify.body.ok === true, `接口校验结果：${JSON.stringify(verify.body)}`);
      return text.trim();
    },
  },
  {
    name: '全部页面：不出现英文字段名、代码或 8 位十六进制编号，无控制台错误',
    shot: 'admin-scan.png',
    bothViewports: true,
    async run({ page, base, shoot }) {
      // Raw identifiers (amount12m, riskScore, h5Url) and bare ids (4d06ca6b) must never reach a bureau's screen.
      const CODE = /[a-z]+[A-Z0-9]\w*/g;
      const HEX8 = /\b(?=[0-9a-f]*[a-f])[0-9a-f]{8}\b/g;
      const findings = [];
      let pages = 0;
      const scan = async (label) => {
        await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
        await page.waitForTimeout(300);
        const text = await visibleText(page);
        const hits = [...new Set([...(text.match(CODE) ?? []), ...(text.match(HEX8) ?? [])])];
        pages += 1;
        if (hits.length) findings.push(`${label}：${hits.slice(0, 8).join('、')}`);
      };
      const visit = async (path, label) => {
        await page.goto(`${base}/admin${path}`, { waitUntil: 'load', timeout: WAIT });
        await page.getByTestId('side-menu').waitFor({ state: 'visible', timeout: WAIT });
        await scan(label);
      };
      await signIn(page, base, 'demo-district', '/admin/review');
      for (const [path, label] of [
        ['/review', '审核工作台'],
        ['/households', '家庭档案'],
        ['/policies', '政策库'],
        ['/dashboard', '数据看板'],
        ['/board', '预警与任务'],
        ['/screening', '人群筛查'],
        ['/imports', '部门数据导入'],
      ]) {
        await visit(path, label);
      }
      // One household, every tab.
      await visit('/households', '家庭档案');
      await rows(page.getByTestId('households-table')).first().locator('a').first().click();
      await page.getByTestId('household-title').waitFor({ state: 'visible', timeout: WAIT });
      for (const tab of await page.getByRole('tab').allInnerTexts()) {
        await page.getByRole('tab', { name: tab }).click();
        await scan(`家庭详情·${tab}`);
      }
      // The review workbench with an item open, and a policy with each tab.
      await visit('/review', '审核工作台');
      const first = rows(page.getByTestId('review-queue')).first();
      if (await first.count()) {
        await first.click();
        await page.getByTestId('review-detail').waitFor({ state: 'visible', timeout: WAIT });
        await scan('审核详情');
      }
      await visit('/policies/dibao', '政策规则');
      for (const tab of ['试算预览', '版本历史']) {
        await page.getByRole('tab', { name: new RegExp(tab) }).click();
        await scan(`政策规则·${tab}`);
      }
      await page
        .getByRole('button', { name: /试算预览/ })
        .first()
        .click();
      await page.getByTestId('preview-result').waitFor({ state: 'visible', timeout: WAIT });
      await scan('政策规则·试算结果');
      await shoot('admin-scan-district.png');
      // The administrators' pages.
      await page.getByTestId('sign-out').click();
      await signIn(page, base, 'demo-admin', '/admin/system/users');
      for (const [path, label] of [
        ['/system/users', '用户管理'],
        ['/system/grids', '网格与网格员'],
        ['/system/dictionaries', '数据字典'],
      ])
        await visit(path, label);
      await page.getByTestId('sign-out').click();
      await signIn(page, base, 'demo-auditor', '/admin/system/audit');
      await visit('/system/audit', '审计日志');
      await shoot('admin-scan-audit.png');
      assert(findings.length === 0, `页面上出现代码或编号：\n${findings.join('\n')}`);
      return `扫描 ${pages} 个页面/标签页，未发现英文字段名或编号`;
    },
  },
];

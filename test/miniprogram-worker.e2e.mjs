/* global window */
/**
 * Browser scenarios for the mini-program's H5 build on the phone viewport (run by
 * test/run-browser.mjs against the real API on a fresh database):
 *   - a grid worker's household page, from 网格内家庭 and from a task card, with masked members and
 *     the way to the visit; another grid's household is not shown (404 at the API);
 *   - the worker's household list from the phone's cache when offline, refreshed on reconnect;
 *   - a resident changing the 在外亲属 on 家里情况有变化, checked in the change request at the API;
 *   - 朗读 in 关怀模式 (the browser's speech synthesis, zh-CN).
 */
import { apiClient, assert, demoToken, expectText, input, tap, text, visibleText } from './miniprogram.e2e.mjs';

const WAIT = 30_000;

export const MINIPROGRAM_WORKER_CHECKS = [
  {
    name: '网格员：家庭详情页（从网格内家庭和任务卡进入，成员脱敏，住址不重复省市区，发起入户核实）；别的网格的家庭不显示',
    shot: 'mp-worker-household.png',
    mobile: true,
    // The other grid's household is refused with 404, which the browser reports as a failed resource.
    ignoreConsole: /Failed to load resource: the server responded with a status of 404/,
    async run({ page, base, shoot }) {
      const api = apiClient(base);
      const worker = await demoToken(api, 'grid_worker');
      const staff = await demoToken(api, 'district_reviewer');
      const me = (await api('GET', '/api/v1/auth/me', { token: worker })).body;
      const mine = await api('GET', '/api/v1/households?pageSize=50', { token: worker });
      assert(mine.status === 200 && mine.body.items.length > 0, `网格员应能看到本网格的家庭：HTTP ${mine.status}`);
      // A household of the grid with no open task: its page offers 发起入户核实.
      let target = null;
      for (const h of mine.body.items) {
        const open = await api('GET', `/api/v1/tasks?householdId=${h.id}&active=true`, { token: staff });
        if (open.status === 200 && open.body.total === 0 && h.status === 'active') {
          target = h;
          break;
        }
      }
      assert(target, '网格内没有可新建核实任务的在册家庭');
      const all = await api('GET', '/api/v1/households?pageSize=100', { token: staff });
      const other = all.body.items.find((h) => !me.gridIds.includes(h.gridId));
      assert(other, '演示数据中没有别的网格的家庭');

      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：网格员');
      await tap(page, '网格内家庭', true);
      await expectText(page, '共 ', '网格内家庭列表');
      await input(page, '按户主姓名查找').fill(target.headName);
      await tap(page, '查找', true);
      const card = page
        .locator('.hh', { hasText: `${target.headName} 家（` })
        .filter({ visible: true })
        .first();
      await card.waitFor({ timeout: WAIT });
      await card.click({ force: true });
      await expectText(page, '家庭成员', '家庭详情页');
      await expectText(page, '待处理的预警', '家庭详情页的预警');
      await expectText(page, '正在享受的救助', '家庭详情页的救助');
      const where = await page.locator('.hh-detail .task-where').filter({ visible: true }).first().innerText();
      assert(!where.includes('省') && where.length < target.address.length, `住址不应重复省市区：${where}（档案：${target.address}）`);
      const ids = await page.locator('.hh-member .row-value').filter({ visible: true }).allInnerTexts();
      assert(ids.length > 0, '家庭详情页没有成员');
      const idShown = ids.filter((x) => /\d{4}/.test(x) && x.length >= 15);
      assert(idShown.length > 0 && idShown.every((x) => x.includes('*')), `网格员看到的身份证号应脱敏：${idShown.join('，')}`);
      await shoot('mp-worker-household-page.png');
      await tap(page, '关怀模式', true);
      await shoot('mp-worker-household-page-care.png');
      await tap(page, '标准模式', true);
      // No visit under way: the worker starts one (发起入户核实), which is theirs, and lands on the visit.
      await tap(page, '发起入户核实', true);
      await expectText(page, '为什么要去', '发起后应进入核实页');
      await expectText(page, `${target.headName}家`, '核实页应写明哪一家');
      const started = await api('GET', `/api/v1/tasks?householdId=${target.id}&active=true`, { token: staff });
      assert(
        started.body.total === 1 && started.body.items[0].assigneeId === me.id,
        `发起的核实任务应恰好一项且派给本人：${JSON.stringify(started.body.items?.map((x) => x.assigneeId))}`,
      );

      // From the task card on the workbench.
      await page.goto(`${base}/h5/pages-worker/home/index`, { waitUntil: 'load' });
      const taskCard = page
        .locator('.task', { hasText: `${target.headName}家` })
        .filter({ visible: true })
        .first();
      await taskCard.waitFor({ timeout: WAIT });
      await taskCard.locator('.task-family').click({ force: true });
      await expectText(page, '家庭成员', '从任务卡进入家庭详情页');

      // Another grid's household: 404 at the API, nothing shown on the phone.
      const refused = await api('GET', `/api/v1/households/${other.id}`, { token: worker });
      assert(refused.status === 404, `别的网格的家庭应返回 404，实际 ${refused.status}`);
      await page.goto(`${base}/h5/pages-worker/household/index?id=${other.id}`, { waitUntil: 'load' });
      await expectText(page, '没有找到这户家庭', '别的网格的家庭');
      const shown = await visibleText(page);
      assert(!shown.includes(other.address.slice(-8)), '别的网格的家庭住址不应出现');
      return `${target.headName}家：成员 ${ids.length / 2} 人，身份证号脱敏；别的网格的家庭 404`;
    },
  },
  {
    name: '网格员离线缓存：断网时网格内家庭和看过的家庭详情从手机上显示（离线数据，更新于 …），联网后自动刷新',
    shot: 'mp-worker-households-online.png',
    mobile: true,
    ignoreConsole: /ERR_INTERNET_DISCONNECTED|Failed to load resource/,
    async run({ page, context, base, shoot }) {
      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：网格员');
      await expectText(page, '入户采集新家庭', '网格员工作台');
      await tap(page, '网格内家庭', true);
      await expectText(page, '共 ', '网格内家庭列表');
      const first = page.locator('.hh .policy-name').filter({ visible: true }).first();
      await first.waitFor({ timeout: WAIT });
      const name = (await first.innerText()).trim();
      const count = await page.locator('.hh').filter({ visible: true }).count();
      // A family opened once is kept on the phone too.
      await first.click({ force: true });
      await expectText(page, '家庭成员', '家庭详情页');
      await tap(page, '‹ 返回', true);
      await first.waitFor({ timeout: WAIT });

      await context.setOffline(true);
      await tap(page, '查找', true);
      await expectText(page, '离线数据，更新于', '断网时应显示离线提示');
      await expectText(page, name, '断网时应显示手机上保存的家庭');
      const offlineCount = await page.locator('.hh').filter({ visible: true }).count();
      assert(offlineCount === count, `断网时应显示保存的 ${count} 户，实际 ${offlineCount} 户`);
      await shoot('mp-worker-households-offline.png');
      await first.click({ force: true });
      await expectText(page, '家庭成员', '断网时打开看过的家庭');
      await expectText(page, '离线数据，更新于', '断网时家庭详情页应显示离线提示');
      await tap(page, '‹ 返回', true);

      // Back online: fetched again by itself, the banner goes.
      const refetched = page.waitForResponse((r) => r.url().includes('/api/v1/households?') && r.status() === 200, { timeout: WAIT });
      await context.setOffline(false);
      await refetched;
      await text(page, '离线数据，更新于').waitFor({ state: 'hidden', timeout: WAIT });
      await expectText(page, name, '联网后列表');
      return `断网显示 ${offlineCount} 户和看过的家庭详情（来自手机缓存），联网后自动刷新`;
    },
  },
  {
    name: '居民端：家里情况有变化 → 修改在外亲属 → 变更申请中可见（接口核对）',
    shot: 'mp-update-supporters.png',
    mobile: true,
    async run({ page, base, shoot }) {
      const api = apiClient(base);
      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：居民', true);
      // Opening another page by URL reloads the app: wait until the login has stored its token.
      await page.waitForFunction(() => Boolean(window.localStorage.getItem('zczr.token')), null, { timeout: WAIT });
      await page.goto(`${base}/h5/pages/update/index`, { waitUntil: 'load' });
      await expectText(page, '发生了什么变化', '家里情况有变化');
      await tap(page, '在外亲属有变化', true);
      await expectText(page, '有这样的亲属吗', '在外亲属（向导的同一组件）');
      await page.locator('.chip', { hasText: /^有$/ }).filter({ visible: true }).first().click({ force: true });
      const names = page.locator('.supporter input[placeholder="姓名"]').filter({ visible: true });
      await names.first().waitFor({ timeout: WAIT });
      const already = await names.count();
      for (let i = 0; i < already; i++) await names.nth(i).fill(`龚志${'明华强军'[i % 4]}`);
      await tap(page, '＋ 再添加一位亲属');
      await names.nth(already).fill('龚建国');
      await page.locator('.supporter input[placeholder="他（她）自己每月收入（元）"]').filter({ visible: true }).nth(already).fill('2600');
      await shoot('mp-update-supporters-form.png');
      await tap(page, '提交变更', true);
      await expectText(page, '已提交变更', '提交后');

      const resident = await demoToken(api, 'resident');
      const staff = await demoToken(api, 'district_reviewer');
      const me = (await api('GET', '/api/v1/auth/me', { token: resident })).body;
      assert(me.householdId, '演示居民没有家庭档案');
      const subs = await api('GET', `/api/v1/submissions?householdId=${me.householdId}&pageSize=50`, { token: staff });
      assert(subs.status === 200, `查询变更申请失败：HTTP ${subs.status}`);
      const latest = [...subs.body.items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
      assert(latest && latest.kind === 'update', '应有一条家庭情况变更申请');
      const detail = await api('GET', `/api/v1/submissions/${latest.id}`, { token: staff });
      const changes = detail.body.changes ?? [];
      const named = changes.find((c) => c.path.startsWith('supporters') && c.after === '龚建国');
      assert(named, `变更申请中应有新增亲属“龚建国”：${JSON.stringify(changes).slice(0, 400)}`);
      const income = changes.find((c) => c.path === named.path.replace(/\.name$/, '.monthlyIncome') && c.after === 2600);
      assert(income, `变更申请中应有亲属月收入 2600：${JSON.stringify(changes).slice(0, 400)}`);
      assert(!changes.some((c) => typeof c.after === 'string' && c.path.startsWith('supporters') && c.after.includes('*')), '不应把脱敏姓名写回档案');
      return `变更申请 ${latest.id.slice(0, 8)}：在外亲属 ${already + 1} 位，含“龚建国”（月收入 2600）`;
    },
  },
  {
    name: '关怀模式：朗读按钮读出我的救助和办理进度（H5 语音合成，zh-CN）；标准模式不显示',
    shot: 'mp-care-read-aloud.png',
    mobile: true,
    async run({ page, base, shoot }) {
      // The browser's speech synthesis, recorded: what the page asks to be spoken, and in which language.
      await page.addInitScript(() => {
        const spoken = [];
        Object.defineProperty(window, '__spoken', { value: spoken });
        function Utterance(t) {
          this.text = t;
        }
        const synth = { speak: (u) => spoken.push({ text: u.text, lang: u.lang }), cancel: () => undefined, getVoices: () => [] };
        Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
        Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
      });
      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：居民', true);
      await tap(page, '我的救助');
      await expectText(page, '这是按政策规则自动算出的参考结果', '我的救助');
      const button = page.locator('.read-aloud').filter({ visible: true });
      assert((await button.count()) === 0, '标准模式不应显示朗读按钮');
      await tap(page, '关怀模式', true);
      await button.first().waitFor({ timeout: WAIT });
      const box = await button.first().boundingBox();
      assert(box && box.height >= 48, `朗读按钮应够大，实际高 ${box?.height}`);
      await button.first().click({ force: true });
      await expectText(page, '停止朗读', '朗读中');
      const spoken = await page.evaluate(() => window.__spoken);
      assert(spoken.length === 1 && spoken[0].lang === 'zh-CN', `应以 zh-CN 朗读一次：${JSON.stringify(spoken).slice(0, 200)}`);
      assert(spoken[0].text.includes('这是按政策规则自动算出的参考结果'), `朗读内容应是页面上的结果：${spoken[0].text.slice(0, 200)}`);
      assert(!spoken[0].text.includes('朗读'), '朗读内容不应包括按钮本身');
      await shoot('mp-care-read-aloud-help.png');

      await page.goto(`${base}/h5/pages/status/index`, { waitUntil: 'load' });
      await expectText(page, '档案状态', '办理进度');
      await page.locator('.read-aloud').filter({ visible: true }).first().click({ force: true });
      const second = await page.evaluate(() => window.__spoken);
      assert(
        second.some((s) => s.text.startsWith('办理进度') && s.text.includes('档案状态')),
        `办理进度应被朗读：${JSON.stringify(second).slice(0, 300)}`,
      );
      return `朗读 ${spoken[0].text.length} 字（zh-CN），按钮高 ${Math.round(box.height)} px`;
    },
  },
];

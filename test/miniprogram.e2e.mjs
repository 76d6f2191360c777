/* global window, getComputedStyle */
/**
 * Browser scenarios for the mini-program's H5 build (run by test/run-browser.mjs against the real
 * API on a fresh database). Each check gets { page, context, base, api, shoot }:
 *   - resident: WeChat sign-in (the runner's fake code2Session), ID card photo → OCR → confirm
 *     (manual entry if the OCR endpoint is missing), consent, the household wizard, submit, the
 *     status timeline, and matched policies with their explanations; the offline self-check.
 *   - grid worker: a task visit and a door-to-door collection with a handwritten signature, both
 *     recorded with the network cut; back online the outbox syncs, and the API holds exactly one
 *     household and one visit submission.
 */
/* global document -- only inside callbacks that run in the page */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeIdNumber } from '@zczr/id-card';
import { generateHousehold } from '@zczr/demo-data';
import Database from 'better-sqlite3';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CARDS = join(ROOT, 'apps/api/test/fixtures/id-cards');
const WAIT = 30_000;

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** A JSON client for checks made directly against the API (not through the page). */
export function apiClient(base) {
  return async function call(method, path, { token, body, headers } = {}) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: json ?? text };
  };
}

export async function demoToken(api, role) {
  const r = await api('POST', '/api/v1/auth/demo-login', { body: { role } });
  assert(r.status === 200, `demo-login ${role}: HTTP ${r.status}`);
  return r.body.accessToken;
}

// Pages left in Taro's H5 stack stay in the DOM, hidden: only what is on screen counts.
export const text = (page, t, exact = false) => page.getByText(t, { exact }).filter({ visible: true }).first();
export const input = (page, placeholder) => page.locator(`input[placeholder="${placeholder}"]`).first();
export async function tap(page, t, exact = false) {
  const el = text(page, t, exact);
  await el.waitFor({ state: 'visible', timeout: WAIT });
  // Taro's H5 web components sometimes never look "stable" to Playwright while a toast animates
  // elsewhere on the page; the element is visible, so a forced click is what a finger would do.
  await el.click({ timeout: 5_000 }).catch(() => el.click({ force: true }));
}

/** Reads the page's visible text, for error messages that say what the user saw. */
export async function visibleText(page) {
  return (await page.evaluate(() => document.body.innerText).catch(() => '')).replace(/\s+/g, ' ').slice(0, 600);
}

export async function expectText(page, t, what) {
  try {
    await text(page, t).waitFor({ state: 'visible', timeout: WAIT });
  } catch {
    throw new Error(`${what}：页面上没有出现“${t}”。页面内容：${await visibleText(page)}`);
  }
}

function fixtureCard() {
  const truthFile = join(CARDS, 'truth.json');
  if (!existsSync(truthFile)) return null;
  const truth = JSON.parse(readFileSync(truthFile, 'utf8'));
  const card = truth.cards.find((c) => c.kind === 'id_card_front' && c.level === 'clean' && existsSync(join(CARDS, c.file)));
  return card ? { file: join(CARDS, card.file), ...card.truth } : null;
}

/** The resident's household wizard, from the address step to 提交 (after consent). */
async function fillWizardAndSubmit(page, shoot) {
  await expectText(page, '所在街道（镇）', '授权后应进入填报向导');
  await tap(page, '柳城街道', true);
  await tap(page, '和平社区居委会', true);
  await input(page, '例如：柳台大道334号3栋2单元501室').fill('柳台大道334号3栋2单元501室');
  await tap(page, '下一步', true);
  await expectText(page, '第 1 位', '成员步骤');
  await tap(page, '失业', true);
  await tap(page, '有劳动能力', true);
  await tap(page, '患有重特大疾病');
  await shoot('mp-resident-wizard.png');
  await tap(page, '下一步', true);
  await tap(page, '＋ 添加一项收入');
  await input(page, '每月金额（元）').fill('300');
  await tap(page, '下一步', true);
  await input(page, '存款（全家合计，元）').fill('1000');
  await tap(page, '0套', true);
  await tap(page, '下一步', true);
  await input(page, '医疗自付费用（近12个月，元）').fill('30000');
  await tap(page, '下一步', true);
  await tap(page, '下一步', true);
  await expectText(page, '有这样的亲属吗', '在外亲属步骤');
  await tap(page, '下一步', true);
  await expectText(page, '信息已填写完整', '核对页');
  await tap(page, '提交', true);
}

/** A person of the demo archive (DEMO_SEED's household `index`, as the API seeds it), with their real ID number. */
function archivedPerson(index) {
  const h = generateHousehold(20261101, index, '510115');
  const head = h.members.find((m) => m.relation === 'head') ?? h.members[0];
  return { name: head.name, idNumber: head.idNumber };
}

export const MINIPROGRAM_CHECKS = [
  {
    name: '居民端：微信登录 → 拍身份证实名 → 授权 → 填报 → 提交 → 进度 → 我的救助',
    shot: 'mp-resident-help.png',
    mobile: true,
    async run({ page, base, shoot }) {
      const api = apiClient(base);
      const card = fixtureCard();
      const person = card ?? { name: '林秀英', idNumber: makeIdNumber('510115', '1958-03-12', 24), sex: '女' };
      const code = `e2e-resident-${Date.now().toString(36)}`;
      await page.goto(`${base}/h5/?code=${code}`, { waitUntil: 'load' });

      // Real-name binding: upload the generated card; fall back to typing if OCR is unavailable.
      await expectText(page, '方式一：拍身份证', '登录后应进入实名认证');
      let usedOcr = false;
      if (card) {
        const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
        await tap(page, '拍照或从相册选择');
        await (await chooser).setFiles(card.file);
        const outcome = await Promise.race([
          text(page, '核对识别结果')
            .waitFor({ state: 'visible', timeout: 60_000 })
            .then(() => 'ok'),
          page
            .locator('.state-error')
            .first()
            .waitFor({ state: 'visible', timeout: 60_000 })
            .then(() => 'error'),
        ]);
        usedOcr = outcome === 'ok';
        if (usedOcr) {
          for (const t of ['姓名已核对无误', '身份证号已逐位核对无误']) {
            if (await text(page, t).isVisible()) await tap(page, t);
          }
        }
      }
      const nameBox = input(page, '姓名');
      const idBox = input(page, '身份证号');
      if (!usedOcr || (await nameBox.inputValue()) !== person.name) await nameBox.fill(person.name);
      if (!usedOcr || (await idBox.inputValue()) !== person.idNumber) await idBox.fill(person.idNumber);
      await expectText(page, '号码校验通过', '身份证号实时校验');
      await tap(page, '我同意为实名认证处理');
      await shoot('mp-resident-bind.png');
      await tap(page, '确认并完成实名认证');

      // Consent: full text, purposes, a separate tick for sensitive data.
      await expectText(page, '个人信息处理授权书', '实名后应进入授权页');
      await tap(page, '我已阅读并理解以上授权书全文');
      await tap(page, '我单独同意处理');
      await shoot('mp-resident-consent.png');
      await tap(page, '同意并继续');

      await fillWizardAndSubmit(page, shoot);

      await expectText(page, '已提交成功', '提交后应显示办理进度');
      await expectText(page, '已自动校验', '进度时间线');
      await shoot('mp-resident-status.png');

      await tap(page, '看看我能得到哪些帮助');
      await expectText(page, '可能符合的帮助', '我的救助');
      await expectText(page, '城乡最低生活保障', '我的救助应列出低保');
      await page.locator('.result-eligible .link').first().click();
      await expectText(page, '计算方法', '展开判断依据');

      // The API holds exactly one household for this resident.
      const login = await api('POST', '/api/v1/auth/wechat-login', { body: { code } });
      const me = await api('GET', '/api/v1/auth/me', { token: login.body.accessToken });
      assert(me.body.householdId, `居民 ${person.name} 没有家庭档案`);
      const subs = await api('GET', `/api/v1/submissions?householdId=${me.body.householdId}`, { token: login.body.accessToken });
      assert(subs.body.items?.length === 1, `应有 1 条申请，实际 ${subs.body.items?.length}`);
      return usedOcr ? '通过身份证照片识别完成实名' : '身份证识别不可用，改为手动填写完成实名';
    },
  },
  {
    name: '居民端：实名姓名与档案不符被拒绝（识别错字），改正后通过',
    shot: 'mp-bind-refused-fixed.png',
    mobile: true,
    // The refused binding is a 422 the browser reports on its console.
    ignoreConsole: /status of 422/,
    async run({ page, base, shoot }) {
      // A head of household in the archive who is not the demo resident (bound already).
      const api = apiClient(base);
      const demo = (await api('GET', '/api/v1/auth/me', { token: await demoToken(api, 'resident') })).body;
      const person = [1, 2, 3].map(archivedPerson).find((p) => p.name !== demo.realName);
      const misread = `玖${person.name.slice(1)}` === person.name ? `龚${person.name.slice(1)}` : `玖${person.name.slice(1)}`;
      await page.goto(`${base}/h5/?code=e2e-mismatch-${Date.now().toString(36)}`, { waitUntil: 'load' });
      await expectText(page, '方式二：手动填写', '登录后应进入实名认证');
      await input(page, '姓名').fill(misread);
      await input(page, '身份证号').fill(person.idNumber);
      await expectText(page, '号码校验通过', '身份证号实时校验');
      await tap(page, '我同意为实名认证处理');
      await tap(page, '确认并完成实名认证');
      await expectText(page, '未通过：姓名与身份证号不一致', '姓名不符应被拒绝');
      await expectText(page, `您填写的姓名“${misread}”`, '拒绝说明应写出所填姓名');
      await expectText(page, '与档案中这个身份证号的姓名不一致', '姓名栏下应标出');
      await shoot('mp-bind-refused.png');
      // Still on the bind page, nothing bound.
      assert(!(await text(page, '个人信息处理授权书').isVisible()), '被拒绝后不应进入授权页');
      await input(page, '姓名').fill(person.name);
      await tap(page, '确认并完成实名认证', true);
      await page.waitForURL((u) => !u.pathname.includes('/bind/'), { timeout: WAIT });
      await expectText(page, '我的救助', '改正姓名后应实名通过并看到自己的家庭');
    },
  },
  {
    name: '居民端首次使用（演示第二位居民）：实名 → 人脸核身演示票据 → 授权 → 填报 → 我的救助',
    shot: 'mp-first-visit.png',
    mobile: true,
    async run({ page, base, shoot }) {
      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：首次使用的居民');
      await expectText(page, '这位居民还没有实名认证', '首次使用应进入实名认证并提示演示身份');
      await tap(page, '填入演示身份');
      await expectText(page, '号码校验通过', '演示身份号码有效');
      await tap(page, '我同意为实名认证处理');
      await shoot('mp-first-visit-bind.png');
      await tap(page, '确认并完成实名认证');
      await expectText(page, '个人信息处理授权书', '实名后应进入授权页');
      await expectText(page, '林秀英', '授权书写明授权人');
      await tap(page, '我已阅读并理解以上授权书全文');
      await tap(page, '我单独同意处理');
      await tap(page, '同意并继续');
      await fillWizardAndSubmit(page, shoot);
      await expectText(page, '已提交成功', '提交后应显示办理进度');
      await tap(page, '看看我能得到哪些帮助');
      await expectText(page, '可能符合的帮助', '我的救助');
      const api = apiClient(base);
      const login = await api('POST', '/api/v1/auth/demo-login', { body: { role: 'resident', firstVisit: true } });
      const me = await api('GET', '/api/v1/auth/me', { token: login.body.accessToken });
      assert(me.body.realName === '林秀英' && me.body.identityVerified === true, `应已实名且通过人脸核身：${JSON.stringify(me.body)}`);
      assert(me.body.householdId, '首次使用的居民提交后应有家庭档案');
    },
  },
  {
    name: '居民端：我的救助用大白话解释（无字段名、金额千分位），在册档案的办理进度',
    shot: 'mp-help-plain-end.png',
    mobile: true,
    async run({ page, base, shoot }) {
      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：居民', true);
      await tap(page, '我的救助');
      await expectText(page, '这是按政策规则自动算出的参考结果', '我的救助');
      // Open every explanation shown (eligible, near miss, unknown), then read the page.
      const links = page.locator('.result .link');
      for (let i = 0; i < (await links.count()); i++) await links.nth(i).click({ force: true });
      await shoot('mp-help-plain.png');
      const shown = await page.evaluate(() => document.body.innerText);
      const { FACT_NAMES } = await import('@zczr/eligibility');
      const field = FACT_NAMES.find((f) => shown.includes(f));
      assert(!field, `页面上出现了字段名 ${field}`);
      assert(!/是否[^，。\n]*：[是否]/.test(shown), '页面上出现了“是否……：是/否”的表格式说法');
      const raw = shown.match(/\d{4,} ?元/g);
      assert(!raw, `金额没有千分位：${raw?.join('，')}`);
      const folded = await page.locator('.result-ineligible:not(.result-near)').count();
      assert(folded === 0, `暂不符合的政策应折叠，实际展开了 ${folded} 项`);
      await expectText(page, '查看暂不符合的', '折叠的其余政策');

      await page.goto(`${base}/h5/pages/status/index`, { waitUntil: 'load' });
      await expectText(page, '档案已在册', '演示居民的档案在册，办理进度应说明');
      await shoot('mp-status-on-file.png');
    },
  },
  {
    name: '政策找人：筛查发现演示居民新符合 → 微信订阅消息恰好一条（本地假微信）→ 我的消息',
    shot: 'mp-policy-found.png',
    mobile: true,
    async run({ page, base, shoot }) {
      const api = apiClient(base);
      const residentToken = await demoToken(api, 'resident');
      const me = (await api('GET', '/api/v1/auth/me', { token: residentToken })).body;
      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：居民', true);
      await tap(page, '我的救助');
      await tap(page, '演示：同意接收通知');
      await expectText(page, '还可以收到 1 条通知', '同意后应记下一次订阅');

      // Before the standard was raised, the family qualified for none of this: the stored results say so.
      const url = process.env.E2E_DATABASE_URL ?? '';
      assert(url.startsWith('sqlite:'), `E2E_DATABASE_URL 不是 SQLite：${url}`);
      const db = new Database(url.slice('sqlite:'.length), { timeout: 10_000 });
      let forgotten;
      try {
        forgotten = db.prepare("DELETE FROM eligibility_current WHERE householdId = ? AND outcome = 'eligible'").run(me.householdId).changes;
      } finally {
        db.close();
      }
      assert(forgotten > 0, '演示居民家没有符合的政策，无法演示“新符合”');
      const sentBefore = await (await fetch(`${process.env.E2E_WECHAT_BASE}/__messages`)).json();

      const district = await demoToken(api, 'district_reviewer');
      const run = await api('POST', '/api/v1/screenings', { token: district, body: {} });
      assert(run.status === 201 || run.status === 200, `发起筛查失败：HTTP ${run.status} ${JSON.stringify(run.body)}`);
      let status = 'running';
      for (let i = 0; i < 300 && status === 'running'; i++) {
        await page.waitForTimeout(200);
        status = (await api('GET', `/api/v1/screenings/${run.body.id}`, { token: district })).body.status;
      }
      assert(status === 'completed', `筛查状态 ${status}`);
      let mine = [];
      for (let i = 0; i < 50 && mine.length === 0; i++) {
        await page.waitForTimeout(200);
        const all = await (await fetch(`${process.env.E2E_WECHAT_BASE}/__messages`)).json();
        mine = all.slice(sentBefore.length).filter((m) => m.touser === 'demo-openid-resident');
      }
      assert(mine.length === 1, `应向演示居民发送恰好 1 条订阅消息，实际 ${mine.length} 条`);
      const words = Object.values(mine[0].data)
        .map((v) => v.value)
        .join(' ');
      assert(/便民服务中心/.test(words), `消息应说明怎么申请：${words}`);
      assert(!/\d{4,}/.test(words), `金额应有千分位：${words}`);

      await page.goto(`${base}/h5/pages/messages/index`, { waitUntil: 'load' });
      await expectText(page, '有新的帮助可能适合您家', '我的消息');
      await expectText(page, '已通过微信通知您', '我的消息应说明已发到微信');
      await shoot('mp-policy-found.png');
      return `消息：${words}`;
    },
  },
  {
    name: '关怀模式：字号 ≥ 1.5 倍、正文不用灰字、按钮够大；标签栏 首页 / 政策 / 我的；H5 有返回和首页',
    shot: 'mp-care-help.png',
    mobile: true,
    // Taro's H5 tab bar items are <a href="javascript:;">, which the API's CSP reports (the tap itself works).
    ignoreConsole: /Running the JavaScript URL violates/,
    async run({ page, base, shoot }) {
      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：居民', true);
      await expectText(page, '我的救助', '首页');
      for (const t of ['首页', '政策', '我的']) assert(await page.getByText(t, { exact: true }).last().isVisible(), `标签栏缺少“${t}”`);
      await shoot('mp-standard-home.png');
      const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.screen')).fontSize));
      const standard = await size();
      await tap(page, '关怀模式', true);
      await page.waitForFunction(() => document.querySelector('.screen.care') !== null, null, { timeout: WAIT });
      const care = await size();
      assert(care / standard >= 1.5, `关怀模式字号只有标准的 ${(care / standard).toFixed(2)} 倍`);
      await shoot('mp-care-home.png');
      await tap(page, '我的救助');
      await expectText(page, '‹ 返回', 'H5 非标签页应有返回');
      await expectText(page, '这是按政策规则自动算出的参考结果', '我的救助');
      const report = await page.evaluate(() => {
        const grey = [];
        const small = [];
        for (const el of document.querySelectorAll('.screen.care *')) {
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim().length > 1);
          if (!own || !el.getClientRects().length) continue;
          const cs = getComputedStyle(el);
          const [r, g, b] = cs.color.match(/\d+/g).map(Number);
          // Grey: all channels alike and lighter than #444.
          if (Math.abs(r - g) < 12 && Math.abs(g - b) < 12 && r > 0x44 && r < 0xf0) grey.push(`${el.textContent.trim().slice(0, 12)}（${cs.color}）`);
          if (parseFloat(cs.fontSize) < 20) small.push(`${el.textContent.trim().slice(0, 12)}（${cs.fontSize}）`);
        }
        const buttons = [...document.querySelectorAll('.screen.care .btn')]
          .filter((b) => b.getClientRects().length)
          .map((b) => b.getBoundingClientRect().height);
        return { grey, small, minButton: Math.min(...buttons) };
      });
      assert(report.grey.length === 0, `关怀模式下仍有灰色文字：${report.grey.slice(0, 5).join('；')}`);
      assert(report.small.length === 0, `关怀模式下仍有小于 20px 的文字：${report.small.slice(0, 5).join('；')}`);
      assert(report.minButton >= 48, `关怀模式下按钮高度只有 ${report.minButton}px`);
      await shoot('mp-care-help.png');
      // Pages left in the stack stay in the DOM, hidden: tap the visible 首页 / 我的.
      await page.getByText('首页', { exact: true }).filter({ visible: true }).last().click();
      await page.getByText('我的', { exact: true }).filter({ visible: true }).last().click();
      await expectText(page, '退出登录', '我的');
      await shoot('mp-care-mine.png');
    },
  },
  {
    name: '填报向导：登记不住在一起的亲属（法定赡养人），随申请提交，居民看到脱敏，审核人员看到全部',
    shot: 'mp-wizard-supporters.png',
    mobile: true,
    async run({ page, base, shoot }) {
      const api = apiClient(base);
      const name = '韩桂兰';
      const idNumber = makeIdNumber('510115', '1950-07-08', 300 + Math.floor(Math.random() * 300));
      const code = `e2e-supporters-${Date.now().toString(36)}`;
      await page.goto(`${base}/h5/?code=${code}`, { waitUntil: 'load' });
      await input(page, '姓名').fill(name);
      await input(page, '身份证号').fill(idNumber);
      await tap(page, '我同意为实名认证处理');
      await tap(page, '确认并完成实名认证', true);
      await tap(page, '我已阅读并理解以上授权书全文');
      await tap(page, '我单独同意处理');
      await tap(page, '同意并继续');
      await expectText(page, '所在街道（镇）', '授权后应进入填报向导');
      await tap(page, '柳城街道', true);
      await tap(page, '和平社区居委会', true);
      await input(page, '例如：柳台大道334号3栋2单元501室').fill('柳台大道12号2栋1单元301室');
      await tap(page, '下一步', true);
      await tap(page, '退休', true);
      await tap(page, '无劳动能力', true);
      await tap(page, '下一步', true);
      await tap(page, '家中没有任何收入');
      for (let i = 0; i < 4; i++) await tap(page, '下一步', true);
      await expectText(page, '第 7 步（共 8 步）：在外亲属', '困难之后是在外亲属');
      await tap(page, '有', true);
      const visibleInput = (placeholder) => page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true }).first();
      await visibleInput('姓名').fill('韩在外');
      await tap(page, '子女', true);
      await visibleInput('他（她）自己每月收入（元）').fill('7000');
      await tap(page, '低保对象', true);
      await shoot('mp-wizard-supporters-step.png');
      await tap(page, '下一步', true);
      await expectText(page, '韩在外（子女）', '核对页应列出在外亲属');
      await expectText(page, '信息已填写完整', '核对页');
      await tap(page, '提交', true);
      await expectText(page, '已提交成功', '提交后应显示办理进度');

      const login = await api('POST', '/api/v1/auth/wechat-login', { body: { code } });
      const me = await api('GET', '/api/v1/auth/me', { token: login.body.accessToken });
      assert(me.body.householdId, `居民 ${name} 没有家庭档案`);
      const own = await api('GET', `/api/v1/households/${me.body.householdId}`, { token: login.body.accessToken });
      const seen = own.body.supporters ?? [];
      assert(seen.length === 1 && seen[0].relation === 'child' && seen[0].coResident === false, `居民看到的义务人：${JSON.stringify(seen)}`);
      assert(seen[0].monthlyIncome === null && seen[0].name !== '韩在外', `居民应看到脱敏的义务人：${JSON.stringify(seen)}`);
      const district = await demoToken(api, 'district_reviewer');
      const full = await api('GET', `/api/v1/households/${me.body.householdId}`, { token: district });
      const s = full.body.supporters?.[0];
      assert(
        s && s.name === '韩在外' && s.monthlyIncome === 7000 && JSON.stringify(s.conditions) === '["dibao"]',
        `审核人员看到的义务人：${JSON.stringify(full.body.supporters)}`,
      );
      return '在外亲属随申请提交：居民看到关系与情形，审核人员看到姓名与收入';
    },
  },
  {
    name: '填报向导：步骤条不溢出、缺项在所属步骤显示并可跳回、日期用选择器、住址保留街道社区',
    shot: 'mp-wizard-fixes.png',
    mobile: true,
    async run({ page, base, shoot }) {
      const name = '邓玉梅';
      const idNumber = makeIdNumber('510115', '1962-05-20', 300 + Math.floor(Math.random() * 300));
      await page.goto(`${base}/h5/?code=e2e-wizard-${Date.now().toString(36)}`, { waitUntil: 'load' });
      await input(page, '姓名').fill(name);
      await input(page, '身份证号').fill(idNumber);
      await tap(page, '我同意为实名认证处理');
      await tap(page, '确认并完成实名认证', true);
      await tap(page, '我已阅读并理解以上授权书全文');
      await tap(page, '我单独同意处理');
      await tap(page, '同意并继续');
      await expectText(page, '第 1 步（共 8 步）：住址', '步骤条应写明当前步骤');
      // Taro's H5 pages slide in: measure once the page has settled.
      await page.waitForTimeout(800);
      // Pages left behind in the stack stay in the DOM (hidden): only the steps on screen count.
      const overflow = await page.evaluate(() => {
        // (a page sliding out sits beside the screen: steps that start off screen are not this page's)
        const steps = [...document.querySelectorAll('.step')].filter(
          (s) =>
            s.getClientRects().length > 0 &&
            s.offsetParent !== null &&
            s.getBoundingClientRect().left < window.innerWidth &&
            s.getBoundingClientRect().left >= 0,
        );
        return steps.length ? Math.max(...steps.map((s) => s.getBoundingClientRect().right)) - window.innerWidth : 999;
      });
      assert(overflow <= 0, `步骤条超出屏幕 ${overflow}px`);
      await tap(page, '柳城街道', true);
      await tap(page, '和平社区居委会', true);
      await input(page, '例如：柳台大道334号3栋2单元501室').fill('柳台大道8号1栋1单元101室');
      await expectText(page, '档案中的住址：柳城街道和平社区居委会柳台大道8号1栋1单元101室', '住址应保留街道和社区');
      for (let i = 0; i < 5; i++) await tap(page, '下一步', true);
      await tap(page, '＋ 添加一项困难');
      await expectText(page, '点这里选择日期', '日期应用选择器，不手工输入');
      await tap(page, '下一步', true);
      await tap(page, '下一步', true);
      await expectText(page, '去“收入”这一步修改', '核对页的缺项应能跳回所属步骤');
      await shoot('mp-wizard-review.png');
      await tap(page, '去“收入”这一步修改');
      await expectText(page, '第 3 步（共 8 步）：收入', '应回到收入这一步');
      await expectText(page, '这一步还需要补充', '缺项应显示在所属步骤');
      await expectText(page, '请填写家庭收入', '收入步骤的缺项');
    },
  },
  {
    name: '居民端：政策法规与离线自测（不上传个人信息）',
    shot: 'mp-selfcheck.png',
    mobile: true,
    async run({ page, base, shoot }) {
      await page.goto(`${base}/h5/pages/policies/index`, { waitUntil: 'load' });
      await expectText(page, '城乡最低生活保障', '政策列表');
      await tap(page, '医疗救助', true);
      // Everyday words: "看病" finds 医疗救助.
      await input(page, '说说您的难处，如：看病、上学、租房').fill('看病');
      await tap(page, '搜索', true);
      await page.locator('.policy-name', { hasText: '医疗救助' }).first().waitFor({ timeout: WAIT });
      await shoot('mp-policies.png');
      await page.goto(`${base}/h5/pages/policy/index?code=dibao`, { waitUntil: 'load' });
      await expectText(page, '需要准备的材料', '政策详情');
      await expectText(page, '到哪里办', '政策详情应说明办理地点');
      await expectText(page, '12345', '政策详情应有咨询电话');
      await expectText(page, '城乡低保标准：920 元/人/月', '政策详情应写出现行标准');
      await shoot('mp-policy.png');

      await page.goto(`${base}/h5/pages/selfcheck/index`, { waitUntil: 'load' });
      await text(page, '看看可能有哪些帮助').waitFor({ timeout: WAIT });
      await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: WAIT });
      // From here on nothing may be sent: the self-check runs on the phone.
      const sent = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/') && !/\/api\/v1\/policies/.test(r.url())) sent.push(r.url());
      });
      await tap(page, '2人', true);
      await input(page, '全家每月收入合计（元）').fill('500');
      await tap(page, '有人得了重病');
      await tap(page, '看看可能有哪些帮助');
      await expectText(page, '可能有这些帮助', '自测结果');
      await expectText(page, '城乡最低生活保障', '自测应算出低保');
      assert(sent.length === 0, `自测时向接口发送了请求：${sent.join(', ')}`);
    },
  },
  {
    name: '网格员：断网入户核实与当面采集（手写签名）→ 联网同步 → 接口中恰好一次',
    shot: 'mp-worker-synced.png',
    mobile: true,
    ignoreConsole: /ERR_INTERNET_DISCONNECTED|Failed to load resource/,
    contextOptions: { geolocation: { latitude: 30.6826, longitude: 103.8561, accuracy: 15 }, permissions: ['geolocation'] },
    async run({ page, context, base, shoot }) {
      const api = apiClient(base);
      const worker = await demoToken(api, 'grid_worker');
      // A task for a household of the worker's grid, made as a staff member would.
      const me = (await api('GET', '/api/v1/auth/me', { token: worker })).body;
      const list = await api('GET', `/api/v1/households?pageSize=50&gridId=${me.gridIds[0]}`, { token: worker });
      let task = null;
      let visited = null;
      if (list.status === 200 && list.body.items?.length) {
        const staff = await demoToken(api, 'district_reviewer');
        // A household with no task yet, so its card on the phone is the one made here.
        for (const h of list.body.items) {
          const open = await api('GET', `/api/v1/tasks?householdId=${h.id}&active=true`, { token: staff });
          if (open.status === 200 && open.body.total === 0) {
            visited = h;
            break;
          }
        }
        assert(visited, '网格内没有可新建核实任务的家庭');
        const created = await api('POST', '/api/v1/tasks', { token: staff, body: { householdId: visited.id } });
        if (created.status === 201 || created.status === 200) task = created.body;
      }

      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：网格员');
      await expectText(page, '入户采集新家庭', '网格员工作台');
      // The worker's list holds other tasks too (the demo's monitoring pass): open the one made above, by its family's card.
      const taskCard = task ? page.locator('.task', { hasText: `${visited.headName}家` }).first() : null;
      if (taskCard) await taskCard.waitFor({ timeout: WAIT });
      await shoot('mp-worker-home.png');

      // Network cut at the doorstep.
      await context.setOffline(true);
      if (taskCard) {
        // A real click at the card's centre: offline, Playwright's "stable" check on the card did not
        // pass within 30 s (the list re-renders while the outbox retries); the card is on screen.
        await taskCard.scrollIntoViewIfNeeded();
        await taskCard.click({ force: true });
        // Offline, the visit still names the family and says why it is visited.
        await expectText(page, `${visited.headName}家`, '断网时核实页应显示家庭');
        await expectText(page, '为什么要去', '核实页应写明原因');
        await tap(page, '未遇到', true);
        await tap(page, '获取现场位置');
        await expectText(page, '已记录（精度约 15 米）', '定位');
        await page.locator('textarea').first().fill('敲门无人应答，邻居说白天外出务工。');
        await tap(page, '保存并上传');
        await expectText(page, '条等待上传', '断网时核实记录应留在手机上');
        await expectText(page, `入户核实：${visited.headName}家`, '待上传条目应写明哪一家');
        await expectText(page, '已核实，等待上传', '已核实的任务应标出');
      }

      const name = '赵桂兰';
      const idNumber = makeIdNumber('510115', '1950-06-18', 100 + Math.floor(Math.random() * 800));
      await tap(page, '入户采集新家庭');
      await tap(page, '我已阅读并理解以上授权书全文');
      await input(page, '授权人姓名').fill(name);
      await input(page, '授权人身份证号').fill(idNumber);
      await tap(page, '我单独同意处理');
      // Sign with the mouse where the pad is now (measured just before each attempt: the form above it
      // can still be settling after the last tap); a stroke that missed the pad is simply signed again.
      const pad = page.locator('canvas#signature');
      for (let attempt = 1; ; attempt++) {
        await pad.scrollIntoViewIfNeeded();
        const box = await pad.boundingBox();
        assert(box, '没有签名画板');
        await page.mouse.move(box.x + 30, box.y + 100);
        await page.mouse.down();
        for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 30 + i * 12, box.y + 100 - Math.sin(i / 2) * 40, { steps: 2 });
        await page.mouse.up();
        const signed = await text(page, '已签名')
          .waitFor({ state: 'visible', timeout: 3_000 })
          .then(
            () => true,
            () => false,
          );
        if (signed) break;
        if (attempt === 3) await expectText(page, '已签名', '手写签名（三次签名后）');
      }
      await shoot('mp-worker-consent.png');
      await tap(page, '下一步', true);
      await input(page, '例如：柳台大道334号3栋2单元501室').fill('清泉社区成温路88号1栋1单元101室');
      await tap(page, '下一步', true);
      await tap(page, '退休', true);
      await tap(page, '无劳动能力', true);
      await tap(page, '下一步', true);
      await tap(page, '家中没有任何收入');
      for (let i = 0; i < 5; i++) await tap(page, '下一步', true);
      await expectText(page, '信息已填写完整', '采集核对页');
      await tap(page, '保存并上传');
      await expectText(page, task ? '2 条等待上传' : '1 条等待上传', '断网时采集应留在手机上');
      await expectText(page, '网络不通', '断网提示');
      await expectText(page, '离线数据，更新于', '断网时任务列表应标明是手机上保存的数据');
      await shoot('mp-worker-offline.png');

      // Back online: the outbox syncs by itself.
      await context.setOffline(false);
      await expectText(page, '全部已上传', '联网后应自动上传');
      // Back online the task list is fetched again by itself: the offline banner goes without a reload.
      await text(page, '离线数据，更新于').waitFor({ state: 'hidden', timeout: WAIT });
      const problems = await page.locator('.outbox-failed, .outbox-conflict').count();
      assert(problems === 0, `待上传中有 ${problems} 条被退回或冲突：${await visibleText(page)}`);
      // Force another sync round and reload: nothing may be sent twice.
      await page.reload({ waitUntil: 'load' });
      await expectText(page, '全部已上传', '重新打开后');
      await page.waitForTimeout(1500);

      const found = await api('GET', `/api/v1/households?name=${encodeURIComponent(name)}&pageSize=50`, { token: worker });
      assert(found.status === 200, `查询家庭失败：HTTP ${found.status}`);
      const mine = found.body.items.filter((h) => h.headName === name);
      assert(mine.length === 1, `“${name}”家应在接口中恰好 1 户，实际 ${mine.length} 户`);
      if (task) {
        const t = await api('GET', `/api/v1/tasks/${task.id}`, { token: worker });
        assert(t.body.status === 'submitted', `任务应为已提交，实际 ${t.body.status}`);
        const submits = (t.body.history ?? []).filter((h) => h.status === 'submitted').length;
        assert(submits === 1, `核实结果应提交恰好 1 次，实际 ${submits} 次`);
        assert(t.body.findings?.outcome === 'not_home', `核实结果应记下入户结果“未遇到”（not_home），实际 ${t.body.findings?.outcome}`);
        // Back online the list refreshed by itself: the visited family's task card is gone.
        assert((await page.locator('.task-queued').count()) === 0, '联网后“等待上传”的任务应消失');
      }
      return task ? '核实任务与新家庭采集均在断网时保存，联网后各上传一次' : '任务接口不可用：只验证了新家庭采集';
    },
  },
];

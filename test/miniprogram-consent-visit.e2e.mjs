/**
 * Browser checks on the phone viewport for issue 16's consent signers and visit photos (run by
 * test/run-browser.mjs; E2E_ONLY='两位签字人|现场照片' selects them):
 *   - two signers: a door-to-door collection where the husband consents and his wife signs beside
 *     him on her own pad; the API holds one co-signer and the economic check authorised;
 *   - the console's household file lists the co-signers and names the adult who has not signed;
 *   - a visit with photos and a 未遇到 outcome, recorded offline: the photos wait in the outbox with
 *     the visit, are sent once when the network returns, and the reviewer reads them.
 */
import { makeIdNumber } from '@zczr/id-card';
import sharp from 'sharp';
import { staffSignIn } from './admin.e2e.mjs';
import { apiClient, demoToken, expectText, input, tap, visibleText } from './miniprogram.e2e.mjs';

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Draws a stroke on a signature pad until it says 已签名 (a stroke that missed is drawn again). */
async function sign(page, pad, signedCount) {
  for (let attempt = 1; ; attempt++) {
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    assert(box, '没有签名画板');
    await page.mouse.move(box.x + 30, box.y + 100);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 30 + i * 12, box.y + 100 - Math.sin(i / 2) * 40, { steps: 2 });
    await page.mouse.up();
    const ok = await page
      .getByText('已签名', { exact: true })
      .filter({ visible: true })
      .nth(signedCount - 1)
      .waitFor({ state: 'visible', timeout: 3_000 })
      .then(
        () => true,
        () => false,
      );
    if (ok) return;
    if (attempt === 3) throw new Error(`签名三次仍未出现第 ${signedCount} 个“已签名”：${await visibleText(page)}`);
  }
}

const rand = () => 100 + Math.floor(Math.random() * 800);

export const CONSENT_VISIT_CHECKS = [
  {
    name: '网格员：当面采集两位签字人（户主与配偶各自手写签名）→ 经济状况核对授权齐全',
    shot: 'mp-two-signers.png',
    mobile: true,
    async run({ page, base, shoot }) {
      const api = apiClient(base);
      const husband = { name: '钱德明', idNumber: makeIdNumber('510115', '1961-04-09', rand() | 1) };
      const wife = { name: '孙桂芝', idNumber: makeIdNumber('510115', '1963-08-21', rand() & ~1) };
      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：网格员');
      await tap(page, '入户采集新家庭');
      await tap(page, '我已阅读并理解以上授权书全文');
      await input(page, '授权人姓名').fill(husband.name);
      await input(page, '授权人身份证号').fill(husband.idNumber);
      await tap(page, '我单独同意处理');
      await sign(page, page.locator('canvas#signature'), 1);
      await expectText(page, '家中其他成年人签字', '勾选经济状况核对后应可添加共同签字人');
      await tap(page, '添加共同签字人');
      await input(page, '签字人姓名').fill(wife.name);
      const signer = page.locator('.signer').filter({ visible: true }).first();
      await signer.getByText('配偶', { exact: true }).click();
      await input(page, '签字人身份证号').fill(wife.idNumber);
      await sign(page, page.locator('canvas[id^="signature-s"]').first(), 2);
      await shoot('mp-two-signers-consent.png');
      await tap(page, '下一步', true);
      await input(page, '例如：柳台大道334号3栋2单元501室').fill('清泉社区成温路99号2栋1单元202室');
      await tap(page, '下一步', true);
      const first = page.locator('.member').filter({ visible: true }).nth(0);
      await first.getByText('退休', { exact: true }).click();
      await first.getByText('无劳动能力', { exact: true }).click();
      await tap(page, '＋ 添加家庭成员');
      const second = page.locator('.member').filter({ visible: true }).nth(1);
      await second.getByText('配偶', { exact: true }).click();
      await second.locator('input[placeholder="姓名"]').fill(wife.name);
      await second.locator('input[placeholder="身份证号"]').fill(wife.idNumber);
      await second.getByText('退休', { exact: true }).click();
      await second.getByText('无劳动能力', { exact: true }).click();
      await tap(page, '下一步', true);
      await tap(page, '家中没有任何收入');
      for (let i = 0; i < 5; i++) await tap(page, '下一步', true);
      await expectText(page, '信息已填写完整', '采集核对页');
      await tap(page, '保存并上传');
      await expectText(page, '入户采集新家庭', '上传后应回到工作台');

      const worker = await demoToken(api, 'grid_worker');
      let household = null;
      for (let i = 0; i < 20 && !household; i++) {
        const found = await api('GET', `/api/v1/households?name=${encodeURIComponent(husband.name)}&pageSize=50`, { token: worker });
        household = found.body.items?.find((h) => h.headName === husband.name) ?? null;
        if (!household) await page.waitForTimeout(1000);
      }
      assert(household, `“${husband.name}”家没有上传到接口：${await visibleText(page)}`);
      const street = await demoToken(api, 'street_reviewer');
      const rec = await api('GET', `/api/v1/consents/of-household/${household.id}`, { token: street });
      assert(rec.status === 200, `审核人员读取授权记录：HTTP ${rec.status}`);
      assert(rec.body.signers.length === 1, `应有 1 位共同签字人，实际 ${rec.body.signers.length}`);
      const s = rec.body.signers[0];
      assert(s.name === wife.name && s.relation === 'spouse', `共同签字人应为配偶${wife.name}：${JSON.stringify(s)}`);
      assert(s.idNumber !== wife.idNumber && s.idNumber.includes('*'), `签字人身份证号应脱敏：${s.idNumber}`);
      assert(typeof s.signatureImage === 'string' && s.signatureImage.startsWith('data:image/png'), '审核人员应看到签字人的手写签名');
      assert(
        rec.body.economicCheck.status === 'complete' && rec.body.economicCheck.adults === 2,
        `两位成年人都已签字，经济状况核对授权应齐全：${JSON.stringify(rec.body.economicCheck)}`,
      );
      return `授权人与配偶各签一次；接口：共同签字人 1 位（${s.idNumber}），经济状况核对“${rec.body.economicCheck.statusLabel}”`;
    },
  },
  {
    name: '家庭档案·授权同意：列出共同签字人，指出未签字的成年成员（经济状况核对授权不完整）',
    shot: 'admin-consent-signers.png',
    async run({ page, base, shoot }) {
      const api = apiClient(base);
      const worker = await demoToken(api, 'grid_worker');
      const grid = (await api('GET', '/api/v1/grids', { token: worker })).body[0];
      const head = { name: '葛长顺', idNumber: makeIdNumber('510115', '1958-02-14', rand() | 1) };
      const wife = { name: '葛淑贞', idNumber: makeIdNumber('510115', '1960-10-03', rand() & ~1) };
      const son = { name: '葛小兵', idNumber: makeIdNumber('510115', '1990-05-27', rand() | 1) };
      const pad = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
      const consent = await api('POST', '/api/v1/consents', {
        token: worker,
        body: {
          subjectName: head.name,
          subjectIdNumber: head.idNumber,
          purposes: ['assistance_assessment', 'economic_check'],
          sensitiveData: true,
          textVersion: '2026-11',
          method: 'in_person_signature',
          signatureImage: pad,
          signers: [{ name: wife.name, relation: 'spouse', idNumber: wife.idNumber, signatureImage: pad }],
        },
      });
      assert(consent.status === 201, `授权：HTTP ${consent.status} ${JSON.stringify(consent.body)}`);
      const member = (relation, p) => ({ relation, name: p.name, idNumber: p.idNumber, employment: 'retired', labourCapacity: 'none', coResident: true });
      const created = await api('POST', '/api/v1/households', {
        token: worker,
        body: {
          consentId: consent.body.id,
          address: '柳城街道和平社区居委会光华大道12号3栋101室',
          communityCode: grid.communityCode,
          gridId: grid.id,
          members: [member('head', head), member('spouse', wife), { ...member('child', son), employment: 'employed', labourCapacity: 'full' }],
          incomes: [{ type: 'pension', monthlyAmount: 1500, memberIndex: 0 }],
          assets: [{ type: 'deposit', value: 2000 }],
          expenses: [],
          hardships: [],
          benefits: [],
        },
      });
      assert(created.status === 201, `采集：HTTP ${created.status} ${JSON.stringify(created.body)}`);
      const id = created.body.household.id;

      await staffSignIn(page, base, 'demo-district', `/admin/households/${id}`);
      await page.getByRole('tab', { name: '授权同意' }).click();
      const signer = page.getByTestId('consent-signer').first();
      await signer.waitFor({ state: 'visible', timeout: 30_000 });
      const signerText = await signer.innerText();
      assert(signerText.includes(wife.name) && signerText.includes('配偶') && !signerText.includes(wife.idNumber), `共同签字人（脱敏）：${signerText}`);
      const check = await page.getByTestId('consent-economic-check').innerText();
      assert(check.includes('不完整') && check.includes(`未签字：${son.name}`), `应指出未签字的成年成员${son.name}：${check}`);
      await shoot('admin-consent-signers.png');
      return `签字人：${signerText.replace(/\s+/g, ' ')}；${check.replace(/\s+/g, ' ')}`;
    },
  },
  {
    name: '网格员：断网入户核实带现场照片与“未遇到”结果 → 联网上传一次 → 审核人员可读照片',
    shot: 'mp-visit-photos.png',
    mobile: true,
    ignoreConsole: /ERR_INTERNET_DISCONNECTED|Failed to load resource/,
    contextOptions: { geolocation: { latitude: 30.6826, longitude: 103.8561, accuracy: 12 }, permissions: ['geolocation'] },
    async run({ page, context, base, shoot }) {
      const api = apiClient(base);
      const worker = await demoToken(api, 'grid_worker');
      const staff = await demoToken(api, 'district_reviewer');
      const me = (await api('GET', '/api/v1/auth/me', { token: worker })).body;
      const list = await api('GET', `/api/v1/households?pageSize=50&gridId=${me.gridIds[0]}`, { token: worker });
      let visited = null;
      for (const h of list.body.items ?? []) {
        const open = await api('GET', `/api/v1/tasks?householdId=${h.id}&active=true`, { token: staff });
        if (open.status === 200 && open.body.total === 0) {
          visited = h;
          break;
        }
      }
      assert(visited, '网格内没有可新建核实任务的家庭');
      const created = await api('POST', '/api/v1/tasks', { token: staff, body: { householdId: visited.id } });
      assert(created.status === 201, `新建核实任务：HTTP ${created.status}`);
      const task = created.body;

      await page.goto(`${base}/h5/`, { waitUntil: 'load' });
      await tap(page, '演示登录：网格员');
      const card = page.locator('.task', { hasText: `${visited.headName}家` }).first();
      await card.waitFor({ timeout: 30_000 });
      await context.setOffline(true);
      await card.scrollIntoViewIfNeeded();
      await card.click({ force: true });
      await expectText(page, '现场照片（可不拍', '核实页应可拍现场照片');
      const photos = await Promise.all(
        ['#c0392b', '#2e86c1'].map((c, i) =>
          sharp({ create: { width: 800, height: 600, channels: 3, background: c } })
            .jpeg({ quality: 80 })
            .toBuffer()
            .then((buffer) => ({ name: `door-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer })),
        ),
      );
      await page.locator('.visit-photos input[type=file]').first().setInputFiles(photos);
      await expectText(page, '已拍 2 张', '选了两张照片');
      assert((await page.locator('.photo-thumb').filter({ visible: true }).count()) === 2, '应显示两张照片缩略图');
      await tap(page, '未遇到', true);
      await tap(page, '获取现场位置');
      await expectText(page, '已记录（精度约 12 米）', '定位');
      await page.locator('textarea').first().fill('敲门无人应答，拍下门牌和门口。');
      await shoot('mp-visit-photos-form.png');
      await tap(page, '保存并上传');
      await expectText(page, '条等待上传', '断网时核实记录和照片应留在手机上');

      await context.setOffline(false);
      await expectText(page, '全部已上传', '联网后应自动上传');
      assert((await page.locator('.outbox-failed, .outbox-conflict').count()) === 0, `待上传中有被退回或冲突的条目：${await visibleText(page)}`);
      await page.reload({ waitUntil: 'load' });
      await expectText(page, '全部已上传', '重新打开后');
      await page.waitForTimeout(1500);

      const street = await demoToken(api, 'street_reviewer');
      const t = await api('GET', `/api/v1/tasks/${task.id}`, { token: street });
      assert(t.body.status === 'submitted', `任务应为已提交，实际 ${t.body.status}`);
      assert((t.body.history ?? []).filter((h) => h.status === 'submitted').length === 1, '核实结果应只提交一次');
      assert(t.body.findings?.outcome === 'not_home', `入户结果应为“未遇到”，实际 ${t.body.findings?.outcome}`);
      const ids = t.body.findings?.photoIds ?? [];
      assert(ids.length === 2, `核实结果应带 2 张照片，实际 ${ids.length}`);
      const files = await api('GET', `/api/v1/attachments?householdId=${visited.id}`, { token: street });
      const mine = files.body.filter((a) => a.taskId === task.id);
      assert(mine.length === 2 && mine.every((a) => a.kind === 'visit_photo'), `档案中应恰有 2 张本任务的现场照片，实际 ${mine.length}`);
      const res = await fetch(`${base}/api/v1/attachments/${ids[0]}/content`, { headers: { authorization: `Bearer ${street}` } });
      assert(res.status === 200 && res.headers.get('content-type') === 'image/jpeg', `审核人员读取照片：HTTP ${res.status}`);
      return `断网保存核实（未遇到）与 2 张照片，联网后上传一次；审核人员读到 ${mine.length} 张现场照片`;
    },
  },
];

/**
 * Browser scenario for 参数管理 (issue 15), run by test/run-browser.mjs against the real API on a
 * fresh demo database: a district reviewer proposes a new 低保标准 from a later date with its 依据;
 * the proposer sees it waiting for someone else; a second district reviewer approves it and the
 * table shows it as the next change; the history drawer shows the value it supersedes ending on
 * that date. The re-screening on the date itself is held by apps/api/test/parameters.e2e-spec.ts
 * (it moves the API's clock). Screenshots: test-output/screenshots/admin-params*.png.
 */
/* global document -- only inside callbacks that run in the page */
import { generate } from 'otplib';
import { WAIT, assert, call, staffSignIn, visibleText, waitText } from './admin.e2e.mjs';

const SECOND_PASSWORD = 'Strong#Pass2026';

/** A second district reviewer (four eyes), created by the system administrator; returns its TOTP secret. */
async function secondDistrictUser(base, username) {
  const admin = (await call(base, 'POST', '/api/v1/auth/demo-login', { body: { role: 'admin' } })).body.accessToken;
  const district = (await call(base, 'POST', '/api/v1/auth/demo-login', { body: { role: 'district_reviewer' } })).body.accessToken;
  const me = await call(base, 'GET', '/api/v1/auth/me', { token: district });
  const created = await call(base, 'POST', '/api/v1/admin/users', {
    token: admin,
    body: { username, displayName: '复核区审', role: 'district_reviewer', regionCode: me.body.regionCode, password: SECOND_PASSWORD },
  });
  assert(created.status === 201, `创建第二名区级审核人员：HTTP ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.totpSecret;
}

const dibaoRow = (page) => page.getByTestId('parameters-table').locator('tbody tr.ant-table-row').filter({ hasText: '城乡低保标准' }).first();

export const PARAMETER_CHECKS = [
  {
    name: '参数管理：区级提出低保标准调整（生效日期与依据），本人不能审批，另一名区级人员批准后显示为下次调整，历史中旧值截止于该日',
    shot: 'admin-params.png',
    bothViewports: true,
    async run({ page, base, shoot, small }) {
      // The second viewport's change is earlier, so it becomes the next one shown.
      const offset = small ? 1 : 2;
      const date = new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
      const value = small ? 1010 : 1000;
      const basis = `成民规〔2026〕${offset}号 关于调整城乡低保标准的通知`;

      await staffSignIn(page, base, 'demo-district', '/admin/parameters');
      await page.goto(`${base}/admin/parameters`, { waitUntil: 'load', timeout: WAIT });
      const menu = await page.getByTestId('side-menu').innerText();
      assert(menu.includes('参数管理'), `菜单缺少“参数管理”：${menu}`);
      await dibaoRow(page).waitFor({ state: 'visible', timeout: WAIT });
      const before = await dibaoRow(page).innerText();
      assert(/920/.test(before) && before.includes('元/人/月') && before.includes('本市'), `低保标准一行为：${before}`);

      await dibaoRow(page).getByTestId('propose').click();
      const modal = page.locator('.ant-modal').filter({ hasText: '提出调整' });
      await modal.waitFor({ state: 'visible', timeout: WAIT });
      await modal.locator('.ant-input-number input').fill(String(value));
      const picker = modal.locator('.ant-picker input');
      await picker.click();
      await picker.fill(date);
      await picker.press('Enter');
      await modal.getByTestId('propose-basis').fill(basis);
      await shoot('admin-params-propose.png');
      await modal.getByRole('button', { name: '提交审批' }).click();
      await waitText(page, '已提交，待区级其他工作人员审批');
      const pending = page.getByTestId('pending-changes').locator('tbody tr.ant-table-row').filter({ hasText: basis });
      await pending.waitFor({ state: 'visible', timeout: WAIT });
      const own = await pending.innerText();
      assert(own.includes('待区级其他人员审批') && (await pending.getByTestId('approve').count()) === 0, `提出人看到的待审批行：${own}`);

      // Four eyes: another district reviewer signs in and approves.
      const username = `params.second${offset}`;
      const secret = await secondDistrictUser(base, username);
      await page.getByTestId('sign-out').click();
      await page.getByTestId('username').fill(username);
      await page.getByTestId('password').fill(SECOND_PASSWORD);
      await page.getByTestId('totp').fill(await generate({ secret }));
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('side-menu').waitFor({ state: 'visible', timeout: WAIT });
      await page.goto(`${base}/admin/parameters`, { waitUntil: 'load', timeout: WAIT });
      const theirs = page.getByTestId('pending-changes').locator('tbody tr.ant-table-row').filter({ hasText: basis });
      await theirs.getByTestId('approve').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await waitText(page, `已批准，将于 ${date} 生效并重新筛查`);
      await page.getByTestId('pending-changes').locator('tbody tr.ant-table-row').filter({ hasText: basis }).waitFor({ state: 'detached', timeout: WAIT });
      await page.waitForFunction(
        (d) =>
          [...document.querySelectorAll('[data-testid="parameters-table"] tbody tr')].some(
            (tr) => tr.textContent.includes('城乡低保标准') && tr.textContent.includes(d),
          ),
        date,
        { timeout: WAIT },
      );
      const after = await dibaoRow(page).innerText();
      assert(after.includes(`${date} 起`) && /1,0[01]0/.test(after), `批准后低保标准一行为：${after}`);

      await dibaoRow(page)
        .getByRole('button', { name: /^历\s*史$/ })
        .click();
      const drawer = page.locator('.ant-drawer').filter({ hasText: '城乡低保标准 · 历史取值' });
      await drawer.waitFor({ state: 'visible', timeout: WAIT });
      await drawer.getByTestId('parameter-changes').locator('tbody tr.ant-table-row').filter({ hasText: basis }).waitFor({ state: 'visible', timeout: WAIT });
      const history = await drawer.getByTestId('parameter-history').innerText();
      assert(history.includes(date) && history.includes('2024-07-01'), `历史取值：${history}`);
      const text = await visibleText(page);
      assert(!/\b[0-9a-f]{8}-[0-9a-f]{4}/.test(text), '页面上出现了内部编号');
      await shoot('admin-params-history.png');
      return `批准后：${after.replace(/\s+/g, ' ')}`;
    },
  },
];

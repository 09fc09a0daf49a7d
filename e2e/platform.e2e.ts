import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buttonName,
  launchChromium,
  pickTreeOption,
  settle,
  snap,
  VIEWPORTS,
  type ViewportName,
} from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// The platform journey of issue 2: an administrator creates a unit and a user through the staff
// app, and the auditor finds both actions in the audit log. It runs at desktop and phone widths;
// screenshots of every step go to artifacts/screenshots/.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, username: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('welcome').waitFor();
}

async function openModule(page: Page, viewport: ViewportName, name: string) {
  if (viewport === 'phone') await page.getByRole('button', { name: '菜单' }).click();
  // A whole word: 登记 must not also match 来访登记; the name may start with the icon's label and end with counter badges.
  await page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}(\\s|\\d|$)`) }).click();
}

const PEOPLE: Record<ViewportName, { unit: string; username: string; name: string }> = {
  desktop: { unit: '青石镇', username: 'qingshi.clerk', name: '李晓梅' },
  phone: { unit: '白沙镇', username: 'baisha.clerk', name: '王建国' },
};

describe('staff app: units, users and their audit trail', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`admin creates a unit and a user, the auditor finds both in the audit log (${viewport})`, async () => {
      const who = PEOPLE[viewport];
      const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      try {
        await page.goto(`${server.url}/`);
        await page.waitForURL('**/login**');
        await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
        await snap(page, viewport, '01-login');

        await logIn(page, 'admin');
        await page
          .getByText('上午好')
          .or(page.getByText(/(早上|中午|下午|晚上)好/))
          .first()
          .waitFor();
        expect(await page.getByTestId('welcome').textContent()).toContain('系统管理员');
        await snap(page, viewport, '02-home');

        // A unit below the root; a double click on save must still create it once.
        await openModule(page, viewport, '单位管理');
        await page.getByRole('heading', { name: '单位管理' }).waitFor();
        await snap(page, viewport, '03-units');
        await page.getByRole('button', { name: /新建下级单位/ }).click();
        await settle(page);
        const unitDialog = page.getByRole('dialog');
        await unitDialog.getByLabel('单位名称').fill(who.unit);
        expect(await unitDialog.getByText('乡镇/街道').count()).toBeGreaterThan(0);
        await snap(page, viewport, '04-unit-dialog');
        await unitDialog.getByRole('button', { name: buttonName('保存') }).dblclick();
        await page.getByText(`已创建单位“${who.unit}”`).waitFor();
        await page.getByTestId('unit-detail').getByText(who.unit).first().waitFor();
        expect(await page.locator('.ant-tree-treenode').filter({ hasText: who.unit }).count()).toBe(1);
        await snap(page, viewport, '05-unit-created');

        // A clerk in that unit, with the generated initial password shown once.
        await openModule(page, viewport, '用户管理');
        await page.getByRole('heading', { name: '用户管理' }).waitFor();
        await page.getByRole('button', { name: /新建用户/ }).click();
        await settle(page);
        const userDialog = page.getByRole('dialog');
        await userDialog.getByLabel('用户名').fill(who.username);
        await userDialog.getByLabel('姓名').fill(who.name);
        await pickTreeOption(page, userDialog.getByLabel('所在单位'), who.unit);
        await userDialog.getByRole('checkbox', { name: '登记员' }).check();
        await snap(page, viewport, '06-user-dialog');
        await userDialog.getByRole('button', { name: buttonName('保存') }).click();
        const shown = page.getByTestId('password-once');
        await shown.waitFor();
        expect((await shown.textContent())?.trim().length).toBeGreaterThanOrEqual(10);
        await snap(page, viewport, '07-user-password');
        await page.getByRole('button', { name: buttonName('确定') }).click();
        const row = page.getByRole('row').filter({ hasText: who.name });
        await row.first().waitFor();
        expect(await row.first().textContent()).toContain(who.unit);
        expect(await row.first().textContent()).toContain('登记员');
        await snap(page, viewport, '08-users');

        await page.getByTestId('user-menu').click();
        await page.getByRole('menuitem', { name: '退出' }).click();
        await page.waitForURL('**/login');
        await page.getByText('您已安全退出。').waitFor();
        await snap(page, viewport, '09-logged-out');

        // The auditor sees only the audit module and finds both actions.
        await logIn(page, 'auditor');
        if (viewport === 'phone') await page.getByRole('button', { name: '菜单' }).click();
        const menu = await page.getByRole('menuitem').allTextContents();
        expect(menu).toEqual(['工作台', '审计日志', '我的账号']);
        await page.getByRole('menuitem', { name: '审计日志' }).click();
        await page.getByRole('heading', { name: '审计日志' }).waitFor();
        const unitRows = page.getByRole('row').filter({ hasText: '创建单位' }).filter({ hasText: who.unit });
        const userRows = page.getByRole('row').filter({ hasText: '创建用户' }).filter({ hasText: who.name });
        await unitRows.first().waitFor();
        await userRows.first().waitFor();
        expect(await unitRows.count()).toBe(1);
        expect(await userRows.count()).toBe(1);
        expect(await unitRows.first().textContent()).toContain('系统管理员');
        await snap(page, viewport, '10-audit');

        await page.getByRole('button', { name: /校验审计链/ }).click();
        const verified = page.getByTestId('verify-result');
        await verified.waitFor();
        expect(await verified.textContent()).toContain('审计链完整');
        await snap(page, viewport, '11-audit-verified');

        expect(pageErrors).toEqual([]);
      } catch (error) {
        await snap(page, viewport, 'failed-platform').catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    });
  }
});

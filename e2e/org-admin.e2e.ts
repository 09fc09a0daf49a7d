import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonName, launchChromium, pickTreeOption, settle, snap, VIEWPORTS } from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// The system administrator's daily work on the demo county (蓼川县, `huiyin demo`): rename a
// township, change a clerk's roles, reset and disable an account, set up a leadership group;
// then the auditor reviews what happened to that account.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ demo: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, username: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('welcome').waitFor();
}

async function rowMenu(page: Page, item: string) {
  await page.getByRole('button', { name: '更多' }).first().click();
  await settle(page);
  await page.getByRole('menuitem', { name: item }).click();
  await settle(page);
}

describe('organisation administration on the demo county', () => {
  it('sysadmin keeps units, accounts and a leadership group; the auditor traces the account', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await logIn(page, 'admin');

      // Units: rename a township and stop it accepting online petitions.
      await page.getByRole('menuitem', { name: '单位管理' }).click();
      await page.getByRole('heading', { name: '单位管理' }).waitFor();
      await page.locator('.ant-tree-treenode').filter({ hasText: '大集镇' }).first().click();
      await page.getByRole('button', { name: /重命名/ }).click();
      await settle(page);
      await page.getByRole('dialog').getByLabel('单位名称').fill('大集镇人民政府');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: buttonName('保存') })
        .click();
      await page.getByText('已更新单位名称').waitFor();
      await page.locator('.ant-tree-treenode').filter({ hasText: '大集镇人民政府' }).waitFor();
      const online = page.getByRole('switch', { name: '受理网上信访' });
      expect(await online.getAttribute('aria-checked')).toBe('true');
      await online.click();
      await page.getByText('已关闭网上受理').waitFor();
      await page.waitForFunction(
        () =>
          document
            .querySelector('[role="switch"][aria-label="受理网上信访"]')
            ?.getAttribute('aria-checked') === 'false',
      );
      await snap(page, 'desktop', '31-units-renamed');

      // Users: a clerk of the petition bureau gains the handler role, then is reset and disabled.
      await page.getByRole('menuitem', { name: '用户管理' }).click();
      await page.getByRole('heading', { name: '用户管理' }).waitFor();
      await page.getByPlaceholder('姓名或用户名').fill('龙玲');
      await page.keyboard.press('Enter');
      const row = page.getByRole('row').filter({ hasText: 'longling' });
      await row.waitFor();
      await row.getByRole('button', { name: /角\s*色/ }).click();
      await settle(page);
      await page.getByRole('dialog').getByRole('checkbox', { name: '经办人' }).check();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: buttonName('保存') })
        .click();
      await page.getByText('角色已更新').waitFor();
      await row.filter({ hasText: '经办人' }).waitFor();

      await rowMenu(page, '重置密码');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /重置密码/ })
        .click();
      const shown = page.getByTestId('password-once');
      await shown.waitFor();
      expect((await shown.textContent())?.trim().length).toBeGreaterThanOrEqual(10);
      await snap(page, 'desktop', '32-users-reset-password');
      await page.getByRole('button', { name: buttonName('确定') }).click();

      await rowMenu(page, '停用');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: buttonName('停用') })
        .click();
      await page.getByText('账号已停用').waitFor();
      await row.waitFor({ state: 'detached' });
      await page.getByLabel('显示已停用').click();
      await row.filter({ hasText: '已停用' }).waitFor();
      await snap(page, 'desktop', '33-users-disabled');
      await rowMenu(page, '启用');
      await page.getByText('账号已启用').waitFor();
      await row.filter({ hasText: '正常' }).waitFor();

      // A leadership group for a township, with the usual work groups.
      await page.getByRole('menuitem', { name: '领导小组' }).click();
      await page.getByRole('heading', { name: '领导小组' }).waitFor();
      await pickTreeOption(page, page.locator('.filter-bar .ant-select').first(), '石店镇');
      await page
        .getByRole('button', { name: /新建领导小组/ })
        .first()
        .click();
      await settle(page);
      const drawer = page.locator('.ant-drawer');
      await drawer.getByLabel('名称').fill('石店镇矛盾纠纷排查化解工作领导小组');
      await drawer.getByLabel('专项工作').fill('矛盾纠纷排查化解专项行动');
      await drawer.locator('.form-list-row .ant-select').nth(1).click();
      await page.keyboard.type('万秋明');
      await page.locator('.ant-select-item-option').filter({ hasText: '万秋明' }).click();
      await drawer.getByRole('button', { name: '添加常用工作组' }).click();
      await snap(page, 'desktop', '34-leadership-group-form');
      await drawer.getByRole('button', { name: buttonName('保存') }).click();
      await page.getByText('领导小组已保存').waitFor();
      const card = page.locator('.group-card').filter({ hasText: '石店镇矛盾纠纷排查化解工作领导小组' });
      await card.waitFor();
      expect(await card.textContent()).toContain('万秋明');
      expect(await card.textContent()).toContain('矛盾纠纷排查化解专项行动');
      expect(await card.locator('.work-group h4').allTextContents()).toEqual([
        '综合联络调度组',
        '接访组',
        '应急处置组',
        '督导检查组',
      ]);
      await snap(page, 'desktop', '35-leadership-groups');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await snap(page, 'desktop', 'failed-org-admin').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }

    // The auditor follows the account through the audit log.
    const auditorContext = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const auditor = await auditorContext.newPage();
    try {
      await logIn(auditor, 'auditor');
      await auditor.getByRole('menuitem', { name: '审计日志' }).click();
      await auditor.getByRole('heading', { name: '审计日志' }).waitFor();
      await auditor.locator('.filter-bar .ant-select').first().click();
      await auditor.keyboard.type('重置密码');
      await auditor.keyboard.press('Enter');
      const reset = auditor.getByRole('row').filter({ hasText: '重置密码' });
      await reset.first().waitFor();
      await auditor.waitForFunction(
        () => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1,
      );
      expect(await reset.first().textContent()).toContain('系统管理员');
      await reset.first().locator('.link-button').click();
      await auditor
        .locator('.filter-bar .ant-select')
        .first()
        .locator('.ant-select-clear')
        .click({ force: true });
      for (const action of ['变更角色', '重置密码', '停用账号', '启用账号']) {
        await auditor.getByRole('row').filter({ hasText: action }).first().waitFor();
      }
      await snap(auditor, 'desktop', '36-audit-one-account');
    } catch (error) {
      await snap(auditor, 'desktop', 'failed-org-auditor').catch(() => undefined);
      throw error;
    } finally {
      await auditorContext.close();
    }
  });
});

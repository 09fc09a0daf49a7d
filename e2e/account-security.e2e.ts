import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonName, launchChromium, snap, VIEWPORTS } from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';
import { totpCode } from './totp.ts';

// Account security in the browser, with HUIYIN_2FA=admins as installed by default: the
// administrator sets up a TOTP authenticator at first login and keeps recovery codes; a new
// account must replace its initial password before it sees anything else.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ twoFactor: 'admins' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function submitLogin(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
}

async function logOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出' }).click();
  await page.waitForURL('**/login');
}

describe('second factor and initial passwords', () => {
  it('admin enrols a TOTP authenticator, keeps recovery codes, and later logs in with one of them', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await submitLogin(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL('**/login/second-factor');
      await page.getByRole('heading', { name: '绑定动态口令' }).waitFor();
      await page.locator('.qr-box img').waitFor();
      const secret = (await page.locator('.secret-text').first().textContent())?.replace(/\s/g, '') ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await snap(page, 'desktop', '21-2fa-enroll');

      // Before activation every other page sends the browser back to this step.
      await page.goto(`${server.url}/users`);
      await page.waitForURL('**/login/second-factor');
      await page.locator('.qr-box img').waitFor();
      const secretAgain =
        (await page.locator('.secret-text').first().textContent())?.replace(/\s/g, '') ?? '';

      await page.locator('.ant-otp input').first().click();
      await page.keyboard.type(totpCode(secretAgain));
      await page.getByRole('button', { name: /验证并启用/ }).click();
      const codes = page.getByTestId('recovery-codes');
      await codes.waitFor();
      const recovery = (await codes.locator('span').allTextContents()).map((c) => c.trim());
      expect(recovery).toHaveLength(10);
      expect(new Set(recovery).size).toBe(10);
      await snap(page, 'desktop', '22-2fa-recovery-codes');

      await page.getByRole('button', { name: '我已保存' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '我已保存' }).click();
      await page.getByTestId('welcome').waitFor();
      await page.goto(`${server.url}/account`);
      await page.getByText('已启用。登录时需输入身份验证器应用上的动态口令。').waitFor();
      await page.getByText('按本系统安全策略，您的账号必须使用动态口令，不能关闭。').waitFor();
      await snap(page, 'desktop', '23-account-2fa-on');
      await logOut(page);

      // Next login: the verify step; a recovery code stands in for the phone, once.
      await submitLogin(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL('**/login/second-factor');
      await page.getByRole('heading', { name: '动态口令验证' }).waitFor();
      await page.getByLabel('动态口令或恢复码').fill('000000');
      await page.getByRole('button', { name: buttonName('验证') }).click();
      await page.getByText('动态口令或恢复码不正确，请重新输入。').waitFor();
      await snap(page, 'desktop', '24-2fa-verify-wrong');
      await page.getByLabel('动态口令或恢复码').fill(recovery[0]!);
      await page.getByRole('button', { name: buttonName('验证') }).click();
      await page.getByTestId('welcome').waitFor();
      await logOut(page);

      await submitLogin(page, 'admin', ADMIN_PASSWORD);
      await page.getByLabel('动态口令或恢复码').fill(recovery[0]!);
      await page.getByRole('button', { name: buttonName('验证') }).click();
      await page.getByText('动态口令或恢复码不正确，请重新输入。').waitFor();
    } catch (error) {
      await snap(page, 'desktop', 'failed-second-factor').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('a new clerk must replace the initial password before using the app (phone)', async () => {
    const admin = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const adminPage = await admin.newPage();
    const api = adminPage.request;
    const headers = { origin: server.url };
    // The secadmin has no second factor yet, so use it with a fresh enrolment through the API.
    const login = await api.post(`${server.url}/api/v1/auth/login`, {
      data: { username: 'secadmin', password: ADMIN_PASSWORD },
      headers,
    });
    expect((await login.json()).secondFactor).toBe('enroll');
    const enrolment = await (
      await api.post(`${server.url}/api/v1/auth/second-factor/enroll`, { headers })
    ).json();
    const activated = await api.post(`${server.url}/api/v1/auth/second-factor/activate`, {
      data: { code: totpCode(enrolment.secret) },
      headers,
    });
    expect(activated.status()).toBe(200);
    const units = await (await api.get(`${server.url}/api/v1/units`)).json();
    const initial = 'Chuzhi-Mima-2026';
    const created = await api.post(`${server.url}/api/v1/users`, {
      data: {
        username: 'zhao.clerk',
        password: initial,
        name: '赵红',
        unitId: units.items[0].id,
        roles: ['clerk'],
      },
      headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
    });
    expect(created.status()).toBe(201);
    await admin.close();

    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await submitLogin(page, 'zhao.clerk', initial);
      await page.getByRole('heading', { name: '请修改初始密码' }).waitFor();
      await snap(page, 'phone', '25-force-password');
      await page.getByLabel('当前密码').fill(initial);
      await page.getByLabel('新密码', { exact: true }).fill('short');
      await page.getByLabel('确认新密码').fill('short');
      await page.getByRole('button', { name: /修改密码/ }).click();
      await page
        .locator('.ant-form-item-explain-error')
        .filter({ hasText: '密码至少 10 位' })
        .first()
        .waitFor();
      await page.getByLabel('新密码', { exact: true }).fill(initial);
      await page.getByLabel('确认新密码').fill(initial);
      await page.getByRole('button', { name: /修改密码/ }).click();
      await page.locator('.ant-alert-error').waitFor();
      expect(await page.locator('.ant-alert-error').textContent()).toContain('密码');
      await snap(page, 'phone', '26-force-password-reused');
      await page.getByLabel('新密码', { exact: true }).fill('Xin-Mima-2026!');
      await page.getByLabel('确认新密码').fill('Xin-Mima-2026!');
      await page.getByRole('button', { name: /修改密码/ }).click();
      await page.getByTestId('welcome').waitFor();
      expect(await page.getByTestId('welcome').textContent()).toContain('登记员');
      await snap(page, 'phone', '27-clerk-home');
    } catch (error) {
      await snap(page, 'phone', 'failed-initial-password').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});

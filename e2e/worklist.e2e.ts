import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, makeStaffUser } from './api.ts';
import { buttonName, launchChromium, settle, snap, VIEWPORTS } from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// The worklist in the staff app: the menu shows the caller's counters (overdue, unassigned) as
// badges; a badge opens exactly the cases it counts; the clerk saves that list as a named filter,
// goes back to all cases and returns with one click on the filter's chip. Desktop and phone
// screenshots: artifacts/screenshots/{desktop,phone}-worklist-*.png.

let server: TestServer;
let browser: Browser;
const CLERK = { username: 'wl.clerk', name: '钱小红' };

/** A day in China (UTC+8) the given number of days before today. */
function chinaDaysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

function letter(unitId: string, receivedOn: string, title: string) {
  return {
    channel: 'letter',
    receivedOn,
    unitId,
    classification: 'appeal',
    category: '征地拆迁',
    title,
    content: '村里征地后补偿款一直没有发放到户。',
    demands: '请求尽快发放补偿款。',
    peopleCount: 1,
    petitioners: [{ name: '王五', phone: '13900001111' }],
  };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const admin = new Api(server.url);
  await admin.login('admin', ADMIN_PASSWORD);
  const units = await admin.call<{ items: { id: string; parentId: string | null }[] }>(
    'GET',
    '/api/v1/units',
  );
  const root = units.items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root unit');
  const town = await admin.call<{ id: string }>('POST', '/api/v1/units', {
    name: '柳林镇',
    kind: 'township',
    parentId: root.id,
  });
  const clerk = await makeStaffUser(admin, CLERK, town.id, ['clerk']);
  // one letter received 30 days ago (its 15-day acceptance limit has passed), one from yesterday
  await clerk.api.call('POST', '/api/v1/petitions', letter(town.id, chinaDaysAgo(30), '灌溉水渠年久失修'));
  await clerk.api.call('POST', '/api/v1/petitions', letter(town.id, chinaDaysAgo(1), '村道路灯不亮'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(CLERK.username);
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('welcome').waitFor();
}

describe('worklist', () => {
  it('shows the counters on the menu, opens a badge’s cases, saves them as a filter and returns to it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page);
    const overdue = page.getByRole('button', { name: '已超期 1' });
    await overdue.waitFor();
    await expect(page.getByRole('button', { name: '待交办 2' }).isVisible()).resolves.toBe(true);
    await snap(page, 'desktop', 'worklist-menu');

    await overdue.click();
    await page.getByRole('heading', { name: '信访事项', exact: true, level: 1 }).waitFor();
    const rows = page.locator('.pet-row');
    await page.getByRole('row').filter({ hasText: '灌溉水渠年久失修' }).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('overdue=true');

    await page.getByRole('button', { name: '保存当前筛选' }).click();
    await page.getByLabel('筛选名称').fill('超期件');
    await page.getByLabel('筛选名称').press('Enter');
    const chip = page.getByRole('button', { name: '超期件' });
    await chip.waitFor();
    await expect(chip.getAttribute('aria-pressed')).resolves.toBe('true');

    await page.getByRole('button', { name: '全部事项' }).click();
    await page.getByRole('row').filter({ hasText: '村道路灯不亮' }).waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    await expect(chip.getAttribute('aria-pressed')).resolves.toBe('false');

    await chip.click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('overdue=true');
    await expect(chip.getAttribute('aria-pressed')).resolves.toBe('true');
    await settle(page);
    await snap(page, 'desktop', 'worklist-saved-filter');

    // the filter is kept on the server: a new session (here a phone) has it too
    const phone = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'zh-CN', isMobile: true });
    const p2 = await phone.newPage();
    await logIn(p2);
    await p2.getByRole('button', { name: '菜单' }).click();
    await p2.getByRole('button', { name: '已超期 1' }).waitFor();
    await settle(p2);
    await snap(p2, 'phone', 'worklist-menu');
    await p2.getByRole('menuitem', { name: '信访事项' }).click();
    await p2.getByRole('button', { name: '超期件' }).click();
    await p2.locator('.pet-card').filter({ hasText: '灌溉水渠年久失修' }).waitFor();
    await expect.poll(() => p2.locator('.pet-card').count()).toBe(1);
    await snap(p2, 'phone', 'worklist-saved-filter');
    await phone.close();
    await context.close();
  });
});

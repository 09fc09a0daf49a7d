import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaffUser, seedOnlineTownship } from './api.ts';
import { buttonName, launchChromium, SCREENSHOT_DIR, settle, snap, VIEWPORTS } from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// Case ownership (领导包案) in the staff app: a township leader takes a case from its page, writes
// the plan with a measure, records progress and finds the case on "我的包案", where another owned
// case whose next contact date has passed is red with the reason. Screenshots:
// artifacts/screenshots/{desktop,phone}-ownership-*.png.

let server: TestServer;
let browser: Browser;
const LEADER = { username: 'own.leader', name: '李振华' };
const STAFF = { username: 'own.staff', name: '王建国' };
let caseId = '';
let staleId = '';

/** A day in China (UTC+8) the given number of days from today (negative: before). */
function chinaDay(offset: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

function letter(unitId: string, title: string) {
  return {
    channel: 'letter',
    receivedOn: chinaDay(-3),
    unitId,
    classification: 'appeal',
    category: '征地拆迁',
    title,
    content: '村里征地后补偿款一直没有发放到户，多次反映未果。',
    demands: '请求尽快足额发放征地补偿款。',
    peopleCount: 1,
    petitioners: [{ name: '赵大伯', phone: '13900002222' }],
  };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const { admin, town } = await seedOnlineTownship(server.url, '桃源镇');
  const leader = await makeStaffUser(admin, LEADER, town.id, ['leader']);
  await makeStaffUser(admin, STAFF, town.id, ['handler']);
  caseId = (
    await leader.api.call<{ id: string }>(
      'POST',
      '/api/v1/petitions',
      letter(town.id, '征地补偿款三年未发放'),
    )
  ).id;
  staleId = (
    await leader.api.call<{ id: string }>(
      'POST',
      '/api/v1/petitions',
      letter(town.id, '宅基地确权纠纷久拖未决'),
    )
  ).id;
  // The second case is owned already, its next contact date yesterday: the board shows it in red.
  await leader.api.call('POST', `/api/v1/petitions/${staleId}/ownership`, {});
  await leader.api.call('PATCH', `/api/v1/petitions/${staleId}/ownership/plan`, {
    version: 1,
    demand: '确认宅基地使用权',
    nextContactOn: chinaDay(-1),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(LEADER.username);
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('welcome').waitFor();
}

/** Waits until the confirmation messages (antd message) have gone, so they do not cover a screenshot. */
async function noToasts(page: Page) {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, null, {
    timeout: 10_000,
  });
}

describe('case ownership', () => {
  it('a leader takes a case, writes the plan with a measure, adds progress and sees it on the board', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${server.url}/petitions/${caseId}`);
    const panel = page.getByTestId('ownership');
    await panel.getByText('本事项还没有包案领导。').waitFor();
    await panel.getByRole('button', { name: buttonName('我来包案') }).click();
    await panel.getByTestId('owning-leader').filter({ hasText: LEADER.name }).waitFor();

    await panel.getByRole('button', { name: buttonName('编辑方案') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('诉求').fill('足额发放2023年征地补偿款');
    await dialog.getByLabel('政策依据').fill('《中华人民共和国土地管理法》第四十八条');
    await dialog.getByLabel('下次联系日期').fill(chinaDay(7));
    await dialog.getByRole('button', { name: /添加措施/ }).click();
    await dialog.getByLabel('措施内容 1').fill('核对补偿款发放名册并公示');
    await dialog.getByLabel('责任人').click();
    await page.keyboard.type(STAFF.name);
    await page.locator('.ant-select-item-option').filter({ hasText: STAFF.name }).first().click();
    await dialog.getByLabel('完成时限').fill(chinaDay(5));
    await dialog.getByRole('button', { name: buttonName('保存') }).click();
    await panel.getByTestId('measure').filter({ hasText: '核对补偿款发放名册并公示' }).waitFor();
    await expect(panel.getByTestId('measure').textContent()).resolves.toContain(STAFF.name);

    await panel.getByRole('button', { name: buttonName('记录进展') }).click();
    await page.getByRole('dialog').getByLabel('进展情况').fill('已与信访人电话联系，约定下周到村委会面谈。');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: buttonName('保存') })
      .click();
    await panel.getByTestId('progress').filter({ hasText: '约定下周到村委会面谈' }).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await noToasts(page);
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -72));
    await settle(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}desktop-ownership-panel.png` });

    await page.getByRole('menuitem', { name: /我的包案/ }).click();
    const items = page.getByTestId('board-item');
    await items.filter({ hasText: '征地补偿款三年未发放' }).waitFor();
    const stale = items.filter({ hasText: '宅基地确权纠纷久拖未决' });
    await expect(stale.getByTestId('stale-reason').textContent()).resolves.toBe(
      `下次联系日期（${chinaDay(-1)}）已过`,
    );
    // Stale first, and the fresh case shows its next contact date and latest progress.
    await expect(items.first().textContent()).resolves.toContain('宅基地确权纠纷久拖未决');
    const fresh = items.filter({ hasText: '征地补偿款三年未发放' });
    await expect(fresh.textContent()).resolves.toContain(`最近进展：${chinaDay(0)}`);
    await expect(fresh.getByTestId('stale-reason').count()).resolves.toBe(0);
    await noToasts(page);
    await snap(page, 'desktop', 'ownership-board');
    await context.close();
  });

  it('the board stays readable at phone width', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${server.url}/ownership`);
    await page.getByTestId('board-item').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await snap(page, 'phone', 'ownership-board');
    await page
      .getByTestId('board-item')
      .filter({ hasText: '征地补偿款三年未发放' })
      .getByRole('link')
      .last()
      .click();
    const panel = page.getByTestId('ownership');
    await panel.getByTestId('measure').waitFor();
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -64));
    await settle(page);
    const panelOverflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(panelOverflow).toBe(false);
    await page.screenshot({ path: `${SCREENSHOT_DIR}phone-ownership-panel.png` });
    await panel.getByRole('button', { name: buttonName('编辑方案') }).click();
    await page.getByRole('dialog').getByTestId('measure-row').waitFor();
    await settle(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}phone-ownership-plan.png` });
    await context.close();
  });
});

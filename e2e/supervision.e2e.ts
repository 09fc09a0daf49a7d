import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, makeStaffUser, seedOnlineTownship } from './api.ts';
import { buttonName, launchChromium, settle, snap, VIEWPORTS } from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// Supervision (督查督办) in the staff app: a county supervisor issues a 督办单 for a township case;
// the township leader sees the count on the bell, opens the notice from it, answers in writing,
// and the bell goes back to zero. Screenshots: artifacts/screenshots/{desktop,phone}-supervision-*.png.

let server: TestServer;
let browser: Browser;
const LEADER = { username: 'sup.leader', name: '陈国栋' };
const SUPERVISOR = { username: 'sup.county', name: '周敏' };
let caseNumber = '';
let noticeId = '';
let noticeNumber = '';

/** A day in China (UTC+8) the given number of days from today (negative: before). */
function chinaDay(offset: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const { admin, town } = await seedOnlineTownship(server.url, '青石镇', '临江县');
  const units = await admin.call<{ items: { id: string; parentId: string | null }[] }>(
    'GET',
    '/api/v1/units',
  );
  const county = units.items.find((u) => u.parentId === null)!;
  const leader = await makeStaffUser(admin, LEADER, town.id, ['leader']);
  const supervisor = await makeStaffUser(admin, SUPERVISOR, county.id, ['supervisor']);
  const c = await leader.api.call<{ id: string; number: string }>('POST', '/api/v1/petitions', {
    channel: 'letter',
    receivedOn: chinaDay(-3),
    unitId: town.id,
    classification: 'appeal',
    category: '征地拆迁',
    title: '村道硬化工程长期停工',
    content: '村道硬化工程停工半年，雨天无法通行。',
    demands: '请求尽快复工。',
    peopleCount: 3,
    petitioners: [{ name: '孙老汉', phone: '13900003333' }],
  });
  caseNumber = c.number;
  const notice = await (supervisor.api as Api).call<{ id: string; number: string }>(
    'POST',
    '/api/v1/supervision/notices',
    { petitionId: c.id, reason: '群众多次反映停工问题，请加快办理并书面报告进展', replyWorkingDays: 5 },
  );
  noticeId = notice.id;
  noticeNumber = notice.number;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, username = LEADER.username) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('welcome').waitFor();
}

describe('supervision', () => {
  it('the leader sees the bell count, opens the notice from the bell and answers it in writing', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page);
    const bell = page.getByTestId('notification-bell');
    await bell.locator('.ant-badge-count').filter({ hasText: '1' }).waitFor();
    await expect(bell.getAttribute('aria-label')).resolves.toBe('1 条未读提醒');
    await bell.click();
    const item = page.getByTestId('bell-item').filter({ hasText: `督办：${caseNumber}` });
    await item.waitFor();
    await settle(page);
    await snap(page, 'desktop', 'supervision-bell');
    await item.click();

    await page.waitForURL(`**/supervision/${noticeId}`);
    await page.getByRole('heading', { name: new RegExp(noticeNumber.replace(/[〔〕]/g, '.')) }).waitFor();
    await page.locator('.ant-descriptions').getByText('群众多次反映停工问题').waitFor();
    await page.getByLabel('书面答复').fill('已召集施工方和村委会协调，下周一复工，预计两个月内完工。');
    await page.getByTestId('submit-reply').click();
    await page.getByTestId('reply-text').filter({ hasText: '下周一复工' }).waitFor();
    await page.locator('.ant-tag').filter({ hasText: '已答复' }).first().waitFor();
    // Opening it from the bell read it: the bell is back to no count.
    await bell.locator('.ant-badge-count').waitFor({ state: 'detached' });
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => {});
    await snap(page, 'desktop', 'supervision-notice');

    await page.getByRole('menuitem', { name: /督查督办/ }).click();
    const row = page.getByTestId('notice').filter({ hasText: noticeNumber });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('已答复');
    await snap(page, 'desktop', 'supervision-list');
    await context.close();
  });

  it('the notice page stays readable at phone width', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${server.url}/supervision/${noticeId}`);
    await page.getByTestId('reply-text').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await snap(page, 'phone', 'supervision-notice');
    await context.close();
  });

  it('the administrator adds a WeCom robot and sets the reminder window of the county', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page, 'admin');
    await page.getByRole('menuitem', { name: /消息推送/ }).click();
    await page.getByRole('button', { name: buttonName('添加机器人') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('单位').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '青石镇' }).click();
    await dialog.getByLabel('类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '企业微信' }).click();
    await dialog.getByLabel('名称').fill('青石镇信访工作群');
    await dialog
      .getByLabel('Webhook 地址')
      .fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd-1234');
    await dialog.getByRole('button', { name: buttonName('保存') }).click();
    await page.getByText('青石镇信访工作群').waitFor();
    // The robot's key is never shown in full.
    await expect(page.locator('body').textContent()).resolves.not.toContain('abcd-1234');

    const settings = page.locator('.sup-settings');
    await settings.getByLabel('期限前几天提醒').fill('5');
    await settings.getByRole('button', { name: buttonName('保存') }).click();
    await settings.getByText('本单位的设置').waitFor();
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => {});
    await snap(page, 'desktop', 'supervision-webhooks');
    await context.close();
  });
});

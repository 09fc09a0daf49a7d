import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaffUser, seedOnlineTownship } from './api.ts';
import {
  buttonName,
  launchChromium,
  SCREENSHOT_DIR,
  settle,
  VIEWPORTS,
  type ViewportName,
} from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// Issue 5 items 3–4 in the staff app: a township clerk schedules today's leader reception slot
// on the reception calendar, books a citizen by phone, and when the citizen comes turns the
// appointment into a visit that registers a new case (channel 来访) with its query code; the case
// page shows the reception on its timeline. Screenshots: artifacts/screenshots/receptions-<viewport>-<step>.png.

let server: TestServer;
let browser: Browser;

const TOWN = '柳湾镇';
const LEADER = { username: 'lw.leader', name: '韩志强' };
const CLERK = { username: 'lw.clerk', name: '邓秀英' };
const PLACE = '柳湾镇人民政府信访接待室';

let category = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const { admin, town } = await seedOnlineTownship(server.url, TOWN);
  await makeStaffUser(admin, LEADER, town.id, ['leader']);
  const clerk = await makeStaffUser(admin, CLERK, town.id, ['clerk']);
  const categories = await clerk.api.call<{ items: { name: string; active: boolean }[] }>(
    'GET',
    '/api/v1/petition-categories',
  );
  category = categories.items.find((c) => c.active)?.name ?? '';
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function shot(page: Page, viewport: ViewportName, step: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `receptions-${viewport}-${step}.png`),
    fullPage: true,
  });
}

async function logIn(context: BrowserContext, page: Page, username: string) {
  await context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('welcome').waitFor();
}

async function openModule(page: Page, viewport: ViewportName, name: string) {
  if (viewport === 'phone') {
    await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '菜单' }).click();
    await page.locator('.ant-drawer-open .side-menu').waitFor();
    await settle(page);
  }
  await page.getByRole('menuitem', { name }).click();
  await page
    .getByRole('heading', { level: 1 })
    .filter({ hasText: name === '接访安排' ? '领导接访安排' : name })
    .waitFor();
}

async function pickOption(page: Page, field: Locator, text: string) {
  await field.click();
  await settle(page);
  await page.locator('.ant-select-item-option:visible').filter({ hasText: text }).first().click();
}

describe('reception calendar, phone booking and arrival', () => {
  it('schedules a slot, books by phone, and turns the arrival into a visit with a new case (desktop)', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await logIn(context, page, CLERK.username);
      await openModule(page, 'desktop', '接访安排');
      await page.getByRole('heading', { name: '领导接访安排', level: 1 }).waitFor();

      // 1. Schedule today's slot with the township leader.
      await page
        .getByRole('button', { name: /安排接访/ })
        .first()
        .click();
      const slotForm = page.getByTestId('slot-form');
      await slotForm.waitFor();
      await pickOption(page, slotForm.getByTestId('leader-select'), LEADER.name);
      await slotForm.getByLabel('接访地点').fill(PLACE);
      await page
        .getByRole('dialog')
        .getByRole('button', { name: buttonName('提交') })
        .click();
      await page.getByText('已安排接访时段').waitFor();
      const slot = page.getByTestId('slot').filter({ hasText: LEADER.name }).first();
      await slot.waitFor();
      await expect(slot.textContent()).resolves.toContain('已约 0/10');
      await shot(page, 'desktop', '1-calendar');

      // 2. A phone booking in the slot's drawer; the phone is shown masked.
      await slot.click();
      const drawer = page.getByTestId('slot-drawer');
      await drawer.waitFor();
      const booking = drawer.getByTestId('phone-booking');
      await booking.getByLabel('姓名').fill('马桂兰');
      await booking.getByLabel('手机号').fill('13912340000');
      await booking.getByLabel('反映事项').fill('承包地被邻村占用，要求确权');
      await booking.getByRole('button', { name: buttonName('登记预约') }).click();
      const appointment = drawer.getByTestId('appointment').filter({ hasText: '马桂兰' });
      await appointment.waitFor();
      await expect(appointment.textContent()).resolves.toContain('139****0000');
      await expect(appointment.textContent()).resolves.toContain('待接访');
      await shot(page, 'desktop', '2-booked');

      // 3. She comes: 到访 registers the visit with a new case from the appointment.
      await appointment.getByRole('button', { name: buttonName('到访') }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '到访登记' });
      await dialog.waitFor();
      await settle(page);
      await expect(dialog.getByTestId('required-leader').textContent()).resolves.toContain('一般来访');
      await pickOption(page, dialog.getByTestId('case-classification'), '申诉求决类');
      await pickOption(page, dialog.getByTestId('case-category'), category);
      await dialog.getByRole('button', { name: buttonName('到访') }).click();
      const result = dialog.getByTestId('arrive-result');
      await result.waitFor();
      const text = (await result.textContent()) ?? '';
      expect(text).toMatch(/已登记信访事项 柳湾镇信〔\d{4}〕\d+号，查询码 [0-9A-Z]{12}/);
      await shot(page, 'desktop', '3-arrived');
      await expect(appointment.textContent()).resolves.toContain('已到访');

      // 4. The case: a visit (来访) with the reception on its timeline.
      await result.getByRole('link', { name: '查看事项' }).click();
      await page.getByTestId('timeline').getByText('来访：1人，接待领导：韩志强').waitFor();
      const visits = page.getByTestId('field-visits');
      await visits.waitFor();

      // 5. A field visit with the case (带案下访) and a promise, recorded on the case page.
      await visits.getByRole('button', { name: buttonName('记录下访') }).click();
      const fv = page.getByRole('dialog').filter({ hasText: '记录下访' });
      await fv.waitFor();
      await settle(page);
      await fv.getByLabel('地点').fill('柳湾镇三村马桂兰家');
      const visitors = fv.getByLabel('走访人员');
      await visitors.click();
      await page.keyboard.type('韩志强');
      await page.locator('.ant-select-item-option:visible').filter({ hasText: LEADER.name }).first().click();
      await page.keyboard.press('Escape');
      await fv.getByLabel('接谈对象').fill('马桂兰及村委会主任');
      await fv.getByRole('button', { name: /添加承诺/ }).click();
      await fv.getByLabel('承诺内容').fill('组织两村现场勘界');
      await fv.getByLabel('办结期限').click();
      await page.locator('.ant-picker-cell-today:visible').click();
      await fv.getByRole('button', { name: buttonName('提交') }).click();
      await visits.getByText('组织两村现场勘界').waitFor();
      await page
        .getByTestId('timeline')
        .getByText(/带案下访：韩志强到柳湾镇三村马桂兰家/)
        .waitFor();
      await shot(page, 'desktop', '4-case');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows the week of slots and the visit form with the required leader on a phone', async () => {
    const context = await browser.newContext({
      viewport: VIEWPORTS.phone,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await logIn(context, page, CLERK.username);
      await openModule(page, 'phone', '接访安排');
      await page.getByTestId('slot').filter({ hasText: LEADER.name }).first().waitFor();
      await page.locator('.rcp-week').waitFor(); // a phone opens the week, one day under another
      await shot(page, 'phone', '1-week');

      await openModule(page, 'phone', '来访登记');
      const form = page.getByTestId('visit-form');
      await form.waitFor();
      await form.getByTestId('people-count').fill('25');
      await expect
        .poll(async () => (await page.getByTestId('required-leader').textContent()) ?? '', {
          timeout: 10_000,
        })
        .toContain('应由主要领导接待');
      await shot(page, 'phone', '2-visit-form');

      await openModule(page, 'phone', '回访任务');
      await page.getByText('没有回访任务').waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("lets the administrator set the township's group-visit rules, which the visit form then applies", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'zh-CN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await logIn(context, page, 'admin');
      await page.getByRole('menuitem', { name: '接访规则' }).click();
      await page.getByRole('heading', { name: '集体访接待规则', level: 1 }).waitFor();
      const unit = page.locator('.rcp-rules .ant-select').first();
      await unit.click();
      await page.keyboard.type(TOWN);
      await settle(page);
      await page
        .locator('.ant-select-tree-title:visible')
        .filter({ hasText: new RegExp(`^${TOWN}$`) })
        .click();
      await expect
        .poll(async () => (await page.getByTestId('rules-source').textContent()) ?? '')
        .toContain('默认规则');
      const form = page.getByTestId('rules-form');
      await form.getByLabel('主要领导接待：人数不少于').fill('10');
      await form.getByLabel('分管领导接待：人数不少于').fill('3');
      await form.getByRole('button', { name: buttonName('保存规则') }).click();
      await page.getByText('已保存接访规则').waitFor();
      await expect
        .poll(async () => (await page.getByTestId('rules-source').textContent()) ?? '')
        .toContain('本单位设置');
      await shot(page, 'desktop', '5-rules');

      await logIn(context, page, CLERK.username);
      await page.getByRole('menuitem', { name: '来访登记' }).click();
      const visit = page.getByTestId('visit-form');
      await visit.waitFor();
      await visit.getByTestId('people-count').fill('12');
      await expect
        .poll(async () => (await page.getByTestId('required-leader').textContent()) ?? '', {
          timeout: 10_000,
        })
        .toContain('10人及以上主要领导');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaffUser, seedOnlineTownship } from './api.ts';
import { launchChromium, SCREENSHOT_DIR, settle, VIEWPORTS } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

// 预约接访 in the portal on a phone (390×844, touch), issue 5 item 1: a clerk schedules the
// township leader's reception slot with one place through the staff API; one citizen books that
// place and gets the appointment code; another, who chose the same slot before it went, is told it
// is full and sees it as 已约满 while her form is kept. Screenshots: artifacts/screenshots/portal-book-<step>.png.

let server: TestServer;
let browser: Browser;

const TOWN = '桃源镇';
const LEADER = { username: 'ty.leader', name: '郑国平' };
const CLERK = { username: 'ty.clerk', name: '何丽娟' };
const PLACE = '桃源镇人民政府一楼信访接待室';

/** The China calendar day `days` from now, as YYYY-MM-DD. */
function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A township accepting online petitions, its leader, and a clerk who schedules two slots. */
async function seed() {
  const { admin, town } = await seedOnlineTownship(server.url, TOWN);
  const leader = await makeStaffUser(admin, LEADER, town.id, ['leader']);
  const clerk = await makeStaffUser(admin, CLERK, town.id, ['clerk']);
  const slot = (date: string, start: string, end: string, capacity: number) =>
    clerk.api.call<{ id: string; date: string }>('POST', '/api/v1/reception-slots', {
      unitId: town.id,
      leaderId: leader.id,
      date,
      start,
      end,
      place: PLACE,
      capacity,
    });
  const single = await slot(chinaDay(3), '09:00', '11:30', 1);
  const later = await slot(chinaDay(10), '14:30', '17:00', 5);
  return { town, clerk, single, later };
}
let world: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  world = await seed();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A full-page screenshot as artifacts/screenshots/portal-book-<step>.png, once the page is still. */
async function shot(page: Page, step: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `portal-book-${step}.png`), fullPage: true });
}

/** A phone that records page errors (expected 409 answers are logged by Chromium as failed resources). */
async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return { context, page, errors };
}

/** Chooses the township and waits for its slots. */
async function chooseTown(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByLabel('在哪个单位预约').locator('option').allTextContents())
    .toContain(TOWN);
  await page.getByLabel('在哪个单位预约').selectOption({ label: TOWN });
  await page.getByTestId('slot').first().waitFor();
}

/** The weekday of a YYYY-MM-DD date in Chinese, e.g. 星期四. */
function weekday(date: string): string {
  return `星期${'日一二三四五六'[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

describe('预约接访 in the portal on a phone', () => {
  it('books the one place of a slot with a code, and a second booking of it is told the slot is full', async () => {
    const first = await phone();
    const second = await phone();
    const { page } = first;
    const other = second.page;
    try {
      // Home: the third big button leads to the booking page.
      await page.goto(`${server.url}/portal`);
      await page.getByRole('heading', { name: '网上信访', level: 1 }).waitFor();
      await shot(page, '01-home');
      await page.getByRole('link', { name: /^预约接访/ }).click();
      await page.getByRole('heading', { name: '预约接访', level: 1 }).waitFor();
      expect(await page.title()).toBe('预约接访 · 网上信访');

      // The second citizen opens the page too and picks the same one-place slot.
      await other.goto(`${server.url}/portal#book`);
      await chooseTown(other);
      await other.getByRole('radio', { name: /09:00–11:30/ }).check();
      await other.getByLabel('姓名').fill('林秋菊');
      await other.getByLabel('手机号码').fill('13698765432');
      await other.getByLabel('想当面反映什么事').fill('宅基地确权一直没有办下来。');

      // The slots: date with weekday, time, place, receiving leader, places left.
      await chooseTown(page);
      const slots = page.getByTestId('slot');
      expect(await slots.count()).toBe(2);
      const single = slots.first();
      const text = (await single.textContent()) ?? '';
      const [y, m, d] = world.single.date.split('-').map(Number);
      expect(text).toContain(`${y}年${m}月${d}日 ${weekday(world.single.date)}`);
      expect(text).toContain('09:00–11:30');
      expect(text).toContain(`地点：${PLACE}`);
      expect(text).toContain(`接访领导：${LEADER.name}`);
      expect(text).toContain('还剩1个名额');
      expect(await slots.nth(1).textContent()).toContain('还剩5个名额');

      // Checks next to the fields, in Chinese, before anything is sent.
      await page.getByRole('button', { name: '确认预约' }).click();
      await page.getByText('请选择接访时间').waitFor();
      await page.getByText('请填写姓名').waitFor();
      await page.getByText('请填写手机号码').waitFor();
      await page.getByText('请填写想反映的事').waitFor();
      await page.getByLabel('手机号码').fill('1234567');
      await page.getByRole('button', { name: '确认预约' }).click();
      await page.getByText('手机号码应为11位数字，以13至19开头').waitFor();
      await shot(page, '02-errors');

      // Book the one place.
      await page.getByRole('radio', { name: /09:00–11:30/ }).check();
      await page.getByLabel('姓名').fill('陈秀英');
      await page.getByLabel('手机号码').fill('139 1234 5678');
      await page
        .getByLabel('想当面反映什么事')
        .fill('村里修路占了我家的承包地，补偿一直没有到位，想当面向领导反映。');
      // Each message goes once its field is put right, the summary with the last one.
      await expect.poll(() => page.locator('.field-error:visible').count()).toBe(0);
      await expect.poll(() => page.getByText('还有内容需要修改，请看红色提示。').count()).toBe(0);
      await shot(page, '03-filled');
      await page.getByRole('button', { name: '确认预约' }).click();
      const booked = page.getByTestId('booked');
      await booked.waitFor();
      const code = (await page.getByTestId('appointment-code').getAttribute('data-code')) ?? '';
      expect(code).toMatch(/^[0-9A-Z]{12}$/);
      expect((await page.getByTestId('appointment-code').textContent())?.replace(/\s/g, '')).toBe(code);
      await booked.getByText(`您已预约${TOWN}的领导接访。`).waitFor();
      await booked.getByText('请带上身份证，按时到达。').waitFor();
      expect(await booked.textContent()).toContain(PLACE);
      await shot(page, '04-booked');

      // The clerk sees the appointment with its code and only a masked phone.
      const list = await world.clerk.api.call<{ items: { code: string; name: string; phone: string }[] }>(
        'GET',
        `/api/v1/reception-slots/${world.single.id}/appointments`,
      );
      expect(list.items).toEqual([expect.objectContaining({ code, name: '陈秀英', phone: '139****5678' })]);

      // The second citizen submits the slot chosen before it went: full, shown so, her form kept.
      await other.getByRole('button', { name: '确认预约' }).click();
      await other.getByRole('alert').getByText('该接访时段已约满，请选择其他时段或其他日期。').waitFor();
      await other.getByText(/^您选的时段刚刚约满了，请另选一个时段/).waitFor();
      const full = other.getByTestId('slot').first();
      await expect.poll(() => full.textContent()).toContain('已约满');
      expect(await other.getByRole('radio', { name: /09:00–11:30/ }).isDisabled()).toBe(true);
      expect(await other.getByRole('radio', { name: /14:30–17:00/ }).isEnabled()).toBe(true);
      expect(await other.getByLabel('姓名').inputValue()).toBe('林秋菊');
      expect(await other.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(other, '05-slot-full');

      // She takes the later slot instead.
      await other.getByRole('radio', { name: /14:30–17:00/ }).check();
      await other.getByRole('button', { name: '确认预约' }).click();
      await other.getByTestId('booked').waitFor();

      // Anyone opening the page now sees the first slot as full and cannot choose it.
      await page.getByRole('link', { name: '返回首页' }).click();
      await page.getByRole('link', { name: /^预约接访/ }).click();
      await page.getByRole('heading', { name: '预约接访', level: 1 }).waitFor();
      await chooseTown(page);
      expect(await page.getByTestId('slot').first().textContent()).toContain('已约满');
      expect(await page.getByRole('radio', { name: /09:00–11:30/ }).isDisabled()).toBe(true);
      expect(await page.getByTestId('slot').nth(1).textContent()).toContain('还剩4个名额');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect([...first.errors, ...second.errors]).toEqual([]);
    } catch (error) {
      await shot(page, 'failed').catch(() => undefined);
      await shot(other, 'failed-other').catch(() => undefined);
      throw error;
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });
});

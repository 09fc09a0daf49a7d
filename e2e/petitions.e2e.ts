import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_2027 } from '../shared/calendar/test-fixtures.ts';
import { Api, makeStaffUser } from './api.ts';
import {
  buttonName,
  launchChromium,
  SCREENSHOT_DIR,
  settle,
  VIEWPORTS,
  type ViewportName,
} from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// The petition journey of issue 3 in the staff app, at desktop and phone widths: a township clerk
// registers a letter (keyboard first) and hands over the query code, accepts it and assigns it to a
// handler; the handler answers it (support); the petitioner asks for review with the query code in
// the public portal; and a leader of the county (the unit one level up) decides the review. The organisation is seeded
// through the API; every step is a screenshot artifacts/screenshots/petitions-<viewport>-<step>.png.

let server: TestServer;
let browser: Browser;

const PASSWORD = ADMIN_PASSWORD;

interface Unit {
  id: string;
  name: string;
}
interface People {
  township: string;
  village: string;
  clerk: { username: string; name: string };
  handler: { username: string; name: string };
  leader: { username: string; name: string };
}

const PEOPLE: Record<ViewportName, People> = {
  desktop: {
    township: '青石镇',
    village: '青石村',
    clerk: { username: 'qs.clerk', name: '李晓梅' },
    handler: { username: 'qs.handler', name: '张国强' },
    leader: { username: 'qs.leader', name: '陈志远' },
  },
  phone: {
    township: '白沙镇',
    village: '白沙村',
    clerk: { username: 'bs.clerk', name: '王建国' },
    handler: { username: 'bs.handler', name: '刘芳' },
    leader: { username: 'bs.leader', name: '赵文华' },
  },
};
const COUNTY = '清河县';
const COUNTY_CLERK = { username: 'qh.clerk', name: '孙丽' };
const COUNTY_LEADER = { username: 'qh.leader', name: '周德明' };

/** The county (the root, renamed), a township with a village per viewport, and their staff. */
async function seed() {
  const admin = new Api(server.url);
  await admin.login('admin', ADMIN_PASSWORD);
  const units = await admin.call<{ items: (Unit & { parentId: string | null })[] }>('GET', '/api/v1/units');
  const root = units.items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root unit');
  await admin.call('PATCH', `/api/v1/units/${root.id}`, { name: COUNTY });
  await makeStaffUser(admin, COUNTY_CLERK, root.id, ['clerk']);
  await makeStaffUser(admin, COUNTY_LEADER, root.id, ['leader']);
  for (const who of Object.values(PEOPLE)) {
    const town = await admin.call<Unit>('POST', '/api/v1/units', {
      name: who.township,
      kind: 'township',
      parentId: root.id,
    });
    await admin.call<Unit>('POST', '/api/v1/units', {
      name: who.village,
      kind: 'village',
      parentId: town.id,
    });
    await makeStaffUser(admin, who.clerk, town.id, ['clerk']);
    await makeStaffUser(admin, who.handler, town.id, ['handler']);
    await makeStaffUser(admin, who.leader, town.id, ['leader']);
  }
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  await seed();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Saves a full-page screenshot as artifacts/screenshots/petitions-<viewport>-<step>.png once the page is still. */
async function shot(page: Page, viewport: ViewportName, step: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `petitions-${viewport}-${step}.png`),
    fullPage: true,
  });
}

async function logIn(context: BrowserContext, page: Page, username: string) {
  await context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('welcome').waitFor();
}

async function openModule(page: Page, viewport: ViewportName, name: string) {
  if (viewport === 'phone') {
    await page.getByRole('button', { name: '菜单' }).click();
    await settle(page);
  }
  // A whole word: 登记 must not also match 来访登记; the name may start with the icon's label and end with counter badges.
  await page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}(\\s|\\d|$)`) }).click();
}

/** Opens the case from the worklist by its number (a table row on desktop, a card on phones). */
async function openFromWorklist(page: Page, viewport: ViewportName, number: string) {
  await openModule(page, viewport, '信访事项');
  await page.getByRole('heading', { name: '信访事项', exact: true, level: 1 }).waitFor();
  const entry =
    viewport === 'phone'
      ? page.locator('.pet-card').filter({ hasText: number })
      : page.getByRole('row').filter({ hasText: number });
  await entry.first().waitFor();
  return entry.first();
}

/** Runs one action of the case page through its dialog and waits for the new status. */
async function act(page: Page, button: string, fill: (dialog: Locator) => Promise<void>, status: string) {
  await page
    .getByTestId('actions')
    .getByRole('button', { name: buttonName(button) })
    .click();
  await settle(page);
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  return {
    dialog,
    confirm: async () => {
      await settle(page);
      await dialog.getByRole('button', { name: buttonName(`确认${button}`) }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('.pet-case-number').getByText(status, { exact: true }).waitFor();
    },
  };
}

async function pickOption(page: Page, field: Locator, text: string) {
  await field.click();
  await settle(page);
  await page.locator('.ant-select-item-option:visible').filter({ hasText: text }).first().click();
}

describe('a letter from registration to the review decision at the county', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`registers, accepts, assigns, answers, takes a review request and decides the review (${viewport})`, async () => {
      const who = PEOPLE[viewport];
      const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      const title = `${who.village}村道硬化后排水沟堵塞`;
      try {
        // 1. The township clerk registers a letter, keyboard first.
        await logIn(context, page, who.clerk.username);
        const menu = await (async () => {
          if (viewport === 'phone') await page.getByRole('button', { name: '菜单' }).click();
          await settle(page);
          const items = await page.getByRole('menuitem').allTextContents();
          if (viewport === 'phone') await page.keyboard.press('Escape');
          return items;
        })();
        expect(menu).toEqual(expect.arrayContaining(['信访事项', '登记']));
        await settle(page);
        await shot(page, viewport, '01-home');

        await openModule(page, viewport, '登记');
        await page.getByRole('heading', { name: '登记信访事项' }).waitFor();
        // The first field has the focus, and the defaults are a letter received today at the clerk's unit.
        await expect
          .poll(() =>
            page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.textContent ?? ''),
          )
          .toContain('渠道');
        const form = page.locator('form#petition-register');
        await expect
          .poll(() => form.locator('.ant-form-item').filter({ hasText: '渠道' }).first().textContent())
          .toContain('来信');
        await shot(page, viewport, '02-register');

        await page.getByRole('radio', { name: /申诉求决类/ }).check();
        const titleInput = page.getByLabel('标题', { exact: true });
        await titleInput.fill(title);
        await titleInput.press('Enter');
        // Enter moved to the category; typing filters it, Enter picks it and moves on to the content.
        await expect
          .poll(() =>
            page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.textContent ?? ''),
          )
          .toContain('类别');
        await page.keyboard.type('城乡建设');
        await settle(page);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
        await page.keyboard.type(
          '村道去年硬化后两侧排水沟被建筑垃圾堵塞，雨天积水漫进三户村民家中，多次向村委会反映未解决。',
        );
        await page.getByLabel('诉求', { exact: true }).fill('请求清理排水沟并加装盖板。');
        await page.getByLabel('姓名', { exact: true }).fill('何秀兰');
        await page.getByLabel('身份证号', { exact: true }).fill('330102196805121527');
        await page.getByLabel('电话', { exact: true }).fill('13867451234');
        await page.getByLabel('地址', { exact: true }).fill(`${who.township}${who.village}3组`);
        await shot(page, viewport, '03-register-filled');
        await page.getByLabel('地址', { exact: true }).press('Control+Enter');

        const registered = page.getByTestId('registered');
        await registered.waitFor();
        const number = ((await page.getByTestId('registered-number').textContent()) ?? '')
          .replace('编号', '')
          .trim();
        expect(number).not.toBe('');
        const queryCode = ((await page.getByTestId('query-code').textContent()) ?? '').trim();
        expect(queryCode.length).toBeGreaterThanOrEqual(10);
        expect(await registered.getByTestId('deadlines').textContent()).toContain('受理告知期限');
        expect(await registered.getByTestId('deadlines').textContent()).toContain('信访工作条例');
        const receipt = await registered.getByTestId('print-receipt').getAttribute('href');
        const receiptHtml = await page.evaluate(
          async (href) => (await fetch(href as string)).text(),
          receipt,
        );
        expect(receiptHtml).toContain(queryCode);
        await shot(page, viewport, '04-registered');

        // "Register another" keeps channel, date and unit, empties the rest and returns to the first field.
        await registered.getByRole('button', { name: /继续登记/ }).click();
        await registered.waitFor({ state: 'hidden' });
        expect(await page.getByLabel('标题', { exact: true }).inputValue()).toBe('');
        expect(
          await form.locator('.ant-form-item').filter({ hasText: '受理单位' }).first().textContent(),
        ).toContain(who.township);
        await expect
          .poll(() =>
            page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.textContent ?? ''),
          )
          .toContain('渠道');

        // The same petitioner again: typing the ID number shows the matter just registered, so the
        // clerk does not open it twice.
        await page.getByLabel('身份证号', { exact: true }).fill('330102196805121527');
        const history = page.locator('.pet-petitioner-history');
        await history.waitFor();
        expect(await history.textContent()).toContain(number);
        await shot(page, viewport, '04b-same-petitioner');

        // 2. The clerk opens the case from the worklist, accepts it and assigns it to the handler.
        const mine = await openFromWorklist(page, viewport, number);
        await (viewport === 'phone' ? mine : mine.getByRole('link', { name: title })).click();
        await page.getByTestId('petition').waitFor();
        expect(await page.locator('.pet-case-title h1').textContent()).toBe(title);
        expect(await page.getByTestId('petitioners').textContent()).toContain('138****1234');
        expect(await page.getByTestId('petitioners').textContent()).not.toContain('13867451234');
        await shot(page, viewport, '05-case-registered');

        // Revealing the phone asks for a reason (and is audited by the server).
        await page.getByTestId('petitioners').getByRole('button', { name: /查看/ }).last().click();
        await settle(page);
        await page.getByRole('dialog').getByLabel('查看理由').fill('电话告知信访人已受理');
        await page
          .getByRole('dialog')
          .getByRole('button', { name: buttonName('查看') })
          .click();
        await page.getByTestId('petitioners').getByText('13867451234').waitFor();

        const accept = await act(page, '受理', async () => undefined, '已受理');
        await accept.confirm();
        await page.getByTestId('documents').getByText('受理告知书').first().waitFor();
        await shot(page, viewport, '06-accepted');

        const assign = await act(
          page,
          '交办',
          async (dialog) => {
            await pickOption(page, dialog.getByLabel('经办人', { exact: true }), who.handler.name);
            await dialog.getByLabel('拟办意见').fill('请经办人3日内现场查看，协调村委会清理排水沟。');
            await dialog.getByLabel('领导批示（可选）').fill('同意，抓紧办理。');
          },
          '已交办',
        );
        await shot(page, viewport, '07-assign-dialog');
        await assign.confirm();
        expect(await page.getByTestId('handling').textContent()).toContain(who.handler.name);
        await shot(page, viewport, '08-assigned');

        // 3. The handler finds it in the worklist and answers: support, with facts, reasons and basis.
        await logIn(context, page, who.handler.username);
        const entry = await openFromWorklist(page, viewport, number);
        expect(await entry.textContent()).toContain('已交办');
        await shot(page, viewport, '09-worklist-handler');
        await (viewport === 'phone' ? entry : entry.getByRole('link', { name: title })).click();
        await page.getByTestId('petition').waitFor();
        const answer = await act(
          page,
          '答复',
          async (dialog) => {
            await dialog.getByText('支持', { exact: true }).click();
            await dialog
              .getByLabel('处理意见')
              .fill('经现场查看，情况属实。已协调镇村两级于本周内清理排水沟并加装盖板。');
            await dialog.getByLabel('认定的事实（可选）').fill('排水沟约120米被建筑垃圾堵塞。');
            await dialog.getByLabel('理由（可选）').fill('村内公共设施应保持完好，保障村民正常生活。');
            await dialog.getByLabel('法律依据（可选）').fill('《村民委员会组织法》第八条');
          },
          '已答复',
        );
        await shot(page, viewport, '10-answer-dialog');
        await answer.confirm();
        const handling = await page.getByTestId('handling').textContent();
        expect(handling).toContain('支持');
        expect(handling).toContain(COUNTY);
        await page
          .getByTestId('timeline')
          .getByText(/处理意见书/)
          .first()
          .waitFor();
        await shot(page, viewport, '11-answered');

        // 4. The petitioner, dissatisfied, asks for review with the query code in the public portal.
        await context.clearCookies();
        await page.goto(`${server.url}/portal#track`);
        await page.getByLabel('查询码', { exact: true }).fill(queryCode);
        await page.getByRole('button', { name: '查询' }).click();
        await expect.poll(() => page.getByTestId('status').textContent()).toBe('已答复');
        await expect.poll(() => page.getByTestId('review-window').textContent()).toContain(COUNTY);
        await page.getByLabel('请求复查的理由').fill('清理不彻底，雨后仍然积水，请求复查。');
        await shot(page, viewport, '12-portal-review-request');
        await page.getByRole('button', { name: '请求复查' }).click();
        await page.getByText(new RegExp(`已请求复查，${COUNTY}将`)).waitFor();
        await shot(page, viewport, '13-portal-review-requested');

        // 5. A leader of the county, one level up, finds the request in the worklist and decides the review.
        await logIn(context, page, COUNTY_LEADER.username);
        const countyRow = await openFromWorklist(page, viewport, number);
        expect(await countyRow.textContent()).toContain('已申请复查');
        await shot(page, viewport, '14-worklist-county');
        await (viewport === 'phone' ? countyRow : countyRow.getByRole('link', { name: title })).click();
        await page.getByTestId('petition').waitFor();
        await shot(page, viewport, '15-case-county');
        const review = await act(
          page,
          '复查决定',
          async (dialog) => {
            await dialog.getByRole('radio', { name: '维持原处理意见', exact: true }).check();
            await dialog
              .getByLabel('复查意见')
              .fill(
                '经复查，原处理意见认定事实清楚，处理适当，予以维持；请镇政府督促村委会一周内复查积水情况。',
              );
          },
          '已复查',
        );
        await shot(page, viewport, '16-review-dialog');
        await review.confirm();
        const timeline = await page.getByTestId('timeline').textContent();
        for (const step of ['登记', '受理', '交办', '出具处理意见书', '请求复查', '出具复查意见'])
          expect(timeline).toContain(step);
        await page
          .getByTestId('documents')
          .getByText(/复查意见书/)
          .first()
          .waitFor();
        await shot(page, viewport, '17-reviewed');

        expect(pageErrors).toEqual([]);
      } catch (error) {
        await shot(page, viewport, 'failed').catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    });
  }

  it('shows administrators the missing holiday schedule, the year view and the import of 2027 (desktop and phone)', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN' });
      const page = await context.newPage();
      try {
        await logIn(context, page, 'admin');
        const warning = page.getByTestId('calendar-warning');
        await warning.waitFor();
        expect(await warning.textContent()).toContain('2027');
        await shot(page, viewport, '18-admin-home');
        await openModule(page, viewport, '节假日安排');
        await page.getByRole('heading', { name: '节假日安排' }).waitFor();
        await page.getByTestId('month-10').waitFor();
        // National Day 2026: 1–7 October off, Saturday 10 October a make-up workday (班).
        expect(await page.locator('[data-date="2026-10-01"]').getAttribute('class')).toContain('holiday');
        expect(await page.locator('[data-date="2026-10-10"]').getAttribute('class')).toContain('makeup');
        await shot(page, viewport, '19-calendar');

        if (viewport === 'phone') {
          // The administrator imports 2027 once published: a wrong file is refused with its problems
          // in Chinese, the right one clears the warning.
          await page.getByRole('button', { name: /导入节假日安排/ }).click();
          await settle(page);
          const dialog = page.getByRole('dialog');
          const bad = { ...SCHEDULE_2027, makeupWorkdays: ['2027-02-30'] };
          await dialog.getByRole('textbox', { name: /节假日安排内容/ }).fill(JSON.stringify(bad));
          await dialog.getByRole('button', { name: /导入节假日安排/ }).click();
          const problems = dialog.getByTestId('import-problems');
          await problems.waitFor();
          expect(await problems.textContent()).toContain('2027-02-30');
          await shot(page, viewport, '20-import-problems');
          await dialog
            .getByRole('textbox', { name: /节假日安排内容/ })
            .fill(JSON.stringify(SCHEDULE_2027, null, 2));
          await dialog.getByRole('button', { name: /导入节假日安排/ }).click();
          await dialog.waitFor({ state: 'hidden' });
          await page.getByText('已导入 2027 年的节假日安排').waitFor();
          await page.getByTestId('calendar-warning').waitFor({ state: 'detached' });
          expect(await page.locator('[data-date="2027-02-13"]').getAttribute('class')).toContain('makeup');
          await shot(page, viewport, '21-imported');
        }
      } finally {
        await context.close();
      }
    }
  });
});

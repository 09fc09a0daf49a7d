import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, makeStaffUser } from './api.ts';
import { buttonName, launchChromium, settle, snap, VIEWPORTS, type ViewportName } from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// Duplicates and merging in the staff app, at desktop and phone widths: the same wage-arrears
// matter is registered twice at a township (another petitioner, a few words changed); the clerk
// opens the second case, chooses 合并, sees the first case offered with its similarity, merges,
// and the merged case points to the first, whose page lists the merged registration and its
// petitioner. Screenshots artifacts/screenshots/<viewport>-merge-<step>.png.

let server: TestServer;
let browser: Browser;

const TOWNS: Record<ViewportName, { town: string; clerk: { username: string; name: string } }> = {
  desktop: { town: '柳河镇', clerk: { username: 'lh.clerk', name: '何秀兰' } },
  phone: { town: '龙泉镇', clerk: { username: 'lq.clerk', name: '邓建华' } },
};

const ORIGINAL = {
  title: '宏达建筑公司拖欠农民工工资',
  content:
    '我们十二名工人从去年三月起在宏达建筑公司的工地上干活。工程完工后老板以资金紧张为由一直拖欠工资，共计八万六千元。包工头已经联系不上，公司说工资已经结给了包工头。',
  demands: '请求责令公司支付拖欠的工资。',
};
const REPEATED = {
  title: '反映宏达建筑公司拖欠我们的工资',
  content:
    '我们十二名工人从去年三月起在宏达建筑公司工地干活。工程完工后老板以资金紧张为由拖欠工资，共计八万六千元。包工头已联系不上，公司说工资已经结给包工头了。',
  demands: '请求责令公司支付拖欠工资。',
};

async function seed(viewport: ViewportName) {
  const admin = new Api(server.url);
  await admin.login('admin', ADMIN_PASSWORD);
  const units = await admin.call<{ items: { id: string; parentId: string | null }[] }>(
    'GET',
    '/api/v1/units',
  );
  const root = units.items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root unit');
  const who = TOWNS[viewport];
  const town = await admin.call<{ id: string }>('POST', '/api/v1/units', {
    name: who.town,
    kind: 'township',
    parentId: root.id,
  });
  const clerk = await makeStaffUser(admin, who.clerk, town.id, ['clerk']);
  const letter = (text: typeof ORIGINAL, name: string, receivedOn: string) => ({
    channel: 'letter',
    receivedOn,
    unitId: town.id,
    classification: 'appeal',
    category: '劳动社保',
    ...text,
    peopleCount: 1,
    petitioners: [{ name }],
  });
  const categories = await clerk.api.call<{ items: { name: string }[] }>(
    'GET',
    '/api/v1/petition-categories',
  );
  const category = categories.items.some((c) => c.name === '劳动社保')
    ? '劳动社保'
    : categories.items[0]?.name;
  const first = await clerk.api.call<{ id: string; number: string }>('POST', '/api/v1/petitions', {
    ...letter(ORIGINAL, '王建国', '2026-11-20'),
    category,
  });
  const second = await clerk.api.call<{ id: string; number: string; duplicateCandidates: { id: string }[] }>(
    'POST',
    '/api/v1/petitions',
    { ...letter(REPEATED, '李秀英', '2026-11-25'), category },
  );
  expect(second.duplicateCandidates.map((c) => c.id)).toContain(first.id);
  return { first, second, clerk: who.clerk };
}

beforeAll(async () => {
  server = await startServer();
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

describe('merging a repeated registration from the case page', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`offers the earlier case with its similarity and merges into it (${viewport})`, async () => {
      const { first, second, clerk } = await seed(viewport);
      const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      try {
        await logIn(page, clerk.username);
        await page.goto(`${server.url}/petitions/${second.id}`);
        await page.locator('.pet-case-number').getByText('已登记', { exact: true }).waitFor();

        await page
          .getByTestId('actions')
          .getByRole('button', { name: buttonName('合并') })
          .click();
        await settle(page);
        const dialog = page.getByRole('dialog');
        await dialog.getByText('一份案卷、一次答复').waitFor();
        await dialog.getByLabel('合并到').click();
        await settle(page);
        const option = page.locator('.ant-select-item-option:visible').filter({ hasText: first.number });
        await option.waitFor();
        expect(await option.textContent()).toMatch(/内容相近（相似度 0\.\d\d）/);
        await snap(page, viewport, 'merge-01-dialog');
        await option.click();
        await settle(page);
        await dialog.getByRole('button', { name: buttonName('确认合并') }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.locator('.pet-case-number').getByText('已合并', { exact: true }).waitFor();
        const into = page.getByTestId('merged-into');
        await expect.poll(() => into.textContent()).toContain(`已合并至 ${first.number}`);
        await snap(page, viewport, 'merge-02-merged');

        await into.getByRole('link').click();
        const from = page.getByTestId('merged-from');
        await from.waitFor();
        await expect.poll(() => from.textContent()).toContain(second.number);
        expect(await from.textContent()).toContain('李秀英');
        await page.getByText(`合并了${second.number}`).first().waitFor();
        await snap(page, viewport, 'merge-03-target');
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});

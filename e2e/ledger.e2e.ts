import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, makeStaffUser } from './api.ts';
import { buttonName, launchChromium, settle, snap, VIEWPORTS } from './browser.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './server.ts';

// The petition ledger (台账) in the staff app: a clerk uploads a historical ledger with one bad
// row, reads the row-by-row report, imports the valid rows only, then exports the worklist's
// ledger and finds them in the .xlsx. The report also at phone width. Screenshots:
// artifacts/screenshots/{desktop,phone}-ledger-*.png.

let server: TestServer;
let browser: Browser;
let tmp: string;
const CLERK = { username: 'lg.clerk', name: '何静' };
const TOWN = '松溪镇';

/** A resident ID number with its GB 11643 check character. */
function validId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A small historical ledger in the template's layout: two good rows and one with a wrong ID number. */
async function ledgerFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('信访事项台账');
  ws.getCell('A1').value = '信访事项台账';
  const headers = [
    '信访件号',
    '收到日期',
    '来源渠道',
    '信访人',
    '身份证号',
    '联系电话',
    '人数',
    '信访分类',
    '问题类别',
    '标题',
    '主要诉求',
    '内容摘要',
    '责任单位',
    '当前状态',
    '办结日期',
    '处理结果',
    '答复意见',
    '备注',
  ];
  ws.getRow(2).values = headers;
  const row = (over: Record<string, unknown>) => headers.map((h) => over[h] ?? null);
  const base = {
    来源渠道: '来信',
    人数: 1,
    信访分类: '申诉求决类',
    问题类别: '劳资纠纷',
    主要诉求: '请求支付拖欠工资',
    内容摘要: '某建筑公司拖欠农民工工资两个月。',
    责任单位: TOWN,
  };
  ws.addRow(
    row({
      ...base,
      信访件号: '松信〔2025〕1号',
      收到日期: new Date(Date.UTC(2025, 2, 10)),
      信访人: '郑一',
      身份证号: validId('33010219800101001'),
      联系电话: '13800000001',
      标题: '台账导入：工地欠薪',
      当前状态: '已办结',
      办结日期: '2025-04-02',
      处理结果: '支持',
      答复意见: '已督促支付。',
    }),
  );
  ws.addRow(
    row({
      ...base,
      信访件号: '松信〔2025〕2号',
      收到日期: '2025-05-06',
      信访人: '冯二',
      联系电话: '0571-88886666',
      标题: '台账导入：村道积水',
      问题类别: '城乡建设',
      备注: '纸质台账补录',
    }),
  );
  ws.addRow(
    row({
      ...base,
      信访件号: '松信〔2025〕3号',
      收到日期: '2025-06-01',
      信访人: '陈三',
      身份证号: '330102198001010010',
      标题: '台账导入：号码有误',
    }),
  );
  const file = path.join(tmp, '历史台账.xlsx');
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-ledger-e2e-'));
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
    name: TOWN,
    kind: 'township',
    parentId: root.id,
  });
  await makeStaffUser(admin, CLERK, town.id, ['clerk', 'leader']);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function logIn(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(CLERK.username);
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: buttonName('登录') }).click();
  await page.getByTestId('welcome').waitFor();
}

describe('petition ledger in Excel', () => {
  it('imports a ledger with one bad row (report, valid rows only) and exports the worklist ledger', async () => {
    const file = await ledgerFile();
    const context = await browser.newContext({
      viewport: VIEWPORTS.desktop,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${server.url}/petitions`);
    await page.getByRole('button', { name: '导入台账' }).click();
    await page.getByRole('heading', { name: '导入历史台账', level: 1 }).waitFor();

    await page.locator('input[type=file]').setInputFiles(file);
    const summary = page.getByTestId('ledger-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toBe('共 3 行：2 行通过，1 行有问题');
    const bad = page.getByRole('row').filter({ hasText: '台账导入：号码有误' });
    await expect(bad.textContent()).resolves.toContain('校验位不正确');
    await expect(page.getByRole('button', { name: buttonName('全部导入') }).isDisabled()).resolves.toBe(true);
    await settle(page);
    await snap(page, 'desktop', 'ledger-report');

    await page.getByRole('button', { name: buttonName('仅导入有效行') }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: buttonName('导入') })
      .click();
    const done = page.getByRole('status').filter({ hasText: '已导入 2 件信访事项' });
    await done.waitFor();
    await expect(done.textContent()).resolves.toContain('1 行未导入');
    await settle(page);
    await snap(page, 'desktop', 'ledger-imported');

    await page.getByRole('button', { name: '返回信访事项列表' }).click();
    await page.locator('.pet-row').filter({ hasText: '台账导入：村道积水' }).waitFor();
    await expect.poll(() => page.locator('.pet-row').count()).toBe(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('ledger-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^信访事项台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = path.join(tmp, 'export.xlsx');
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.getWorksheet('信访事项台账');
    const titles: string[] = [];
    ws?.eachRow((r, n) => {
      if (n > 2) titles.push(String(r.getCell(11).value));
    });
    expect(titles).toEqual(['台账导入：工地欠薪', '台账导入：村道积水']);
    await snap(page, 'desktop', 'ledger-worklist');
    await context.close();
  });

  it('keeps the report readable at phone width', async () => {
    const file = await ledgerFile();
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'zh-CN', isMobile: true });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${server.url}/petitions/import`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('ledger-summary').waitFor();
    await expect(page.getByTestId('ledger-summary').textContent()).resolves.toContain('共 3 行');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(VIEWPORTS.phone.width + 1);
    await settle(page);
    await snap(page, 'phone', 'ledger-report');
    await context.close();
  });
});

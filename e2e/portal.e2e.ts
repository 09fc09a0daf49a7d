import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, makeStaffUser, seedOnlineTownship } from './api.ts';
import { launchChromium, SCREENSHOT_DIR, settle, VIEWPORTS } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

// The citizen's side of issue 5 on a phone (390×844, touch): a petition submitted in the portal
// with a photo attached (a Word file and a 6 MB photo refused on the page), its query code read
// from the page with the line saying it went by SMS, and tracked; staff accept, assign and answer it through the
// API; back in the portal the answer and its document show, the citizen rates it 不满意 and asks
// for review before the last day shown. A third submission from the same address gets the
// arithmetic question. The portal never loads the staff bundle and stays small. Screenshots:
// artifacts/screenshots/portal-<step>.png.

let server: TestServer;
let browser: Browser;

const COUNTY = '临河县';
const TOWN = '柳岸镇';
const CLERK = { username: 'la.clerk', name: '周玉兰' };
const HANDLER = { username: 'la.handler', name: '吴建军' };
const TITLE = '柳岸镇新街路灯坏了三个月没人修';
/** A real 1×1 PNG (the server sniffs the content, so the bytes must be an image). */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The county (root, renamed), a township accepting online petitions, its clerk and handler. */
async function seed() {
  const { admin, town } = await seedOnlineTownship(server.url, TOWN, COUNTY);
  const clerk = await makeStaffUser(admin, CLERK, town.id, ['clerk']);
  const handler = await makeStaffUser(admin, HANDLER, town.id, ['handler']);
  return { town, clerk, handler };
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

/** A full-page screenshot as artifacts/screenshots/portal-<step>.png, once the page is still. */
async function shot(page: Page, step: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `portal-${step}.png`), fullPage: true });
}

/** Fills the submission form (everything but the privacy checkbox). */
async function fillForm(page: Page, title: string) {
  await page.getByLabel('向哪个单位反映').selectOption({ label: TOWN });
  await page.getByRole('radio', { name: /反映诉求、申诉/ }).check();
  await page.getByLabel('标题').fill(title);
  await page
    .getByLabel('具体情况')
    .fill('新街东段的三盏路灯从八月起就不亮了，晚上老人孩子出门很不安全，向村里反映过两次，一直没有修。');
  await page.getByLabel('您的要求').fill('请尽快修好路灯。');
  await page.getByLabel('姓名').fill('陈秀英');
  await page.getByLabel('手机号码').fill('139 1234 5678');
}

/** Answers the arithmetic question on the page and submits again. */
async function answerChallenge(page: Page) {
  const question = (await page.getByTestId('challenge-question').textContent()) ?? '';
  const m = /(\d+) (加|减) (\d+)/.exec(question);
  if (!m) throw new Error(`no arithmetic question: ${question}`);
  const answer = m[2] === '加' ? Number(m[1]) + Number(m[3]) : Number(m[1]) - Number(m[3]);
  await page.getByLabel(/^验证问题/).fill(String(answer));
  await page.getByRole('button', { name: '提交' }).click();
}

describe('the public portal on a phone', () => {
  it('submits a petition, tracks it, and after the answer evaluates it and requests review', async () => {
    const context = await browser.newContext({
      viewport: VIEWPORTS.phone,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const requests: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Expected 404 and 428 answers are logged by Chromium as failed resources; anything else counts.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    try {
      // Home: what this is and the two things one can do.
      await page.goto(`${server.url}/portal`);
      await page.getByRole('heading', { name: '网上信访', level: 1 }).waitFor();
      await page
        .getByRole('link', { name: /我要反映/ })
        .first()
        .waitFor();
      await page.getByRole('link', { name: '查看个人信息说明' }).waitFor();
      await shot(page, '01-home');

      // Submit: the checks next to the fields come first.
      await page
        .getByRole('link', { name: /^我要反映/ })
        .last()
        .click();
      await page.getByRole('heading', { name: '我要反映', level: 1 }).waitFor();
      await expect
        .poll(() => page.getByLabel('向哪个单位反映').locator('option').allTextContents())
        .toContain(TOWN);
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByText('请填写标题').waitFor();
      await page.getByText('请选择您要反映的类型').waitFor();
      await page.getByText('请阅读个人信息说明并勾选同意').waitFor();
      expect(await page.getByLabel('向哪个单位反映').evaluate((e) => e === document.activeElement)).toBe(
        true,
      );
      await fillForm(page, TITLE);
      // Attachments: a Word file and a 6 MB photo are refused on the page, the PNG is uploaded.
      const files = page.getByLabel('添加附件');
      await files.setInputFiles([
        { name: '说明.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK') },
        { name: '大照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(6 * 1024 * 1024, 1) },
        { name: '路灯照片.png', mimeType: 'image/png', buffer: PHOTO },
      ]);
      await page.getByText('“说明.docx”不能上传：只接受 JPG、PNG 图片和 PDF 文件。').waitFor();
      await page.getByText(/“大照片.jpg”有 6.0 MB，超过5 MB的上限/).waitFor();
      const attached = page.getByTestId('attachments');
      await expect.poll(() => attached.textContent()).toContain('已上传');
      expect(await attached.locator('li').count()).toBe(1);
      expect(await attached.textContent()).toContain('路灯照片.png');
      await page.getByLabel('身份证号码').fill('330102198503121235');
      expect(await page.getByText(/\d+ \/ 5000 字/).textContent()).toMatch(/^4\d \/ 5000 字$/);
      await page.getByLabel('我已阅读并同意上述个人信息说明').check();
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByText(/身份证号码不正确/).waitFor();
      await shot(page, '02-submit-errors');
      await page.getByLabel('身份证号码').fill('');
      await page.getByRole('button', { name: '提交' }).click();

      const submitted = page.getByTestId('submitted');
      await submitted.waitFor();
      const code = (await page.getByTestId('query-code').getAttribute('data-code')) ?? '';
      expect(code).toMatch(/^[0-9A-Z]{12}$/);
      expect((await page.getByTestId('query-code').textContent())?.replace(/\s/g, '')).toBe(code);
      const number = (await page.getByTestId('case-number').textContent()) ?? '';
      expect(number).not.toBe('');
      await submitted.getByText(`您反映的事项已送到${TOWN}。`).waitFor();
      await submitted.getByRole('button', { name: '复制查询码' }).waitFor();
      await submitted.getByText(/请马上把查询码抄在纸上或截图保存/).waitFor();
      expect(await page.getByTestId('sms-sent').textContent()).toBe('查询码已通过短信发送至 139****5678');
      await submitted.getByText('1个，已随事项提交').waitFor();
      await shot(page, '03-submitted');

      // Track it straight from the result screen: registered, the acceptance deadline open.
      await submitted.getByRole('button', { name: '查询办理进度' }).click();
      await page.getByTestId('case').waitFor();
      expect(await page.getByTestId('status').textContent()).toBe('已登记，待受理');
      expect(await page.getByTestId('case-number').textContent()).toBe(number);
      expect(await page.getByTestId('deadlines').textContent()).toMatch(
        /最后一天：\d{4}年\d{1,2}月\d{1,2}日/,
      );
      expect(await page.getByTestId('case').textContent()).not.toContain('陈秀英');
      await shot(page, '04-tracked-registered');

      // A wrong code gets the server's message.
      await page.getByLabel('查询码', { exact: true }).fill('2345 6789 ABCD');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText(/查询码不正确或没有对应的信访事项/).waitFor();
      await shot(page, '05-wrong-code');

      // Staff accept, assign and answer through the API.
      const found = await world.clerk.api.call<{ items: { id: string; number: string }[] }>(
        'GET',
        `/api/v1/petitions?q=${encodeURIComponent(TITLE)}`,
      );
      const id = found.items.find((p) => p.number === number)?.id;
      if (!id) throw new Error(`case ${number} not in the clerk's list`);
      const staffCase = await world.clerk.api.call<{ attachments: { fileName: string; size: number }[] }>(
        'GET',
        `/api/v1/petitions/${id}`,
      );
      expect(staffCase.attachments).toEqual([
        expect.objectContaining({ fileName: '路灯照片.png', size: PHOTO.length }),
      ]);
      const act = (api: Api, body: object) => api.call('POST', `/api/v1/petitions/${id}/actions`, body);
      await act(world.clerk.api, { action: 'accept' });
      await act(world.clerk.api, {
        action: 'assign',
        handlerId: world.handler.id,
        opinion: '请现场核实并协调维修。',
      });
      await act(world.handler.api, {
        action: 'answer',
        decision: 'support',
        text: '经现场核实，新街东段三盏路灯线路老化。镇政府已安排电工更换线路，本周内恢复照明。',
      });

      // Back in the portal, typed loosely: the answer, its document, the two forms.
      await page
        .getByLabel('查询码', { exact: true })
        .fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8)}-${code.slice(8)}`);
      await page.getByRole('button', { name: '查询' }).click();
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('已答复');
      const answer = page.getByTestId('answer');
      await expect.poll(() => answer.textContent()).toContain('本周内恢复照明');
      await expect.poll(() => answer.textContent()).toContain(TOWN);
      const download = answer.getByRole('link', { name: /下载处理意见书/ });
      const href = (await download.getAttribute('href')) ?? '';
      const doc = await page.evaluate(async (u) => {
        const r = await fetch(u);
        return { status: r.status, type: r.headers.get('content-type') ?? '' };
      }, href);
      expect(doc.status).toBe(200);
      expect(doc.type).toContain('wordprocessingml');
      await page.getByRole('heading', { name: '对答复满意吗？' }).waitFor();
      const window = page.getByTestId('review-window');
      await expect.poll(() => window.textContent()).toMatch(/最后一天\d{4}年\d{1,2}月\d{1,2}日/);
      await expect.poll(() => window.textContent()).toContain(COUNTY);
      await shot(page, '06-tracked-answered');

      // Dissatisfied: the return visit is promised, the rating shows, the form is gone.
      await page.getByRole('radio', { name: '不满意' }).check();
      await page.getByLabel('您的意见').fill('只修了一盏，另外两盏还是不亮。');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText(/感谢您的评价（不满意）。办理单位会与您联系回访/).waitFor();
      await expect.poll(() => page.getByTestId('evaluation').textContent()).toContain('您的评价：不满意');
      await expect.poll(() => page.getByRole('button', { name: '提交评价' }).count()).toBe(0);

      // Review request: the reason is required, then it goes to the county.
      await page.getByRole('button', { name: '请求复查' }).click();
      await page.getByText('请填写请求复查的理由').waitFor();
      await page.getByLabel('请求复查的理由').fill('路灯只修好一盏，另外两盏仍不亮，请上级复查。');
      await page.getByRole('button', { name: '请求复查' }).click();
      await page.getByText(new RegExp(`已请求复查，${COUNTY}将`)).waitFor();
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('已请求复查，正在复查');
      await expect.poll(() => page.getByTestId('review').textContent()).toContain(`由${COUNTY}办理`);
      await expect.poll(() => page.getByRole('button', { name: '请求复查' }).count()).toBe(0);
      await shot(page, '07-review-requested');

      // Two more submissions from this address within the hour: the third gets the question.
      await page.goto(`${server.url}/portal#submit`);
      for (const n of [2, 3]) {
        await expect
          .poll(() => page.getByLabel('向哪个单位反映').locator('option').count())
          .toBeGreaterThan(1);
        await fillForm(page, `${TITLE}（第${n}次）`);
        await page.getByLabel('我已阅读并同意上述个人信息说明').check();
        await page.getByRole('button', { name: '提交' }).click();
        if (n === 2) {
          await page.getByTestId('submitted').waitFor();
          // The menu's 我要反映 opens an empty form again.
          await page
            .getByRole('navigation', { name: '主要页面' })
            .getByRole('link', { name: '我要反映' })
            .click();
          await page.getByTestId('submitted').waitFor({ state: 'detached' });
        }
      }
      const question = page.getByTestId('challenge-question');
      await question.waitFor();
      await page.getByText('您近期提交较多，请先回答验证问题，再重新提交。').waitFor();
      await shot(page, '08-challenge');
      await answerChallenge(page);
      await page.getByTestId('submitted').waitFor();

      // The 4th and 5th need an answer too; the 6th within the hour is refused at once, the form kept.
      for (const n of [4, 5, 6]) {
        await page
          .getByRole('navigation', { name: '主要页面' })
          .getByRole('link', { name: '我要反映' })
          .click();
        await page.getByTestId('submitted').waitFor({ state: 'detached' });
        await expect
          .poll(() => page.getByLabel('向哪个单位反映').locator('option').count())
          .toBeGreaterThan(1);
        await fillForm(page, `${TITLE}（第${n}次）`);
        await page.getByLabel('我已阅读并同意上述个人信息说明').check();
        await page.getByRole('button', { name: '提交' }).click();
        if (n === 6) break;
        await page.getByTestId('challenge-question').waitFor();
        await answerChallenge(page);
        await page.getByTestId('submitted').waitFor();
      }
      const refused = page.getByText(/每小时最多提交5件信访事项/);
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/约\d+分钟后恢复。您填写的内容仍保留在页面上。/);
      expect(await page.getByLabel('标题').inputValue()).toBe(`${TITLE}（第6次）`);
      await shot(page, '09-rate-limited');

      // Nothing of the staff app was loaded, and the portal is small.
      const own = requests.filter((u) => u.startsWith(server.url));
      expect(own.filter((u) => /\/assets\/index-|antd|react/i.test(u))).toEqual([]);
      const assets = [...new Set(own.filter((u) => /\/assets\/.+\.(js|css)$/.test(u)))];
      expect(assets.some((u) => /portal-.+\.js$/.test(u))).toBe(true);
      let gzipped = 0;
      for (const u of assets) gzipped += gzipSync(Buffer.from(await (await fetch(u)).arrayBuffer())).length;
      expect(gzipped).toBeLessThan(30 * 1024);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await shot(page, 'failed').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('fits a 360 px screen without sideways scrolling', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    try {
      for (const [hash, heading] of [
        ['', '网上信访'],
        ['#submit', '我要反映'],
        ['#track', '查询进度'],
        ['#privacy', '个人信息说明'],
      ] as const) {
        await page.goto(`${server.url}/portal${hash}`);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      }
      await shot(page, '10-privacy-360');
    } finally {
      await context.close();
    }
  });
});

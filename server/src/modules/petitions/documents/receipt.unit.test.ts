import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { RECEIPT_CONTENT_SECURITY_POLICY, renderReceiptHtml, sendReceiptHtml } from './receipt.ts';
import type { ReceiptInput } from './types.ts';

const INPUT: ReceiptInput = {
  unitName: '东城镇',
  petitionNumber: 'DCZ-2026-00012',
  receivedOn: '2026-09-20',
  channelLabel: '来信',
  title: '反映东城一村某建筑工地拖欠农民工工资问题',
  petitionerName: '张三等6人',
  queryCode: 'K7PM-4XQA-9TWD',
  acceptanceDue: '2026-10-08',
  portalAddress: 'https://huiyin.example.gov.cn/portal',
  printedAt: '2026-09-20T02:30:00.000Z',
};

describe('renderReceiptHtml', () => {
  it('shows the unit, case number, received date, the query code, how to track and the acceptance deadline', () => {
    const html = renderReceiptHtml(INPUT);
    expect(html).toContain('<h1>信访事项受理凭证</h1>');
    expect(html).toContain('<p class="unit">东城镇</p>');
    expect(html).toContain('<td>DCZ-2026-00012</td>');
    expect(html).toContain('<td>2026年9月20日</td>');
    expect(html).toContain('<td>来信</td>');
    expect(html).toContain('<p class="code-value">K7PM-4XQA-9TWD</p>');
    expect(html).toContain('https://huiyin.example.gov.cn/portal');
    expect(html).toContain('<span class="due">2026年10月8日</span> 前作出是否受理的决定');
    expect(html).toContain('打印时间：2026年9月20日 10:30');
  });

  it('points to /portal when the public address is unknown and leaves out rows without a value', () => {
    const html = renderReceiptHtml({
      ...INPUT,
      portalAddress: undefined,
      channelLabel: undefined,
      printedAt: undefined,
    });
    expect(html).toContain('<strong>/portal</strong>');
    expect(html).not.toContain('信访形式');
    expect(html).not.toContain('打印时间');
  });

  it('is self-contained and inert: no script, no external resource, every value escaped', () => {
    const html = renderReceiptHtml({
      ...INPUT,
      title: '<script>alert(1)</script><img src=x onerror=alert(2)>',
      petitionerName: '"><iframe src="https://evil.example">',
      queryCode: "A&B'C",
    });
    expect(html).not.toMatch(/<(script|iframe|img)\b/i);
    expect(html).not.toContain(`"><`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A&amp;B&#39;C');
    expect(html).not.toMatch(/<link|@import|url\(/i);
  });

  it('prints on A5 and its CSP allows exactly its own style block and nothing else', () => {
    const html = renderReceiptHtml(INPUT);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toContain('@page { size: A5 portrait');
    const hash = crypto.createHash('sha256').update(style).digest('base64');
    expect(RECEIPT_CONTENT_SECURITY_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(RECEIPT_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(RECEIPT_CONTENT_SECURITY_POLICY).not.toContain('script-src');
  });

  it('is sent as UTF-8 HTML with its CSP, nosniff and no caching', async () => {
    const app = Fastify();
    app.get('/r', (_req, reply) => sendReceiptHtml(reply, renderReceiptHtml(INPUT)));
    const res = await app.inject({ method: 'GET', url: '/r' });
    await app.close();
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(RECEIPT_CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toContain('K7PM-4XQA-9TWD');
  });

  it('writes a sample to artifacts/documents/receipt.html for inspection', () => {
    const dir = path.resolve('artifacts/documents');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'receipt.html'), renderReceiptHtml(INPUT));
    expect(fs.readFileSync(path.join(dir, 'receipt.html'), 'utf8')).toContain('K7PM-4XQA-9TWD');
  });
});

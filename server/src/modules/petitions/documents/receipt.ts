import crypto from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { chinaDate, chinaTime } from '../../../platform/jobs/china-time.ts';
import { formatDateZh } from './builders.ts';
import type { ReceiptInput } from './types.ts';

// The printable receipt (受理凭证) handed or mailed to the petitioner: a self-contained HTML page
// without scripts, laid out for A5 (prints on A4 too), with the query code large and clear.

const STYLE = `
@page { size: A5 portrait; margin: 12mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { margin: 0; font-family: "FangSong", "仿宋", "STFangsong", "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.6; }
.receipt { max-width: 148mm; margin: 0 auto; padding: 8mm 6mm; }
h1 { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; font-size: 20pt; font-weight: bold; text-align: center; letter-spacing: 0.2em; margin: 0 0 2mm; }
.unit { text-align: center; font-size: 13pt; margin: 0 0 5mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }
th, td { border: 0.3mm solid #000; padding: 1.5mm 2.5mm; text-align: left; vertical-align: top; }
th { width: 30mm; font-weight: normal; white-space: nowrap; }
td { word-break: break-all; }
.code { border: 0.6mm solid #000; padding: 3mm; text-align: center; margin-bottom: 5mm; }
.code-label { margin: 0; font-size: 12pt; }
.code-value { margin: 1mm 0; font-family: "DejaVu Sans Mono", "Consolas", "Courier New", monospace; font-size: 28pt; font-weight: bold; letter-spacing: 0.18em; line-height: 1.3; }
.code-hint { margin: 0; font-size: 10pt; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 12pt; margin: 3mm 0 1mm; }
p { margin: 0 0 2mm; }
.due { font-weight: bold; }
.printed { margin-top: 6mm; font-size: 9pt; text-align: right; }
.screen-only { display: none; }
@media screen {
  html { background: #e8e8e8; }
  .receipt { background: #fff; margin: 6mm auto; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.2); }
  .screen-only { display: block; text-align: center; font-size: 10pt; color: #555; margin-top: 4mm; }
}
`.trim();

/** The Content-Security-Policy the receipt is served with: no scripts, only its own style block. */
export const RECEIPT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${crypto.createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function row(label: string, value: string | undefined): string {
  return value?.trim() ? `<tr><th>${label}</th><td>${esc(value.trim())}</td></tr>` : '';
}

/**
 * The receipt as a printable, self-contained HTML page (no scripts, one inline style block
 * allowed by `RECEIPT_CONTENT_SECURITY_POLICY`): unit, case number, received date, the query code
 * large and clear, how to track the case on the portal, and the last day of the acceptance decision.
 */
export function renderReceiptHtml(input: ReceiptInput): string {
  const portal = input.portalAddress?.trim() || '/portal';
  const printed = input.printedAt
    ? `<p class="printed">打印时间：${esc(formatDateZh(chinaDate(new Date(input.printedAt))))} ${esc(chinaTime(new Date(input.printedAt)))}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>信访事项受理凭证 ${esc(input.petitionNumber)}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="receipt">
<h1>信访事项受理凭证</h1>
<p class="unit">${esc(input.unitName)}</p>
<table>
${row('信访事项编号', input.petitionNumber)}
${row('登记日期', formatDateZh(input.receivedOn))}
${row('信访形式', input.channelLabel)}
${row('信访人', input.petitionerName)}
${row('信访事项', input.title)}
</table>
<section class="code" aria-label="查询码">
<p class="code-label">查询码</p>
<p class="code-value">${esc(input.queryCode)}</p>
<p class="code-hint">请妥善保管本凭证。凭查询码可以查询办理进展、评价办理结果和请求复查，请勿告知他人。</p>
</section>
<h2>如何查询</h2>
<p>登录网上信访平台 <strong>${esc(portal)}</strong>，输入上方查询码，即可查看办理状态、各项期限和答复意见。</p>
<h2>受理期限</h2>
<p>本机关将于 <span class="due">${esc(formatDateZh(input.acceptanceDue))}</span> 前作出是否受理的决定并告知您；受理后，办理机关将在规定期限内作出书面答复。</p>
${printed}
</main>
<p class="screen-only">使用浏览器的“打印”功能（Ctrl+P）打印本凭证。</p>
</body>
</html>
`;
}

/** Sends the receipt page: HTML with its strict CSP, nosniff and no caching (the query code is a secret). */
export function sendReceiptHtml(reply: FastifyReply, html: string) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', RECEIPT_CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(html);
}

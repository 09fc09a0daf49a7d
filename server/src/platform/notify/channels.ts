import crypto from 'node:crypto';
import type { Config } from '../../config.ts';

// The external channels: DingTalk and WeCom group robots (markdown messages) and an SMS gateway.

/** How long one delivery attempt may take before it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** A markdown message for a group robot: a short title and the markdown text. */
export interface RobotMessage {
  readonly title: string;
  readonly text: string;
}

/** The DingTalk custom robot body (钉钉自定义机器人, msgtype markdown). */
export function dingTalkBody(m: RobotMessage) {
  return { msgtype: 'markdown', markdown: { title: m.title, text: m.text } };
}

/** The WeCom group robot body (企业微信群机器人, msgtype markdown: only `content`). */
export function weComBody(m: RobotMessage) {
  return { msgtype: 'markdown', markdown: { content: `**${m.title}**\n${m.text}` } };
}

/**
 * A DingTalk robot URL with its signature (加签): `timestamp` in ms and `sign` =
 * base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), URL-encoded, as DingTalk documents.
 */
export function signDingTalkUrl(url: string, secret: string, timestampMs: number): string {
  const sign = crypto.createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`;
}

/**
 * POSTs JSON and fails unless the answer is 2xx and, when it is JSON with an `errcode` (as both
 * robots answer), that code is 0.
 */
export async function postJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  const code = (parsed as { errcode?: unknown } | null)?.errcode;
  if (code !== undefined && Number(code) !== 0)
    throw new Error(`robot answered errcode ${String(code)}: ${text.slice(0, 200)}`);
}

/** Sends a text message to a mobile phone. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

/** Where the logging provider writes: a structured line without the full phone or the text. */
export type SmsLog = (entry: { phone: string; chars: number }, msg: string) => void;

/** A phone number as logged: the first 3 and last 4 digits, e.g. 138****5678. */
export function maskPhoneForLog(phone: string): string {
  const chars = [...phone];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

/** The default provider: sends nothing, logs the masked phone and the length (the text may hold a query code). */
export class LoggingSmsGateway implements SmsGateway {
  constructor(private readonly log: SmsLog) {}
  async send(phone: string, text: string): Promise<void> {
    this.log({ phone: maskPhoneForLog(phone), chars: [...text].length }, 'SMS (logging provider, not sent)');
  }
}

/** The HTTP provider (HUIYIN_SMS_URL): POSTs `{ phone, text }` as JSON; any 2xx is success. */
export class HttpSmsGateway implements SmsGateway {
  constructor(private readonly url: string) {}
  async send(phone: string, text: string): Promise<void> {
    await postJson(this.url, { phone, text });
  }
}

const defaultLog: SmsLog = (entry, msg) => {
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), name: 'sms', ...entry, msg })}\n`);
};

/** The SMS gateway the configuration selects: HTTP when HUIYIN_SMS_URL is set, else logging. */
export function smsGatewayFor(config: Pick<Config, 'smsUrl' | 'logLevel'>, log?: SmsLog): SmsGateway {
  if (config.smsUrl) return new HttpSmsGateway(config.smsUrl);
  const quiet = config.logLevel === 'silent';
  return new LoggingSmsGateway(log ?? (quiet ? () => {} : defaultLog));
}

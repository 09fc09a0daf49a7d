import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingTalkBody, maskPhoneForLog, signDingTalkUrl, weComBody } from './channels.ts';

describe('robot formats', () => {
  it('DingTalk: markdown with title and text; the signature is appended to the access token URL', () => {
    expect(dingTalkBody({ title: 't', text: 'x' })).toEqual({
      msgtype: 'markdown',
      markdown: { title: 't', text: 'x' },
    });
    const url = signDingTalkUrl(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
      'SECret',
      1_700_000_000_000,
    );
    const u = new URL(url);
    expect(u.searchParams.get('access_token')).toBe('abc');
    expect(u.searchParams.get('timestamp')).toBe('1700000000000');
    const expected = crypto.createHmac('sha256', 'SECret').update('1700000000000\nSECret').digest('base64');
    expect(u.searchParams.get('sign')).toBe(expected);
    // base64 '+', '/' and '=' survive as URL-encoded characters.
    expect(url).not.toMatch(/sign=[^&]*[+/=]/);
  });

  it('WeCom: markdown with content only', () => {
    expect(weComBody({ title: '督办', text: '- 案号' })).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**督办**\n- 案号' },
    });
  });

  it('masks phones for logs', () => {
    expect(maskPhoneForLog('13812345678')).toBe('138****5678');
    expect(maskPhoneForLog('12345')).toBe('*****');
  });
});

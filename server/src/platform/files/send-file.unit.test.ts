import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLES } from './sample-files.test-helper.ts';
import { attachmentDisposition, sendStoredFile } from './send-file.ts';

const app = Fastify();
const served: Record<string, { name: string; bytes: Buffer }> = {
  pdf: { name: '申请书.pdf', bytes: SAMPLES.pdf },
  html: { name: 'photo.jpg', bytes: SAMPLES.html },
  txt: { name: '说明.txt', bytes: SAMPLES.txt },
  exe: { name: 'x.pdf', bytes: SAMPLES.exe },
  docx: { name: '处理意见书.docx', bytes: SAMPLES.docx },
};
app.get<{ Params: { key: string } }>('/f/:key', (req, reply) => {
  const f = served[req.params.key] as { name: string; bytes: Buffer };
  return sendStoredFile(reply, { file_name: f.name }, f.bytes);
});
afterAll(() => app.close());

describe('sendStoredFile', () => {
  it('sends a download with the sniffed type, nosniff, a sandbox and no caching', async () => {
    const res = await app.inject({ method: 'GET', url: '/f/pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="___.pdf"; filename*=UTF-8''${encodeURIComponent('申请书.pdf')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.rawPayload.equals(SAMPLES.pdf)).toBe(true);
  });

  it('never serves stored HTML as a page, whatever its stored name', async () => {
    const res = await app.inject({ method: 'GET', url: '/f/html' });
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('serves a Word document with its own media type, so phones offer to open it in Word', async () => {
    expect((await app.inject({ method: 'GET', url: '/f/docx' })).headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('serves text as UTF-8 plain text and an unrecognised binary as octet-stream', async () => {
    expect((await app.inject({ method: 'GET', url: '/f/txt' })).headers['content-type']).toBe(
      'text/plain; charset=utf-8',
    );
    expect((await app.inject({ method: 'GET', url: '/f/exe' })).headers['content-type']).toBe(
      'application/octet-stream',
    );
  });
});

describe('attachmentDisposition', () => {
  it('cannot be broken out of by quotes, semicolons or line breaks in the name', () => {
    const v = attachmentDisposition('a";\r\nSet-Cookie: x=1.pdf');
    expect(v).not.toMatch(/[\r\n]/);
    expect(v.split('"')).toHaveLength(3);
  });
});

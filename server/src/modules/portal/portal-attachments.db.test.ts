import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { SAMPLES } from '../../platform/files/sample-files.test-helper.ts';
import { getCase, petitionWorld } from '../petitions/petitions.test-helper.ts';
import { PORTAL_ATTACHMENTS } from './portal.policy.ts';
import { type Citizen, caseIdOf, citizen, submission, submitOk } from './portal.test-helper.ts';
import { uploadTokenHash } from './use-cases/upload-attachment.ts';

// Attachments of online petitions on both databases: files uploaded first (POST /api/public/uploads,
// JPG/PNG/PDF of at most 5 MB, sniffed), then listed by token in the JSON submission, which makes
// them the case's attachments in its own transaction; the limits answer in Chinese naming the
// limit. And the request log never keeps a citizen's full address or query code.

const HOUR = 60 * 60 * 1000;

/** Uploads one file from a citizen as multipart/form-data (field `file`). */
function upload(
  c: Citizen,
  env: Parameters<typeof citizen>[0],
  fileName: string,
  bytes: Buffer,
  field = 'file',
) {
  const boundary = `----portal${Math.random().toString(36).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return env.app.inject({
    method: 'POST',
    url: '/api/public/uploads',
    remoteAddress: c.ip,
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** A JPEG of a given size: a real JPEG header, then padding. */
function jpegOf(size: number): Buffer {
  return Buffer.concat([SAMPLES.jpeg, Buffer.alloc(Math.max(0, size - SAMPLES.jpeg.length))]);
}

describeEachDialect('portal: attachments', (env) => {
  it('turns uploaded files into the attachments of the submitted case, listed and downloadable by staff', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const c = citizen(env());
    const photo = await upload(c, env(), '现场照片.jpg', jpegOf(1_500_000));
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      fileName: '现场照片.jpg',
      mediaType: 'image/jpeg',
      size: 1_500_000,
      expiresAt: new Date(env().clock.now().getTime() + 2 * HOUR).toISOString(),
    });
    const scan = await upload(c, env(), 'letter.pdf', SAMPLES.pdf);
    expect(scan.statusCode, scan.body).toBe(201);

    const out = await submitOk(
      c,
      submission(w.t.townA.id, { attachments: [photo.json().token, scan.json().token] }),
    );
    expect(out).toMatchObject({ attachments: 2 });
    const id = await caseIdOf(env(), out.queryCode);
    const staff = (await getCase(clerk.session, id)).json();
    expect(staff.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual([
      'letter.pdf',
      '现场照片.jpg',
    ]);
    const attachEvents = staff.events.filter((e: { action: string }) => e.action === 'attach');
    expect(attachEvents).toHaveLength(2);
    expect(attachEvents[0]).toMatchObject({ actorName: '网上信访' });
    const fileId = staff.attachments.find((a: { fileName: string }) => a.fileName === 'letter.pdf').id;
    const download = await clerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/${id}/attachments/${fileId}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(SAMPLES.pdf)).toBe(true);
    const audits = await env()
      .handle.db.selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('subject_id', '=', id)
      .where('action', '=', 'petition.attach')
      .execute();
    expect(audits).toEqual([
      { action: 'petition.attach', actor_name: '网上信访' },
      { action: 'petition.attach', actor_name: '网上信访' },
    ]);

    // A token works once: a second submission with it is refused and registers nothing.
    const again = await c.post(
      '/api/public/petitions',
      submission(w.t.townA.id, { attachments: [photo.json().token] }),
    );
    expect(again.statusCode, again.body).toBe(422);
    expect(again.json().error).toMatchObject({
      code: 'attachment_expired',
      message: expect.stringContaining('重新上传'),
      details: { field: 'attachments.0', index: 0 },
    });
  });

  it('refuses other types, disguised files and files over 5 MB with a Chinese message saying the limit', async () => {
    const c = citizen(env());
    const word = await upload(c, env(), '材料.docx', SAMPLES.docx);
    expect(word.statusCode).toBe(422);
    expect(word.json().error.code).toBe('attachment_rejected');
    expect(word.json().error.message).toContain('只接受 JPG、PNG 图片和 PDF 文件');

    const disguised = await upload(c, env(), '照片.jpg', SAMPLES.html);
    expect(disguised.statusCode).toBe(422);
    expect(disguised.json().error.code).toBe('attachment_rejected');

    const renamed = await upload(c, env(), '照片.png', SAMPLES.jpeg);
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().error.details.reason).toBe('content_mismatch');

    const atLimit = await upload(c, env(), '正好5MB.jpg', jpegOf(PORTAL_ATTACHMENTS.maxBytes));
    expect(atLimit.statusCode, atLimit.body).toBe(201);
    const tooBig = await upload(c, env(), '太大.jpg', jpegOf(PORTAL_ATTACHMENTS.maxBytes + 1));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({ code: 'payload_too_large', details: { field: 'file' } });
    expect(tooBig.json().error.message).toContain('超过5 MB的上限');

    const boundary = '----portaltwo';
    const part = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`;
    const two = await env().app.inject({
      method: 'POST',
      url: '/api/public/uploads',
      remoteAddress: c.ip,
      payload: Buffer.concat([
        Buffer.from(part('a.png')),
        SAMPLES.png,
        Buffer.from('\r\n'),
        Buffer.from(part('b.png')),
        SAMPLES.png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(two.statusCode).toBe(400);
    expect(two.json().error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('逐个上传'),
    });

    const wrongField = await upload(c, env(), 'a.pdf', SAMPLES.pdf, 'document');
    expect(wrongField.statusCode).toBe(400);
    const json = await env().app.inject({
      method: 'POST',
      url: '/api/public/uploads',
      remoteAddress: c.ip,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('validation_failed');
  });

  it('accepts at most 3 distinct live tokens; an expired one is refused and the case is not registered', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) tokens.push((await upload(c, env(), `p${i}.png`, SAMPLES.png)).json().token);
    const four = await c.post('/api/public/petitions', submission(w.t.townA.id, { attachments: tokens }));
    expect(four.statusCode).toBe(400);
    expect(four.json().error.message).toContain('最多上传3个附件');
    const twice = await c.post(
      '/api/public/petitions',
      submission(w.t.townA.id, { attachments: [tokens[0], tokens[0]] }),
    );
    expect(twice.statusCode).toBe(400);
    const unknown = await c.post(
      '/api/public/petitions',
      submission(w.t.townA.id, { attachments: ['A'.repeat(32)] }),
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('attachment_expired');

    env().clock.advance(2 * HOUR + 1000);
    const before = await env().handle.db.selectFrom('petitions').select('id').execute();
    const late = await c.post(
      '/api/public/petitions',
      submission(w.t.townA.id, { attachments: [tokens[1], tokens[2]] }),
    );
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details).toMatchObject({ index: 0 });
    expect(await env().handle.db.selectFrom('petitions').select('id').execute()).toHaveLength(before.length);
    // A failed submission does not count against the address.
    const fresh = (await upload(c, env(), 'new.png', SAMPLES.png)).json().token;
    expect((await submitOk(c, submission(w.t.townA.id, { attachments: [fresh] }))).attachments).toBe(1);
  });

  it('deletes uploads that expired unsubmitted (row, file and bytes) and keeps submitted ones', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const kept = (await upload(c, env(), 'kept.png', SAMPLES.png)).json();
    const dropped = (await upload(c, env(), 'dropped.png', SAMPLES.png)).json();
    await submitOk(c, submission(w.t.townA.id, { attachments: [kept.token] }));
    const fileOf = async (token: string) =>
      env()
        .handle.db.selectFrom('portal_uploads as u')
        .innerJoin('files as f', 'f.id', 'u.file_id')
        .select(['f.id', 'f.storage_path', 'f.owner_type'])
        .where('u.token_hash', '=', uploadTokenHash(token))
        .executeTakeFirst();
    const droppedFile = await fileOf(dropped.token);
    const keptFile = await fileOf(kept.token);
    if (!droppedFile || !keptFile) throw new Error('uploads not stored');
    const bytesAt = (p: string) => path.join(env().config.dataDir, ...p.split('/'));
    expect(fs.existsSync(bytesAt(droppedFile.storage_path))).toBe(true);

    env().clock.advance(2 * HOUR + 1000);
    expect((await upload(citizen(env()), env(), 'next.png', SAMPLES.png)).statusCode).toBe(201);
    expect(await fileOf(dropped.token)).toBeUndefined();
    expect(
      await env().handle.db.selectFrom('files').select('id').where('id', '=', droppedFile.id).execute(),
    ).toEqual([]);
    expect(fs.existsSync(bytesAt(droppedFile.storage_path))).toBe(false);
    expect(await fileOf(kept.token)).toMatchObject({ owner_type: 'petition' });
    expect(fs.existsSync(bytesAt(keptFile.storage_path))).toBe(true);
  });

  it('limits uploads to 15 an hour per address (429 with Retry-After), not touching other addresses', async () => {
    const c = citizen(env());
    for (let i = 0; i < PORTAL_ATTACHMENTS.perHour; i++)
      expect((await upload(c, env(), `p${i}.png`, SAMPLES.png)).statusCode).toBe(201);
    const refused = await upload(c, env(), 'more.png', SAMPLES.png);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('每小时最多上传15个附件');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await upload(citizen(env()), env(), 'other.png', SAMPLES.png)).statusCode).toBe(201);
    env().clock.advance(HOUR + 1000);
    expect((await upload(c, env(), 'later.png', SAMPLES.png)).statusCode).toBe(201);
  });

  it('logs a portal request with the address cut to /24 and without the query code; staff requests as they are', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const e = env();
    const app = await buildApp(
      { config: e.config, handle: e.handle, clock: e.clock },
      { logger: { level: 'info', stream } },
    );
    try {
      await app.inject({ method: 'GET', url: '/api/public/units', remoteAddress: '203.0.113.77' });
      await app.inject({
        method: 'GET',
        url: '/api/public/petitions/ABCDEFGH2345',
        remoteAddress: '2001:db8:1234:5678::9',
      });
      await app.inject({ method: 'GET', url: '/api/health', remoteAddress: '198.51.100.23' });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('"remoteAddress":"203.0.113.0/24"');
    expect(log).not.toContain('203.0.113.77');
    expect(log).toContain('"remoteAddress":"2001:db8:1234::/48"');
    expect(log).not.toContain('5678');
    expect(log).toContain('/api/public/petitions/{queryCode}');
    expect(log).not.toContain('ABCDEFGH2345');
    expect(log).toContain('"remoteAddress":"198.51.100.23"');
  });
});

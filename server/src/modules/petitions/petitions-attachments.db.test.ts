import { expect, it } from 'vitest';
import { describeEachDialect, type Session } from '../../../test/harness.ts';
import { SAMPLES } from '../../platform/files/sample-files.test-helper.ts';
import { getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

/** A multipart/form-data upload of one file. */
function upload(s: Session, id: string, fileName: string, bytes: Buffer, field = 'file') {
  const boundary = `----huiyin${Math.random().toString(36).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return s.inject({
    method: 'POST',
    url: `/api/v1/petitions/${id}/attachments`,
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describeEachDialect('petitions: attachments', (env) => {
  it('stores an attachment with the case, lists it, and serves it as a download to those who see the case', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const stranger = await w.people(w.t.townB.id, ['clerk']);
    const { id } = await register(clerk.session, letter(w.t.townA.id));
    const res = await upload(clerk.session, id, '来信扫描件.pdf', SAMPLES.pdf);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      fileName: '来信扫描件.pdf',
      mediaType: 'application/pdf',
      size: SAMPLES.pdf.length,
    });
    const fileId = res.json().id;
    const c = (await getCase(clerk.session, id)).json();
    expect(c.attachments).toEqual([res.json()]);
    expect(c.events.at(-1)).toMatchObject({ action: 'attach', label: '添加附件', note: '来信扫描件.pdf' });
    expect(c.abilities.attach).toBe(true);

    const url = `/api/v1/petitions/${id}/attachments/${fileId}`;
    const download = await clerk.session.inject({ method: 'GET', url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.rawPayload.equals(SAMPLES.pdf)).toBe(true);
    expect((await stranger.session.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await env().app.inject({ method: 'GET', url })).statusCode).toBe(401);
    // A file id of another case is not served through this case.
    const other = await register(clerk.session, letter(w.t.townA.id));
    expect(
      (
        await clerk.session.inject({
          method: 'GET',
          url: `/api/v1/petitions/${other.id}/attachments/${fileId}`,
        })
      ).statusCode,
    ).toBe(404);

    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['after_json'])
      .where('subject_id', '=', id)
      .where('action', '=', 'petition.attach')
      .execute();
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ fileId, mediaType: 'application/pdf' });
    expect(JSON.stringify(audit)).not.toContain('来信扫描件');
  });

  it('refuses disguised, empty and oversized files and answers 401, 400, 403 and 404', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const supervisor = await w.people(w.t.townA.id, ['supervisor']);
    const stranger = await w.people(w.t.townB.id, ['clerk']);
    const { id } = await register(clerk.session, letter(w.t.townA.id));
    for (const [name, bytes] of [
      ['photo.jpg', SAMPLES.html],
      ['report.pdf', SAMPLES.exe],
      ['empty.txt', Buffer.alloc(0)],
    ] as const) {
      const res = await upload(clerk.session, id, name, bytes);
      expect(res.statusCode, name).toBe(422);
      expect(res.json().error.code).toBe('attachment_rejected');
    }
    const big = await upload(
      clerk.session,
      id,
      'big.pdf',
      Buffer.concat([SAMPLES.pdf, Buffer.alloc(2 * 1024 * 1024)]),
    );
    expect(big.statusCode, big.body).toBe(201);
    const tooBig = await upload(
      clerk.session,
      id,
      'huge.pdf',
      Buffer.concat([SAMPLES.pdf, Buffer.alloc(21 * 1024 * 1024)]),
    );
    expect([413, 422]).toContain(tooBig.statusCode);
    expect((await upload(supervisor.session, id, 'a.pdf', SAMPLES.pdf)).statusCode).toBe(403);
    expect((await upload(stranger.session, id, 'a.pdf', SAMPLES.pdf)).statusCode).toBe(404);
    expect((await upload(clerk.session, id, 'a.pdf', SAMPLES.pdf, 'other')).statusCode).toBe(400);
    const json = await clerk.session.inject({
      method: 'POST',
      url: `/api/v1/petitions/${id}/attachments`,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(
      (await env().app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/attachments`, payload: {} }))
        .statusCode,
    ).toBe(401);
    expect((await getCase(clerk.session, id)).json().attachments).toHaveLength(1);
  });
});

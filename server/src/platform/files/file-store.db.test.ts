import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { makeUnit, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, type TestEnv } from '../../../test/harness.ts';
import type { Ctx } from '../http/context.ts';
import { listFiles, readFile, StoredFileDamagedError, sha256Hex, storeFile } from './file-store.ts';
import { SAMPLES } from './sample-files.test-helper.ts';

/** Runs fn in a transaction of the environment's database, as a route would. */
function inTrx<T>(env: TestEnv, fn: (ctx: Ctx) => Promise<T>, actor: Ctx['actor'] = null): Promise<T> {
  return env.handle.db.transaction().execute((trx) => fn({ ...env.ctx(), db: trx, actor }));
}

describeEachDialect('file store', (env) => {
  it('stores bytes durably under files/<yyyy>/<mm>/<id> and reads them back with their SHA-256', async () => {
    const owner = crypto.randomUUID();
    const stored = await inTrx(env(), (ctx) =>
      storeFile(ctx, {
        ownerType: 'petition',
        ownerId: owner,
        kind: 'attachment',
        fileName: '申请书.pdf',
        mediaType: 'application/pdf',
        bytes: SAMPLES.pdf,
      }),
    );
    expect(stored.sha256).toBe(sha256Hex(SAMPLES.pdf));
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.size).toBe(SAMPLES.pdf.length);

    const dir = path.join(env().dataDir, 'files', '2026', '11');
    expect(fs.readFileSync(path.join(dir, stored.id))).toEqual(SAMPLES.pdf);
    expect(fs.statSync(path.join(dir, stored.id)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const read = await readFile(env().handle.db, env().config, stored.id);
    expect(read?.bytes.equals(SAMPLES.pdf)).toBe(true);
    expect(read?.row).toMatchObject({
      owner_type: 'petition',
      owner_id: owner,
      kind: 'attachment',
      file_name: '申请书.pdf',
      media_type: 'application/pdf',
      size: SAMPLES.pdf.length,
      sha256: stored.sha256,
      storage_path: `files/2026/11/${stored.id}`,
      created_at: '2026-11-02T02:00:00.000Z',
      created_by: null,
    });
  });

  it('records who stored the file', async () => {
    const unit = await makeUnit(env(), { name: '文件测试县' });
    const user = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const actor = {
      userId: user.id,
      username: user.username,
      name: '登记员',
      unitId: unit.id,
      unitPath: unit.path,
      roles: ['clerk' as const],
      sessionId: 's',
    };
    const stored = await inTrx(
      env(),
      (ctx) =>
        storeFile(ctx, {
          ownerType: 'petition',
          ownerId: 'p1',
          kind: 'attachment',
          fileName: 'a.txt',
          mediaType: 'text/plain; charset=utf-8',
          bytes: SAMPLES.txt,
        }),
      actor,
    );
    const read = await readFile(env().handle.db, env().config, stored.id);
    expect(read?.row.created_by).toBe(user.id);
  });

  it('keeps no row when the transaction rolls back, so the file is never served', async () => {
    let id = '';
    await expect(
      inTrx(env(), async (ctx) => {
        id = (
          await storeFile(ctx, {
            ownerType: 'petition',
            ownerId: 'rolled-back',
            kind: 'attachment',
            fileName: 'a.png',
            mediaType: 'image/png',
            bytes: SAMPLES.png,
          })
        ).id;
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(id).not.toBe('');
    expect(await readFile(env().handle.db, env().config, id)).toBeUndefined();
    expect(await listFiles(env().handle.db, 'petition', 'rolled-back')).toEqual([]);
  });

  it('lists the files of one owner, optionally of one kind', async () => {
    const owner = crypto.randomUUID();
    const put = (kind: string, fileName: string) =>
      inTrx(env(), (ctx) =>
        storeFile(ctx, {
          ownerType: 'petition',
          ownerId: owner,
          kind,
          fileName,
          mediaType: 'text/plain',
          bytes: SAMPLES.txt,
        }),
      );
    await put('attachment', '1.txt');
    await put('attachment', '2.txt');
    await put('answer_opinion', '3.docx');
    expect((await listFiles(env().handle.db, 'petition', owner)).map((f) => f.file_name).sort()).toEqual([
      '1.txt',
      '2.txt',
      '3.docx',
    ]);
    expect(
      (await listFiles(env().handle.db, 'petition', owner, 'attachment')).map((f) => f.file_name).sort(),
    ).toEqual(['1.txt', '2.txt']);
  });

  it('refuses to serve a file whose bytes were altered or removed on disk', async () => {
    const stored = await inTrx(env(), (ctx) =>
      storeFile(ctx, {
        ownerType: 'petition',
        ownerId: 'x',
        kind: 'attachment',
        fileName: 'a.gif',
        mediaType: 'image/gif',
        bytes: SAMPLES.gif,
      }),
    );
    const file = path.join(env().dataDir, 'files', '2026', '11', stored.id);
    const altered = Buffer.from(SAMPLES.gif);
    altered[10] = 0x41;
    fs.writeFileSync(file, altered);
    await expect(readFile(env().handle.db, env().config, stored.id)).rejects.toBeInstanceOf(
      StoredFileDamagedError,
    );
    fs.rmSync(file);
    await expect(readFile(env().handle.db, env().config, stored.id)).rejects.toThrow(/missing/);
  });

  it('answers undefined for an unknown id', async () => {
    expect(await readFile(env().handle.db, env().config, crypto.randomUUID())).toBeUndefined();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileDurably } from './file-store.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-files-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('writeFileDurably', () => {
  it('creates missing directories and leaves exactly the final file, readable only by the owner', async () => {
    const root = tempDir();
    const target = path.join(root, 'files', '2026', '11', 'abc');
    await writeFileDurably(target, Buffer.from('内容'));
    expect(fs.readFileSync(target, 'utf8')).toBe('内容');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['abc']);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  it('fails without leaving a temporary file when the final rename cannot happen', async () => {
    const root = tempDir();
    const target = path.join(root, 'occupied');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'x');
    await expect(writeFileDurably(target, Buffer.from('new'))).rejects.toThrow();
    expect(fs.readdirSync(root)).toEqual(['occupied']);
  });
});

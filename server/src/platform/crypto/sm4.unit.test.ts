import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blindIndex, decryptField, encryptField, loadKeyRing } from './sm4.ts';

const dirs: string[] = [];
function keyFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-sm4-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'secret.key');
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('SM4 field encryption', () => {
  it('uses the standard SM4 block cipher (GB/T 32907 example 1)', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('creates the key file with 32 random bytes, readable by the owner only', () => {
    const file = keyFile();
    loadKeyRing({ keyFile: file });
    const stat = fs.statSync(file);
    expect(stat.size).toBe(32);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('round-trips text, including Chinese and the empty string', () => {
    const keys = loadKeyRing({ keyFile: keyFile() });
    for (const text of ['', '110101199003071234', '张三 住址：东城镇东城一村3组', 'x'.repeat(1000)]) {
      expect(decryptField(keys, encryptField(keys, text))).toBe(text);
    }
  });

  it('never shows the plaintext and uses a fresh IV for every encryption', () => {
    const keys = loadKeyRing({ keyFile: keyFile() });
    const a = encryptField(keys, '110101199003071234');
    const b = encryptField(keys, '110101199003071234');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(a.slice(3), 'base64url').toString('latin1')).not.toContain('1101011990');
  });

  it('refuses a token with any byte changed', () => {
    const keys = loadKeyRing({ keyFile: keyFile() });
    const token = encryptField(keys, 'secret value');
    const raw = Buffer.from(token.slice(3), 'base64url');
    for (const at of [0, 20, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at] = (bad[at] as number) ^ 1;
      expect(() => decryptField(keys, `v1.${bad.toString('base64url')}`)).toThrow(/authentication/);
    }
    expect(() => decryptField(keys, 'v2.abc')).toThrow();
    expect(() => decryptField(keys, `v1.${raw.subarray(0, 40).toString('base64url')}`)).toThrow();
  });

  it('refuses a token under another key file or bound to another record', () => {
    const keys = loadKeyRing({ keyFile: keyFile() });
    const other = loadKeyRing({ keyFile: keyFile() });
    const token = encryptField(keys, 'secret value', 'user:1');
    expect(decryptField(keys, token, 'user:1')).toBe('secret value');
    expect(() => decryptField(other, token, 'user:1')).toThrow(/authentication/);
    expect(() => decryptField(keys, token, 'user:2')).toThrow(/authentication/);
  });

  it('keeps the keys of an existing key file across restarts', () => {
    const file = keyFile();
    const token = encryptField(loadKeyRing({ keyFile: file }), 'kept');
    // A second process reads the same file: copy it so the in-process cache is not involved.
    const copy = `${file}.copy`;
    fs.copyFileSync(file, copy);
    expect(decryptField(loadKeyRing({ keyFile: copy }), token)).toBe('kept');
  });

  it('refuses a truncated key file instead of silently making new keys', () => {
    const file = keyFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.alloc(8));
    expect(() => loadKeyRing({ keyFile: file })).toThrow(/shorter/);
  });

  it('derives separate keys for encryption, authentication and blind indexes', () => {
    const keys = loadKeyRing({ keyFile: keyFile() });
    expect(keys.encKey).toHaveLength(16);
    const hexes = [keys.encKey, keys.macKey, keys.indexKey].map((k) => k.toString('hex'));
    expect(new Set(hexes).size).toBe(3);
  });

  it('makes deterministic keyed blind indexes that differ between key files', () => {
    const keys = loadKeyRing({ keyFile: keyFile() });
    const other = loadKeyRing({ keyFile: keyFile() });
    const idx = blindIndex(keys, '110101199003071234');
    expect(idx).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(keys, '110101199003071234')).toBe(idx);
    expect(blindIndex(keys, '110101199003071235')).not.toBe(idx);
    expect(blindIndex(other, '110101199003071234')).not.toBe(idx);
    expect(idx).not.toBe(crypto.createHash('sm3').update('110101199003071234').digest('hex'));
  });
});

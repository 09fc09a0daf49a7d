import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionLabel, KNOWN_ACTIONS } from '../../../../web/src/features/audit/audit-labels.ts';
import { PETITION_ACTIONS } from '../petitions/petition.ts';

// The auditor reads the log in words: every action code the server records must have a Chinese
// (and English) label in the audit page, or the page shows raw codes like `ownership.take`.

const SERVER = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.includes('.test.') && !e.name.includes('test-helper') ? [p] : [];
  });
}

/** Dotted action codes written as literals in `action:` properties of the server's source. */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SERVER)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction:\s*([^,\n]+)/g)) {
      for (const lit of (m[1] ?? '').matchAll(/'([a-z_0-9]+\.[a-z_0-9]+)'/g)) found.add(lit[1] as string);
    }
  }
  return found;
}

describe('audit action labels', () => {
  it('finds the action codes in the server source (the scan itself works)', () => {
    const actions = recordedActions();
    expect(actions.has('petition.register')).toBe(true);
    expect(actions.has('unit.create')).toBe(true);
    expect(actions.size).toBeGreaterThan(40);
  });

  it('labels every action code the server records, in Chinese and English', () => {
    const missing = [...recordedActions()].filter((a) => !KNOWN_ACTIONS.includes(a));
    expect(missing).toEqual([]);
  });

  it('labels every petition action (recorded as petition.<action>)', () => {
    const missing = PETITION_ACTIONS.map((a) => `petition.${a}`).filter((a) => !KNOWN_ACTIONS.includes(a));
    expect(missing).toEqual([]);
    expect(actionLabel('petition.merge', 'zh-CN')).not.toBe('petition.merge');
  });
});

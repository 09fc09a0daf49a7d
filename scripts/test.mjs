#!/usr/bin/env node
// `npm test`: every tier. Type check and lint, build the web app, make sure the browser tier has
// Chromium with CJK fonts, then run the unit, database (SQLite and PostgreSQL) and browser tiers.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args, opts = {}) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const CJK_FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/noto'];
function hasCjkFont() {
  return CJK_FONT_DIRS.some((d) => fs.existsSync(d) && fs.readdirSync(d).some((f) => /CJK/i.test(f)));
}

/** The browser tier needs Debian's Chromium and fonts-noto-cjk (or CHROME_PATH). */
function ensureBrowser() {
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(chrome) && hasCjkFont()) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync('/etc/debian_version')) {
    console.log('\nInstalling Chromium and CJK fonts for the browser tests (apt-get)…');
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils',
      { stdio: 'inherit' },
    );
    return;
  }
  console.error(
    `\nThe browser tests need Chromium at ${chrome} and the Noto CJK fonts.\n` +
      'Install them with:  sudo apt-get install -y chromium fonts-noto-cjk\n' +
      'or point CHROME_PATH at a Chromium binary.',
  );
  process.exit(1);
}

const only = process.argv.slice(2);
run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('npx', ['biome', 'check', '.']);
ensureBrowser();
run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
const report = 'artifacts/vitest-report.json';
fs.mkdirSync('artifacts', { recursive: true });
fs.rmSync(report, { force: true });
const tests = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...only],
  { stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Shanghai' } },
);
// One plain closing line that any CI reads: "tests: N passed, N failed".
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
process.exit(tests.status ?? 1);

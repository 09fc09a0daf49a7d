/**
 * Writes shared/calendar/schedules.generated.ts from the installed chinese-days package, so the
 * web bundle carries a small table instead of chinese-days' lunar machinery.
 * Usage: npx tsx scripts/generate-calendar.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { renderSchedulesModule, schedulesFromChineseDays } from '../shared/calendar/generate.ts';

const require = createRequire(import.meta.url);
const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'));
const { version } = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8'));
const target = fileURLToPath(new URL('../shared/calendar/schedules.generated.ts', import.meta.url));
writeFileSync(target, renderSchedulesModule(schedulesFromChineseDays(data), `chinese-days ${version}`));
execFileSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
console.log(`wrote ${target}`);

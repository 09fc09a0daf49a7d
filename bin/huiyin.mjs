#!/usr/bin/env node
// The `huiyin` command: runs the TypeScript entry point through tsx (no separate build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/src/main.ts');
process.exitCode = await main(process.argv.slice(2));

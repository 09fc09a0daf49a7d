import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEB = path.join(ROOT, 'web');
const DIST_INDEX = path.join(WEB, 'dist', 'index.html');

/** A password that satisfies the 等保 policy, used for the first administrators of the test server. */
export const ADMIN_PASSWORD = 'Huiyin-E2e-2026!';

export interface ServerOptions {
  /** HUIYIN_2FA; `off` unless a test is about the second factor. */
  twoFactor?: 'off' | 'admins' | 'all';
  /** Fill the database with the demo county (`huiyin demo`) before serving. */
  demo?: boolean;
}

export interface TestServer {
  url: string;
  dataDir: string;
  /** What `huiyin demo` printed (its logins), when the server was started with demo data. */
  demoOutput: string;
  /** What the server printed, for the failure message when something goes wrong. */
  output: () => string;
  stop: () => Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when web/dist is missing or older than any source file of the staff app. */
export function ensureWebBuilt(): void {
  const sources = Math.max(
    newestMtime(path.join(WEB, 'src')),
    fs.statSync(path.join(WEB, 'index.html')).mtimeMs,
    fs.statSync(path.join(WEB, 'vite.config.ts')).mtimeMs,
  );
  if (fs.existsSync(DIST_INDEX) && fs.statSync(DIST_INDEX).mtimeMs >= sources) return;
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('vite build failed; the browser test needs the built web app');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy within 90 s:\n${output()}`);
}

/**
 * Starts the real server (`node bin/huiyin.mjs serve`) on a free port with a fresh SQLite data
 * directory, no second factor unless asked, and known administrator passwords; waits for /api/health.
 */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  ensureWebBuilt();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-e2e-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.tmpdir(),
    TZ: 'Asia/Shanghai',
    PORT: String(port),
    HOST: '127.0.0.1',
    HUIYIN_DATA_DIR: dataDir,
    HUIYIN_2FA: options.twoFactor ?? 'off',
    HUIYIN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HUIYIN_LOG_LEVEL: 'warn',
    HUIYIN_JOBS: 'off',
  };
  let demoOutput = '';
  if (options.demo) {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/huiyin.mjs'), 'demo', '--password', ADMIN_PASSWORD],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`huiyin demo failed:\n${r.stdout}\n${r.stderr}`);
    demoOutput = r.stdout;
  }
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/huiyin.mjs'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const output = () => log.slice(-4000);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, output);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    dataDir,
    demoOutput,
    output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

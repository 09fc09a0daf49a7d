import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));

export const VIEWPORTS = {
  desktop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Debian's Chromium (or CHROME_PATH), headless, with the flags that work on these machines. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it with "apt-get install -y chromium fonts-noto-cjk" (as root) or set CHROME_PATH.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Waits until no finite CSS animation or transition runs (antd dialogs zoom in and out; spinners spin on). */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    null,
    { timeout: 5_000 },
  );
}

/** Saves a full-page screenshot, once the page is still, as artifacts/screenshots/<viewport>-<step>.png. */
export async function snap(page: Page, viewport: ViewportName, step: string): Promise<string> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${viewport}-${step}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The accessible name of an antd button: antd spaces out two-character Chinese labels (登 录), and
 * the spinner of a button that was loading may linger as a zero-width "loading" icon.
 */
export function buttonName(text: string): RegExp {
  return new RegExp(`^(?:loading\\s*)?${[...text].join('\\s*')}\\s*$`);
}

/** Chooses a unit in an antd TreeSelect by typing its name and clicking the exact match, once it is still. */
export async function pickTreeOption(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  await page.keyboard.type(name);
  await settle(page);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .locator('.ant-select-tree-title:visible')
    .filter({ hasText: new RegExp(`^${escaped}$`) })
    .click();
  await page.locator('.ant-select-tree-treenode:visible').first().waitFor({ state: 'hidden' });
}

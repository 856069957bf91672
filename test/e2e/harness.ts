import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { seedDemo } from '../../src/cli/demo/seed.ts';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/main.ts';

// Browser tests: the real server with the demo on a fresh embedded database, driven through Debian's Chromium.

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/** `env`: more settings for the server (e.g. GEOCODER_URL pointing at a peer the test starts). */
export async function startE2e(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-e2e-'));
  // No scheduled renewal run: the tests run it themselves, on the day they choose.
  const config = loadConfig({
    RENEWAL_RUN_INTERVAL: '0',
    ...env,
    MAILLAGE_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
  const server = await startServer(config, { onReady: (deps) => seedDemo(deps) });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    baseUrl,
    server,
    browser,
    /** `touch`: a phone's touch screen (no hover), on top of its 390 × 844 size. */
    async newPage(opts: { mobile?: boolean; touch?: boolean; locale?: string } = {}): Promise<Page> {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: opts.locale ?? 'fr-FR',
        viewport: opts.mobile || opts.touch ? { width: 390, height: 844 } : { width: 1280, height: 900 },
        ...(opts.touch ? { isMobile: true, hasTouch: true } : {}),
      });
      return context.newPage();
    },
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Serious or critical axe violations (WCAG 2.1 A and AA) of the page as it stands, as "rule: target" lines;
 * `exclude`: selectors left out (e.g. a mail preview's frame, whose HTML is the mail's, not the page's).
 */
export async function seriousViolations(page: Page, opts: { exclude?: string[] } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of opts.exclude ?? []) builder = builder.exclude(selector);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

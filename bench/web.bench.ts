// Benchmark: the agenda page (/agenda) as a phone on a mobile network first sees it, Lighthouse-style.
//
//   npm run bench:web                    (needs `npm run build:web` first, and Debian's chromium or CHROMIUM_PATH)
//   BENCH_RUNS=9 npm run bench:web
//
// The real server on a fresh embedded database with the demo, on loopback; Debian's Chromium through playwright-core
// at 390×844 (device scale 3, touch), with the network and the CPU throttled through the DevTools protocol
// (Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate 4, as Lighthouse's mobile profile). Each run
// is a new browser context (empty cache), then a second visit in the same context shows what the year-long cache of
// the hashed files saves. Figures: bytes on the wire (encodedDataLength, compressed as sent: headers and bodies)
// until the network is idle, split into the app's code (JS, CSS), API answers and the page shell; first contentful
// paint; time until the first event of the list is in the page (a MutationObserver from the navigation's start).
// Medians of the runs, with min and max.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { seedDemo } from '../src/cli/demo/seed.ts';
import { loadConfig } from '../src/server/config.ts';
import { webDistDir } from '../src/server/lib/web-shell.ts';
import { startServer } from '../src/server/main.ts';
import { ms, percentile, table } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CPU_SLOWDOWN = 4;

/** Two network profiles: Chrome DevTools' "Fast 4G" preset, and Lighthouse's default mobile ("slow 4G"). */
const profiles = [
  { name: 'fast 4G', latencyMs: 165, downKbps: 9000 * 0.9, upKbps: 1500 * 0.9 },
  { name: 'slow 4G (Lighthouse mobile)', latencyMs: 150, downKbps: 1638.4, upKbps: 675 },
];

type Sample = {
  total: number;
  code: number;
  api: number;
  shell: number;
  other: number;
  requests: number;
  fcp: number;
  firstEvent: number;
};

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-web-'));
  const config = loadConfig({ MAILLAGE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  process.stdout.write(`web app: ${webDistDir}\nseeding the demo… `);
  const server = await startServer(config, { onReady: (deps) => seedDemo(deps) });
  const address = server.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  console.log(`served at ${base}`);
  // The demo's observatory import runs in the background just after the start: let it finish first.
  await new Promise((r) => setTimeout(r, 20_000));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

  async function visit(
    context: Awaited<ReturnType<typeof browser.newContext>>,
    profile: (typeof profiles)[number],
  ): Promise<Sample> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latencyMs,
      downloadThroughput: (profile.downKbps * 1024) / 8,
      uploadThroughput: (profile.upKbps * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const kinds = new Map<string, string>();
    const sample: Sample = {
      total: 0,
      code: 0,
      api: 0,
      shell: 0,
      other: 0,
      requests: 0,
      fcp: 0,
      firstEvent: 0,
    };
    cdp.on('Network.responseReceived', (e) =>
      kinds.set(e.requestId, `${e.type} ${new URL(e.response.url).pathname}`),
    );
    cdp.on('Network.loadingFinished', (e) => {
      const kind = kinds.get(e.requestId) ?? '';
      sample.total += e.encodedDataLength;
      sample.requests += 1;
      if (/^(Script|Stylesheet) /.test(kind)) sample.code += e.encodedDataLength;
      else if (/ \/api\//.test(kind)) sample.api += e.encodedDataLength;
      else if (/^Document /.test(kind)) sample.shell += e.encodedDataLength;
      else sample.other += e.encodedDataLength;
    });
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('.event-item')) {
          (window as unknown as { __firstEvent: number }).__firstEvent = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${base}/agenda`, { waitUntil: 'load' });
    await page.locator('.event-item').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const timing = await page.evaluate(() => ({
      firstEvent: (window as unknown as { __firstEvent: number }).__firstEvent,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    }));
    sample.fcp = timing.fcp;
    sample.firstEvent = timing.firstEvent;
    await page.close();
    return sample;
  }

  const rows: string[][] = [];
  for (const profile of profiles) {
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        locale: 'fr-FR',
      });
      cold.push(await visit(context, profile));
      warm.push(await visit(context, profile));
      await context.close();
      process.stdout.write('.');
    }
    for (const [visitName, samples] of [
      ['first visit', cold],
      ['second visit', warm],
    ] as const) {
      const med = (k: keyof Sample) =>
        percentile(
          samples.map((s) => s[k]),
          50,
        );
      const range = (k: keyof Sample) => {
        const v = samples.map((s) => s[k]);
        return `${ms(Math.min(...v))}–${ms(Math.max(...v))}`;
      };
      const kB = (k: keyof Sample) => (med(k) / 1000).toFixed(1);
      rows.push([
        profile.name,
        visitName,
        String(samples.length),
        kB('total'),
        kB('code'),
        kB('api'),
        kB('shell'),
        String(med('requests')),
        ms(med('fcp')),
        `${ms(med('firstEvent'))} (${range('firstEvent')})`,
      ]);
    }
  }
  console.log(
    `\n\n/agenda at 390×844, CPU slowed ×${CPU_SLOWDOWN}, medians of ${RUNS} runs (kB = 1,000 bytes on the wire, compressed):\n`,
  );
  console.log(
    table(
      [
        'network',
        'visit',
        'n',
        'transfer kB',
        'JS+CSS kB',
        'API kB',
        'shell kB',
        'requests',
        'FCP ms',
        'first event ms (min–max)',
      ],
      rows,
    ),
  );
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();

import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2e } from './harness.ts';

// How the web app reaches a browser: compressed, hashed files kept for a year, the shell asked again each time, and
// a first load that carries only the code of the page shown.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

/** A GET with chosen request headers, answering the raw (still compressed) body's length and the headers. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    bytes: number;
  }>((resolve, reject) => {
    const req = httpRequest(`${e2e.baseUrl}${path}`, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('sends hashed files compressed and cached for a year, the page shell compressed and never kept stale', async () => {
  const shell = await get('/agenda', { 'accept-encoding': 'br, gzip' });
  expect(shell.status).toBe(200);
  expect(shell.headers['cache-control']).toBe('no-cache');
  const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(
    await (await fetch(`${e2e.baseUrl}/agenda`)).text(),
  )?.[1];
  expect(script).toBeTruthy();

  const plain = await get(script!);
  const br = await get(script!, { 'accept-encoding': 'br, gzip' });
  const gz = await get(script!, { 'accept-encoding': 'gzip' });
  expect(br.headers['content-encoding']).toBe('br');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(br.bytes).toBeLessThan(plain.bytes / 2);
  expect(gz.bytes).toBeLessThan(plain.bytes / 2);
  for (const res of [plain, br, gz]) {
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
  }

  const api = await get('/api/events?pageSize=50', { 'accept-encoding': 'gzip' });
  expect(api.headers['content-encoding']).toBe('gzip');
});

it('loads the agenda with its own code only: no other feature’s page in the first download', async () => {
  const page = await e2e.newPage({ mobile: true });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/agenda');
  await page.locator('.event-item').first().waitFor();
  // The agenda's own chunk: AgendaPage and AgendaEmbed import each other, so the bundler names it after either.
  expect(scripts.some((s) => /\/Agenda(Page|Embed)-/.test(s))).toBe(true);
  const others = scripts.filter((s) =>
    /(ObservatoryPage|DirectoryPage|AuditTab|FairPages|CheckInPage|EventFormPage|leaflet|jsQR|france\.departments)-/.test(
      s,
    ),
  );
  expect(others).toEqual([]);
});

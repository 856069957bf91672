import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2e } from './harness.ts';

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

it('serves the web app in French', async () => {
  const page = await e2e.newPage();
  await page.goto('/');
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
  await page.getByRole('navigation').waitFor();
});

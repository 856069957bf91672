import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/server/modules/mail/mail.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The platform admin's outbox on a phone: a mail given up after its last attempt shows its status, attempts and
// last error; 'Renvoyer' queues it again.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

describe('outbox', () => {
  it('shows a failed mail with its attempts and last error, and the admin sends it again', async () => {
    const to = 'echec@example.org';
    await e2e.server.deps.db.insert(outbox).values({
      to,
      subject: 'Inscription confirmée : Forum',
      text: 'Bonjour,',
      kind: 'test.e2e',
      status: 'failed',
      attempts: 6,
      error: '452 Mailbox full, try later',
    });
    const page = await e2e.newPage({ mobile: true });
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill('admin@maillage.example');
    await page.getByLabel(/^Mot de passe/).fill('demo-admin-maillage');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));

    await page.goto(`/admin/envois?a=${encodeURIComponent(to)}`);
    const row = page.getByRole('row', { name: /Inscription confirmée/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.join(' | ')).toMatch(/Échec \(abandonné\).*\| 6 \|.*452 Mailbox full/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await row
      .getByRole('button', { name: /^Renvoyer le courriel .*Inscription confirmée.* à echec@example\.org$/ })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: `Le courriel à ${to} est de nouveau en attente` })
      .waitFor();
    // No longer failed: no button to send it again; 0 attempts of its new round.
    await expect.poll(() => row.getByRole('button').count()).toBe(0);
    expect((await row.getByRole('cell').allTextContents())[4]).toBe('0');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { type Browser, chromium, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import {
  buildEvent,
  buildOrganization,
} from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { CHROMIUM_ARGS, startE2e } from './harness.ts';

// The registration journey in the browser: register (seat), register (waiting list), the confirmation mail in the
// outbox, cancel and see the first waitlisted person promoted and told, then the organiser checks that person in
// by scanning the QR code with the camera — a real getUserMedia stream: Chromium's fake camera playing a Y4M
// video of the ticket's QR code, decoded in the page (BarcodeDetector or jsQR) — and by typing the code.

let e2e: Awaited<ReturnType<typeof startE2e>>;
let camera: Browser | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'maillage-qr-'));
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await camera?.close();
  await e2e?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** A Y4M video (4:2:0, 640×480, a few identical frames) showing the QR code of `text` on white. */
function qrVideo(text: string, file: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const [w, h] = [640, 480];
  const scale = Math.floor(400 / (size + 8));
  const offset = { x: Math.floor((w - size * scale) / 2), y: Math.floor((h - size * scale) / 2) };
  const y = Buffer.alloc(w * h, 235);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++)
          y.fill(
            16,
            (offset.y + r * scale + dy) * w + offset.x + c * scale,
            (offset.y + r * scale + dy) * w + offset.x + (c + 1) * scale,
          );
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`), ...Array(5).fill(frame)]),
  );
}

async function register(page: Page, eventId: string, name: string, email: string) {
  await page.goto(`/inscription/${eventId}`);
  await page.getByRole('textbox', { name: /Nom et prénom/ }).fill(name);
  await page.getByRole('textbox', { name: /Adresse e-mail/ }).fill(email);
  await page.getByLabel(/J’accepte que mes nom/).check();
  await page.getByRole('button', { name: /M’inscrire/ }).click();
  await page.waitForURL(/\/billet\/[\w-]+\?nouveau=1/);
}

/** axe-core (WCAG 2.1 A/AA) on the page as it is now: no serious or critical violation. */
async function expectAccessible(page: Page) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${page.url()} ${v.id}: ${n.target.join(' ')}`));
  expect(bad).toEqual([]);
}

async function signIn(page: Page, who: { email: string; password: string }) {
  const res = await page.request.post('/api/auth/sign-in', {
    data: { email: who.email, password: who.password },
  });
  expect(res.status()).toBe(200);
}

it('registers, waitlists, cancels with promotion, and checks in by QR code', async () => {
  const db = e2e.server.deps.db;
  const [chamber] = await db.select().from(networks).where(eq(networks.kind, 'cress'));
  const org = await buildOrganization(db, { name: 'Tiers-lieu des Possibles' });
  const event = await buildEvent(db, chamber.id, {
    title: 'Atelier fresque du climat',
    capacity: 1,
    organizerOrganizationIds: [org.id],
  });

  // Alice takes the only seat: ticket page with QR code.
  const alice = await e2e.newPage({ mobile: true });
  await register(alice, event.id, 'Alice Dupont', 'alice.dupont@example.org');
  await alice.getByRole('heading', { name: 'Inscription confirmée' }).waitFor();
  await expectAccessible(alice);
  await expect
    .poll(() => alice.locator('img.ticket__qr').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  // Bob lands on the waiting list.
  const bob = await e2e.newPage();
  await register(bob, event.id, 'Bob Martin', 'bob.martin@example.org');
  await bob.getByRole('heading', { name: 'Vous êtes sur la liste d’attente' }).waitFor();
  await bob.getByText('Position sur la liste d’attente : 1').waitFor();

  // The confirmation mail is in the outbox (platform admin).
  const admin = await e2e.newPage();
  await signIn(admin, demoAccounts.admin);
  const outbox = async (to: string) =>
    (await (await admin.request.get(`/api/admin/outbox?to=${to}`)).json()).items as {
      kind: string;
      text: string;
    }[];
  const [mailAlice] = await outbox('alice.dupont@example.org');
  expect(mailAlice.kind).toBe('events.registration-confirmed');
  const aliceTicket = /\/billet\/([\w-]+)\n/.exec(mailAlice.text)![1];

  // Alice cancels from the link in her mail; Bob gets the seat and is told.
  await alice.goto(`/billet/${aliceTicket}/annuler`);
  await alice.getByRole('button', { name: 'Oui, annuler mon inscription' }).click();
  await alice.getByText(/votre place a été attribuée à la première personne en attente/).waitFor();
  const [mailBob] = await outbox('bob.martin@example.org');
  expect(mailBob.kind).toBe('events.registration-promoted');
  const bobTicket = /\/billet\/([\w-]+)\n/.exec(mailBob.text)![1];
  await bob.goto(`/billet/${bobTicket}`);
  await bob.getByRole('heading', { name: 'Inscription confirmée' }).waitFor();
  const code = (await bob.getByTestId('checkin-code').textContent())!.trim();

  // The organiser opens the door screen on a phone whose camera films Bob's ticket.
  const video = join(tmp, 'ticket.y4m');
  qrVideo(code, video);
  camera = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  const context = await camera.newContext({
    baseURL: e2e.baseUrl,
    locale: 'fr-FR',
    viewport: { width: 390, height: 844 },
  });
  await context.grantPermissions(['camera'], { origin: e2e.baseUrl });
  const door = await context.newPage();
  await signIn(door, demoAccounts.chamberCoordinator);
  await door.goto(`/inscriptions/evenement/${event.id}/accueil`);
  await door.getByText('0 présent·e sur 1').waitFor();
  await expectAccessible(door);
  await door.getByRole('button', { name: 'Ouvrir la caméra' }).click();
  await door.getByText('Bienvenue Bob Martin !').waitFor({ timeout: 45_000 });
  await door.getByText('1 présent·e sur 1').waitFor();
  await door.getByRole('button', { name: 'Fermer la caméra' }).click();

  // Typing the code (no camera) works too, and says the person is already in.
  await door.getByLabel('Code du billet').fill(code);
  await door.getByRole('button', { name: 'Valider' }).click();
  await door.getByText(/Bob Martin était déjà pointé·e/).waitFor();

  // The registrant list shows who came; the attendance export says so.
  await door.goto(`/inscriptions/evenement/${event.id}`);
  await door.getByRole('cell', { name: 'Bob Martin' }).waitFor();
  await expectAccessible(door);
  const csv = await (await door.request.get(`/api/events/${event.id}/attendance.csv`)).text();
  expect(csv).toMatch(/Bob Martin;bob.martin@example.org;;oui;/);
});

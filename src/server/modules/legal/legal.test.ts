import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildNetwork, signInAs } from '../accounts/accounts.factory.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const details = {
  legalName: 'Association Club des entreprises du Sud Haute-Marne',
  address: '1 place de la Mairie, 52200 Langres',
  siret: '732 829 320 00074',
  publicationDirector: 'Jeanne Martin, présidente',
  dataContact: 'donnees@club-sud52.example',
  host: 'Hébergeur Exemple SAS, 2 rue des Serveurs, 75000 Paris',
};

it('lets a network’s coordinators publish its legal details, shown to anyone, and audits the change', async () => {
  const club = await buildNetwork(t.deps, { name: 'Club Sud' });
  const other = await buildNetwork(t.deps, { name: 'Autre réseau' });
  const coordinator = await signInAs(t.app, t.deps, {
    email: 'coord@club.example',
    coordinatorOf: [club.id],
  });
  const stranger = await signInAs(t.app, t.deps, { email: 'coord@autre.example', coordinatorOf: [other.id] });
  const put = (cookie: string | undefined, payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/networks/${club.id}/legal`,
      payload,
      headers: cookie ? { cookie } : {},
    });

  expect((await t.app.inject({ url: `/api/networks/${club.id}/legal` })).json()).toEqual({ details: null });
  expect((await put(stranger, details)).statusCode).toBe(403);
  expect((await put(undefined, details)).statusCode).toBe(401);

  const saved = await put(coordinator, details);
  expect(saved.statusCode).toBe(200);
  expect(saved.json().details).toMatchObject({ ...details, siret: '73282932000074' });
  const again = await put(coordinator, { ...details, siret: '', host: 'Autre hébergeur' });
  expect(again.json().details).toMatchObject({ siret: null, host: 'Autre hébergeur' });

  const list = (await t.app.inject({ url: '/api/legal' })).json().items;
  expect(list.find((i: { network: { id: string } }) => i.network.id === club.id).details.host).toBe(
    'Autre hébergeur',
  );
  expect(list.find((i: { network: { id: string } }) => i.network.id === other.id).details).toBeNull();

  const audit = await t.app.inject({
    url: `/api/audit?entityId=${club.id}`,
    headers: { cookie: coordinator },
  });
  expect(JSON.stringify(audit.json())).toContain('network.legal-details.update');
});

it('answers a wrong SIRET or a missing field with a French sentence naming the field', async () => {
  const club = await buildNetwork(t.deps);
  const coordinator = await signInAs(t.app, t.deps, { email: 'c2@club.example', coordinatorOf: [club.id] });
  const put = (payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/networks/${club.id}/legal`,
      payload,
      headers: { cookie: coordinator },
    });
  const badSiret = await put({ ...details, siret: '73282932000075' });
  expect(badSiret.statusCode).toBe(400);
  expect(badSiret.json().error.fields.siret).toMatch(/clé de contrôle/);
  const missing = await put({ ...details, host: ' ' });
  expect(missing.statusCode).toBe(400);
  expect(missing.json().error.fields.host).toBe('Hébergeur requis');
});

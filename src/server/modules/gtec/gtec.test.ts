import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { outbox } from '../mail/mail.tables.ts';
import { buildAccount } from '../memberships/memberships.fixtures.ts';
import { answerToken } from './gtec.access.ts';
import { buildSurveyClub, caller, linkTokenFor, waveBody } from './gtec.fixtures.ts';
import { gtecQuestionnaires } from './gtec.tables.ts';

// Waves and answers through the HTTP layer: a coordinator opens a wave, each member company answers through its
// personal link or signed in; drafts are saved as typed and resumed, submitted, withdrawn; the rules name their
// field; after the close nothing is taken; reminders go once per day; the coordinator sees who answered, never what.

let now = new Date('2026-03-10T09:00:00Z');
let t: TestContext;
let call: ReturnType<typeof caller>;
let s: Awaited<ReturnType<typeof buildSurveyClub>>;
let waveId: string;
const tokens: string[] = [];

const url = (path: string, token?: string) =>
  `/api/gtec/waves/${waveId}/response${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  call = caller(t);
  s = await buildSurveyClub(t, [
    'Forges de Bologne (test)',
    'Plasturgie du Bassigny (test)',
    'Boulangerie Martin (test)',
  ]);
  const res = await call(
    'POST',
    `/api/networks/${s.club.network.id}/gtec/waves`,
    s.club.coordinator.cookies,
    waveBody(),
  );
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ recipients: 3, mailed: 3, withoutAddress: 0 });
  waveId = res.json().id;
  for (const m of s.members) tokens.push((await linkTokenFor(t, m.contact.email)).token);
});
afterAll(async () => t?.close());

describe('opening a wave', () => {
  it('mails each member’s main contact a personal link, and stores the questionnaire version', async () => {
    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'gtec.wave-invitation'));
    expect(mails.map((m) => m.to).sort()).toEqual(s.members.map((m) => m.contact.email.toLowerCase()).sort());
    expect(mails[0].text).toContain('ne sont lues que par votre entreprise');
    const [q] = await t.db.select().from(gtecQuestionnaires);
    expect(q).toMatchObject({ kind: 'gtec', version: 1 });
  });
  it('sends to chosen members only, and refuses a member of another network or bad dates', async () => {
    const chosen = await call(
      'POST',
      `/api/networks/${s.club.network.id}/gtec/waves`,
      s.club.coordinator.cookies,
      waveBody({ title: 'Partielle', memberIds: [s.members[0].member.id] }),
    );
    expect(chosen.json()).toMatchObject({ recipients: 1 });
    const other = await buildSurveyClub(t, []);
    const foreign = await call(
      'POST',
      `/api/networks/${other.club.network.id}/gtec/waves`,
      other.club.coordinator.cookies,
      waveBody({ memberIds: [s.members[0].member.id] }),
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields.memberIds).toBe(
      'un des adhérents choisis n’appartient pas à ce réseau',
    );
    const dates = await call(
      'POST',
      `/api/networks/${s.club.network.id}/gtec/waves`,
      s.club.coordinator.cookies,
      waveBody({ opensOn: '2026-05-01', closesOn: '2026-04-01' }),
    );
    expect(dates.json().error.fields.closesOn).toBe('la clôture doit suivre l’ouverture');
    const member = await call(
      'POST',
      `/api/networks/${s.club.network.id}/gtec/waves`,
      s.members[0].cookies,
      waveBody(),
    );
    expect(member.statusCode).toBe(403);
  });
});

describe('the personal link', () => {
  it('opens the company’s own answer without an account', async () => {
    const res = await call('GET', url('', tokens[0]));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      organizationName: 'Forges de Bologne (test)',
      answer: null,
      wave: { status: 'open', kind: 'gtec' },
    });
  });
  it('refuses a tampered token and a token of another wave with a clear message', async () => {
    const tampered = await call('GET', url('', `${tokens[0].slice(0, -2)}xx`));
    expect(tampered.statusCode).toBe(404);
    expect(tampered.json().error.message).toMatch(/Lien de réponse invalide/);
    const partial = await call('GET', url('', tokens[0].split('.')[0]));
    expect(partial.statusCode).toBe(404);
    const list = await call(
      'GET',
      `/api/networks/${s.club.network.id}/gtec/waves`,
      s.club.coordinator.cookies,
    );
    const otherWave = list.json().items.find((w: { title: string }) => w.title === 'Partielle').id;
    const res = await call(
      'GET',
      `/api/gtec/waves/${otherWave}/response?token=${encodeURIComponent(tokens[1])}`,
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('Ce lien de réponse est celui d’une autre enquête');
  });
  it('lets the company answer signed in instead, and no one else', async () => {
    const mine = await call('GET', url(''), s.members[1].cookies);
    expect(mine.json().organizationName).toBe('Plasturgie du Bassigny (test)');
    const waves = await call('GET', '/api/gtec/my-waves', s.members[1].cookies);
    expect(waves.json().items.map((w: { title: string }) => w.title)).toEqual(['GTEC 2026']);
    const stranger = await buildAccount(t.db);
    expect((await call('GET', url(''), stranger.cookies)).statusCode).toBe(403);
    expect((await call('GET', url(''))).statusCode).toBe(401);
  });
});

const headcount = [
  { rome: 'H2904', ageBand: '55-59', sex: 'M', contract: 'cdi', count: 6 },
  { rome: 'H2904', ageBand: '25-29', sex: 'M', contract: 'apprentissage', count: 1 },
  { rome: 'M1607', ageBand: '45-49', sex: 'F', contract: 'cdi', count: 1 },
];

describe('answering', () => {
  it('names the field of a count that is negative or not an integer, or an unknown code', async () => {
    const neg = await call('PATCH', url('', tokens[0]), undefined, {
      headcount: [{ ...headcount[0], count: -2 }],
    });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.fields['headcount.0.count']).toBe('effectif : ne peut pas être négatif');
    const dec = await call('PATCH', url('', tokens[0]), undefined, {
      headcount: [headcount[0], { ...headcount[1], count: 1.5 }],
    });
    expect(dec.json().error.fields['headcount.1.count']).toBe('effectif : un nombre entier est attendu');
    const unknown = await call('PATCH', url('', tokens[0]), undefined, {
      recruitment: [{ rome: 'A9999', count: 2 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields['recruitment.0.rome']).toBe('métier : code ROME inconnu (A9999)');
    const pulse = await call('PATCH', url('', tokens[0]), undefined, { pulse: { morale: 5 } });
    expect(pulse.json().error.fields.pulse).toBe('cette rubrique est celle de l’enquête flash');
  });

  it('saves the draft section by section and resumes it', async () => {
    const a = await call('PATCH', url('', tokens[0]), undefined, { headcount });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().status).toBe('draft');
    await call('PATCH', url('', tokens[0]), undefined, {
      retirements: [{ rome: 'H2904', within5: 4, within10: 9 }],
      skills: [{ rome: 'H2904', gap: 'Secret de la forge : estampage à chaud', training: 'CQPM forgeron' }],
      capacity: { internships: 2, apprenticeships: 1 },
    });
    const back = (await call('GET', url('', tokens[0]))).json();
    expect(back.answer.status).toBe('draft');
    expect(back.answer.data.headcount).toHaveLength(3);
    expect(back.answer.data.capacity).toEqual({ internships: 2, apprenticeships: 1 });
    expect(back.romeLabels.H2904).toBe('Conduite d’équipement de déformation des métaux');
  });

  it('refuses to submit more retirements than people in the occupation, naming the line', async () => {
    const res = await call('POST', url('/submit', tokens[0]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({
      'retirements.0.within10': 'départs à 10 ans (9) supérieurs à l’effectif du métier H2904 (7)',
    });
  });

  it('submits, refuses edits once sent, and withdraws until the close', async () => {
    await call('PATCH', url('', tokens[0]), undefined, {
      retirements: [{ rome: 'H2904', within5: 4, within10: 6 }],
    });
    const sent = await call('POST', url('/submit', tokens[0]));
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().status).toBe('submitted');
    const edit = await call('PATCH', url('', tokens[0]), undefined, {
      capacity: { internships: 0, apprenticeships: 0 },
    });
    expect(edit.statusCode).toBe(409);
    const wave = (await call('GET', `/api/gtec/waves/${waveId}`, s.club.coordinator.cookies)).json();
    expect(wave.answered).toBe(1);
    expect(
      wave.recipients.find((r: { organizationName: string }) => r.organizationName.startsWith('Forges'))
        .submittedAt,
    ).toBeTruthy();

    // The second company answers signed in, then withdraws.
    await call('PATCH', url(''), s.members[1].cookies, {
      headcount: [{ rome: 'H3201', ageBand: '30-34', sex: 'F', contract: 'cdi', count: 3 }],
    });
    expect((await call('POST', url('/submit'), s.members[1].cookies)).statusCode).toBe(200);
    const out = await call('POST', url('/withdraw'), s.members[1].cookies);
    expect(out.json().status).toBe('withdrawn');
    const after = (await call('GET', url(''), s.members[1].cookies)).json();
    expect(after.answer).toMatchObject({ status: 'withdrawn', data: {} });
    expect((await call('GET', `/api/gtec/waves/${waveId}`, s.club.coordinator.cookies)).json().answered).toBe(
      1,
    );
  });

  it('gives the company its own answers as CSV', async () => {
    const res = await call('GET', url('.csv', tokens[0]));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body).toContain(
      'effectif;H2904;Conduite d’équipement de déformation des métaux;55 à 59 ans;H;CDI;6',
    );
    expect(res.body).toContain('Secret de la forge');
  });
});

describe('the CSV upload', () => {
  it('keeps the good lines and lists the bad ones with their number and reason', async () => {
    const template = await call('GET', '/api/gtec/headcount-template.csv');
    expect(template.body.replace('\uFEFF', '').split('\r\n')[0]).toBe(
      'code_rome;tranche_age;sexe;contrat;effectif',
    );
    const file = [
      'Code_ROME;Tranche_âge;Sexe;Contrat;Effectif',
      'H3201;50-54;H;CDI;12',
      'H3201;20 à 24 ans;F;intérim;3',
      'H3202;65 et plus;H;CDD;1',
      'Z1234;30-34;H;CDI;2',
      'A9999;30-34;H;CDI;2',
      'H3201;18-19;H;CDI;2',
      'H3201;30-34;X;CDI;2',
      'H3201;30-34;F;stage;2',
      'H3201;30-34;F;CDI;-4',
      'H3201;30-34;F;CDI;2,5',
      'H3201;50-54;H;CDI;1',
    ].join('\n');
    const res = await t.app.inject({
      method: 'POST',
      url: url('/headcount', tokens[2]),
      headers: { 'content-type': 'text/csv' },
      payload: file,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      lines: 11,
      kept: 3,
      bad: 8,
      saved: true,
      errors: [
        { line: 5, reason: 'code_rome : « Z1234 » n’est pas un code ROME (une lettre et 4 chiffres)' },
        { line: 6, reason: 'code_rome : A9999 est inconnu du référentiel ROME' },
        { line: 7, reason: 'tranche_age : « 18-19 » inconnue (moins de 20, 20-24, …, 60-64, 65 et plus)' },
        { line: 8, reason: 'sexe : « X » (F ou H attendu)' },
        { line: 9, reason: 'contrat : « stage » (CDI, CDD, apprentissage, intérim ou autre)' },
        { line: 10, reason: 'effectif : -4 est négatif' },
        { line: 11, reason: 'effectif : « 2,5 » n’est pas un nombre entier' },
        { line: 12, reason: 'ligne en double de la ligne 2' },
      ],
    });
    const back = (await call('GET', url('', tokens[2]))).json();
    expect(back.answer.data.headcount).toEqual([
      { rome: 'H3201', ageBand: '50-54', sex: 'M', contract: 'cdi', count: 12 },
      { rome: 'H3201', ageBand: '20-24', sex: 'F', contract: 'interim', count: 3 },
      { rome: 'H3202', ageBand: '65+', sex: 'M', contract: 'cdd', count: 1 },
    ]);
    const noColumns = await t.app.inject({
      method: 'POST',
      url: url('/headcount', tokens[2]),
      headers: { 'content-type': 'text/csv' },
      payload: 'a;b\n1;2',
    });
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.json().error.fields.file).toMatch(/^colonnes manquantes : code_rome, tranche_age/);
  });
});

describe('reminders', () => {
  it('reminds those who have not answered, once per day', async () => {
    const first = await call('POST', `/api/gtec/waves/${waveId}/reminders`, s.club.coordinator.cookies);
    expect(first.json()).toEqual({ reminded: 2 });
    const again = await call('POST', `/api/gtec/waves/${waveId}/reminders`, s.club.coordinator.cookies);
    expect(again.json()).toEqual({ reminded: 0 });
    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'gtec.wave-reminder'));
    expect(mails.map((m) => m.to).sort()).toEqual(
      [s.members[1].contact.email, s.members[2].contact.email].map((e) => e.toLowerCase()).sort(),
    );
    // The reminder carries the same personal link.
    expect(mails[0].text).toContain('/repondre?jeton=');
    now = new Date('2026-03-11T09:00:00Z');
    expect(
      (await call('POST', `/api/gtec/waves/${waveId}/reminders`, s.club.coordinator.cookies)).json(),
    ).toEqual({ reminded: 2 });
    const wave = (await call('GET', `/api/gtec/waves/${waveId}`, s.club.coordinator.cookies)).json();
    expect(wave.recipients.map((r: { remindersSent: number }) => r.remindersSent).sort()).toEqual([0, 2, 2]);
  });
});

describe('who sees what', () => {
  it('keeps another network’s coordinator out of the wave', async () => {
    const other = await buildSurveyClub(t, []);
    const c = other.club.coordinator.cookies;
    expect((await call('GET', `/api/gtec/waves/${waveId}`, c)).statusCode).toBe(404);
    expect((await call('POST', `/api/gtec/waves/${waveId}/reminders`, c)).statusCode).toBe(404);
    expect((await call('GET', `/api/networks/${s.club.network.id}/gtec/waves`, c)).statusCode).toBe(403);
  });

  it('never gives the coordinator or the platform admin a company’s answers, through any route', async () => {
    const admin = await buildAccount(t.db, { admin: true });
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    // The answering company's ids, and the wave's and network's: every GET route is tried with each.
    const wave = (await call('GET', `/api/gtec/waves/${waveId}`, s.club.coordinator.cookies)).json();
    const forges = wave.recipients.find((r: { memberId: string }) => r.memberId === s.members[0].member.id);
    const ids = [waveId, s.club.network.id, s.members[0].member.id, s.members[0].organization.id, forges.id];
    let calls = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!('get' in ops)) continue;
      const urls = path.includes('{') ? ids.map((id) => path.replace(/\{[^}]+\}/g, id)) : [path];
      for (const u of urls)
        for (const who of [s.club.coordinator.cookies, admin.cookies]) {
          const res = await call('GET', u, who);
          calls++;
          expect(res.body, `${u}`).not.toContain('Secret de la forge');
          expect(res.body, `${u}`).not.toContain('"within10"');
        }
    }
    expect(calls).toBeGreaterThan(50);
    // The staff's own ways in are refused outright.
    expect((await call('GET', url(''), s.club.coordinator.cookies)).statusCode).toBe(403);
    expect((await call('GET', url('.csv'), admin.cookies)).statusCode).toBe(403);
    expect(
      (await call('PATCH', url(''), admin.cookies, { capacity: { internships: 1, apprenticeships: 0 } }))
        .statusCode,
    ).toBe(403);
  }, 180_000);

  it('refuses a token signed with another secret', async () => {
    const forged = answerToken('another-secret', tokens[0].split('.')[0]);
    expect((await call('GET', url('', forged))).statusCode).toBe(404);
  });
});

describe('after the close', () => {
  it('takes no answer, no withdrawal and sends no reminder', async () => {
    now = new Date('2026-05-01T09:00:00Z');
    const res = await call('PATCH', url('', tokens[2]), undefined, {
      capacity: { internships: 1, apprenticeships: 0 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields.wave).toBe('vague close le 30 avril 2026');
    expect((await call('POST', url('/withdraw', tokens[0]))).statusCode).toBe(409);
    expect((await call('POST', url('/submit', tokens[2]))).statusCode).toBe(409);
    expect(
      (await call('POST', `/api/gtec/waves/${waveId}/reminders`, s.club.coordinator.cookies)).statusCode,
    ).toBe(409);
    // The company still reads its own answers.
    const mine = (await call('GET', url('', tokens[0]))).json();
    expect(mine).toMatchObject({ wave: { status: 'closed' }, answer: { status: 'submitted' } });
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildSurveyClub, caller, linkTokenFor, waveBody } from './gtec.fixtures.ts';

// The pulse survey through the same engine: its own questionnaire version, the question of the wave, its rules
// (situation and morale required, ranges named), and the GTEC's sections refused.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-04-02T09:00:00Z') });
});
afterAll(async () => t?.close());

it('takes the short pulse answers with the question of the wave', async () => {
  const call = caller(t);
  const s = await buildSurveyClub(t, ['Hôtel du Lac (test)']);
  const res = await call(
    'POST',
    `/api/networks/${s.club.network.id}/gtec/waves`,
    s.club.coordinator.cookies,
    waveBody({
      kind: 'pulse',
      title: 'Flash semaine 14',
      opensOn: '2026-03-30',
      closesOn: '2026-04-05',
      rotatingQuestion: 'Avez-vous demandé un prêt garanti ?',
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  const { waveId, token } = await linkTokenFor(t, s.members[0].contact.email);
  const url = (p: string) => `/api/gtec/waves/${waveId}/response${p}?token=${encodeURIComponent(token)}`;
  const mine = (await call('GET', url(''))).json();
  expect(mine.wave).toMatchObject({
    kind: 'pulse',
    questionnaireVersion: 1,
    rotatingQuestion: 'Avez-vous demandé un prêt garanti ?',
  });

  const gtecSection = await call('PATCH', url(''), undefined, { headcount: [] });
  expect(gtecSection.json().error.fields.headcount).toBe('cette enquête flash ne pose pas cette question');
  const outOfRange = await call('PATCH', url(''), undefined, { pulse: { morale: 11 } });
  expect(outOfRange.json().error.fields['pulse.morale']).toBe('moral : de 0 à 10');

  await call('PATCH', url(''), undefined, {
    pulse: { revenue: 'strong_down', intentions: ['short_time'], needs: 'Trésorerie' },
  });
  const early = await call('POST', url('/submit'));
  expect(early.json().error.fields).toEqual({
    'pulse.situation': 'situation : obligatoire',
    'pulse.morale': 'moral : obligatoire',
  });
  await call('PATCH', url(''), undefined, {
    pulse: {
      situation: 2,
      revenue: 'strong_down',
      intentions: ['short_time'],
      morale: 3,
      needs: 'Trésorerie',
      rotating: 'Oui',
    },
  });
  expect((await call('POST', url('/submit'))).json().status).toBe('submitted');
  const back = (await call('GET', url(''))).json();
  expect(back.answer.data.pulse).toMatchObject({ situation: 2, morale: 3, rotating: 'Oui' });
});

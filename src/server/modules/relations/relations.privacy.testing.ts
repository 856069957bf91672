import type { PrivateFixture } from '../../privacy-sweep.testing.ts';
import type { TestContext } from '../../testing.ts';

// The relations log's private data for the cross-network sweep: a contact (an elected official), a meeting with
// them and a follow-up task. Their names, notes and the summary must stay with the network's coordinators.

type Inject = { method: 'POST' | 'GET'; url: string; payload?: object };
async function as(ctx: TestContext, cookie: string, req: Inject) {
  const res = await ctx.app.inject({ ...req, headers: { cookie } });
  if (res.statusCode >= 300) throw new Error(`${req.method} ${req.url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const relationsFixture: PrivateFixture = {
  module: 'relations',
  async seed(ctx, network, secret) {
    const coordinator = network.coordinator;
    const context = await as(ctx, coordinator, {
      method: 'GET',
      url: `/api/networks/${network.id}/relations/context`,
    });
    const contact = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/relation-contacts`,
      payload: {
        kind: 'elected',
        name: secret('Élue'),
        role: 'Maire',
        territoryCode: 'com:52269',
        notes: secret('Notes sur l’élue'),
      },
    });
    const meeting = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/relation-interactions`,
      payload: {
        kind: 'meeting',
        on: '2026-03-01',
        summary: secret('Compte rendu'),
        contactIds: [contact.id],
        territoryCode: 'com:52269',
        followUp: { title: secret('Tâche de suivi'), ownerId: context.coordinators[0].accountId },
      },
    });
    return {
      ids: [network.id, contact.id, meeting.id, meeting.taskId],
      secrets: [secret('Élue'), secret('Notes sur l’élue'), secret('Compte rendu'), secret('Tâche de suivi')],
    };
  },
};

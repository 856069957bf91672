import type { PrivateFixture } from '../../privacy-sweep.testing.ts';
import type { TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildOrganization } from '../organizations/organizations.factory.ts';

// The networking's private data for the cross-network sweep: two paid-up members with named contacts, a
// members-only need and an introduction between them. The need's text and the contacts must stay in the network.

type Inject = { method: 'POST' | 'PUT'; url: string; payload: object };
async function as(ctx: TestContext, cookie: string, req: Inject) {
  const res = await ctx.app.inject({ ...req, headers: { cookie } });
  if (res.statusCode >= 300) throw new Error(`${req.method} ${req.url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const networkingFixture: PrivateFixture = {
  module: 'networking',
  async seed(ctx, network, secret) {
    const coordinator = network.coordinator;
    await as(ctx, coordinator, {
      method: 'PUT',
      url: `/api/networks/${network.id}/membership-settings`,
      payload: { legalName: `Club ${network.label}`, termsText: 'Charte.', termsVersion: '1' },
    });
    const plan = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/membership-plans`,
      payload: { name: 'Formule', priceCents: 10_000, vatRateBp: null },
    });
    const contactEmail = `${secret('contact').toLowerCase()}@example.org`;
    const memberIds: string[] = [];
    for (const label of ['Un', 'Deux']) {
      const org = await buildOrganization(ctx.deps, { name: `Adhérent ${label} ${network.label}` });
      const member = await as(ctx, coordinator, {
        method: 'POST',
        url: `/api/networks/${network.id}/memberships`,
        payload: {
          organizationId: org.id,
          planId: plan.id,
          contacts: [{ name: `Contact ${label}`, role: 'main', email: label === 'Un' ? contactEmail : null }],
        },
      });
      await as(ctx, coordinator, {
        method: 'POST',
        url: `/api/members/${member.id}/payments`,
        payload: { amountCents: 10_000, method: 'transfer', paidOn: new Date().toISOString().slice(0, 10) },
      });
      memberIds.push(member.id);
    }
    const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const need = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/exchange`,
      payload: {
        memberId: memberIds[0],
        kind: 'need',
        title: secret('Besoin'),
        body: secret('Texte du besoin'),
        category: 'service',
        expiresOn,
        visibility: 'members',
      },
    });
    const intro = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/introductions`,
      payload: { memberAId: memberIds[1], memberBId: memberIds[0], postId: need.id },
    });
    // Schools and young people: a members-only internship offer, a school contact's link and its answer.
    const offerEmail = `${secret('stage').toLowerCase()}@example.org`;
    const offer = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/youth-offers`,
      payload: {
        memberId: memberIds[0],
        kind: 'internship',
        occupation: secret('Métier'),
        description: secret('Description du stage'),
        period: 'Printemps',
        places: 2,
        commune: '52269',
        level: 'lycee',
        contactName: 'Tuteur',
        contactEmail: offerEmail,
      },
    });
    const schoolEmail = `${secret('lycee').toLowerCase()}@example.org`;
    const school = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/relation-contacts`,
      payload: { kind: 'school', name: `Lycée ${network.label}`, email: schoolEmail },
    });
    await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/youth-links`,
      payload: { contactId: school.id },
    });
    const [mail] = await listOutbox(ctx.db, { to: schoolEmail });
    const token = mail.text.match(/\/jeunes\/lien\/([A-Za-z0-9_-]+)/)?.[1];
    const answer = await ctx.app.inject({
      method: 'POST',
      url: `/api/youth-school-links/${token}/answers`,
      payload: { offerId: offer.id, youngPeople: 1, message: secret('Réponse du lycée') },
    });
    if (answer.statusCode !== 201) throw new Error(`youth answer: ${answer.body}`);
    return {
      ids: [network.id, ...memberIds, need.id, intro.id, offer.id, school.id],
      secrets: [
        secret('Besoin'),
        secret('Texte du besoin'),
        contactEmail,
        secret('Métier'),
        secret('Description du stage'),
        offerEmail,
        secret('Réponse du lycée'),
      ],
    };
  },
};

import { buildNetwork, signInAs } from './modules/accounts/accounts.factory.ts';
import { eventBody } from './modules/events/events.fixtures.ts';
import { gtecFixture } from './modules/gtec/gtec.privacy.testing.ts';
import { helloAssoActor, processOrder } from './modules/memberships/helloasso/helloasso.orders.ts';
import { membershipOrder } from './modules/memberships/helloasso/helloasso.peer.testing.ts';
import { networkingFixture } from './modules/networking/networking.privacy.testing.ts';
import { newsFixture } from './modules/news/news.privacy.testing.ts';
import { newsletterIssuesFixture } from './modules/newsletters/newsletters.issues.privacy.testing.ts';
import { newslettersFixture } from './modules/newsletters/newsletters.privacy.testing.ts';
import { buildOrganization } from './modules/organizations/organizations.factory.ts';
import { relationsFixture } from './modules/relations/relations.privacy.testing.ts';
import type { PrivateFixture, SweepNetwork } from './privacy-sweep.testing.ts';
import type { TestContext } from './testing.ts';

// Each module's private data for the cross-network sweep (privacy-sweep.test.ts). A new module that keeps private
// data adds a fixture here (or in its folder, listed here): what it seeds through its own routes or services, the
// ids to try in every route, and the text that must stay within the network.

type Inject = { method: 'POST' | 'PATCH' | 'PUT'; url: string; payload: object };
async function as(ctx: TestContext, cookie: string | undefined, req: Inject) {
  const res = await ctx.app.inject({ ...req, headers: cookie ? { cookie } : {} });
  if (res.statusCode >= 300) throw new Error(`${req.method} ${req.url}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : {};
}

/** A network of the sweep, created by the system, with its coordinator signed in. */
export async function seedSweepNetwork(ctx: TestContext, label: string): Promise<SweepNetwork> {
  const network = await buildNetwork(ctx.deps, { name: `Réseau ${label}` });
  const coordinator = await signInAs(ctx.app, ctx.deps, {
    email: `coord-${label.toLowerCase()}-${network.id.slice(0, 6)}@example.org`,
    coordinatorOf: [network.id],
  });
  return { id: network.id, slug: network.slug, coordinator, label };
}

const accounts: PrivateFixture = {
  module: 'accounts',
  async seed(ctx, network, secret) {
    // A member and an organisation editor: their names and addresses are the network's business.
    const member = secret('membre').toLowerCase();
    await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/members`,
      payload: { email: `${member}@example.org`, name: secret('Nom du membre'), role: 'member' },
    });
    const org = await buildOrganization(ctx.deps, { name: `Organisation ${network.label}` });
    await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/organizations`,
      payload: { organizationId: org.id },
    });
    const editor = secret('editrice').toLowerCase();
    const added = await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/organizations/${org.id}/editors`,
      payload: { email: `${editor}@example.org` },
    });
    return { ids: [network.id, network.slug, org.id, added.accountId], secrets: [member, editor] };
  },
};

const events: PrivateFixture = {
  module: 'events',
  async seed(ctx, network, secret) {
    const org = await buildOrganization(ctx.deps, { name: `Organisatrice ${network.label}` });
    await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/organizations`,
      payload: { organizationId: org.id },
    });
    // A draft event (its title lands in the audit log too) and a draft campaign.
    const draft = await as(ctx, network.coordinator, {
      method: 'POST',
      url: '/api/events',
      payload: { ...eventBody(org.id), networkId: network.id, title: secret('Brouillon') },
    });
    // A draft organised by the network itself (no organisation), repeating with a day skipped.
    const own = await as(ctx, network.coordinator, {
      method: 'POST',
      url: '/api/events',
      payload: {
        ...eventBody(org.id),
        organizerOrganizationIds: [],
        networkId: network.id,
        title: secret('Afterwork du réseau'),
        recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TH;COUNT=6',
        recurrenceExceptions: ['2026-12-03'],
      },
    });
    // A fair being prepared on the draft: it takes the draft's title.
    const fair = await as(ctx, network.coordinator, {
      method: 'POST',
      url: '/api/fairs',
      payload: { eventId: draft.id },
    });
    const slug = `campagne-${network.id.slice(0, 8)}`;
    const campaign = await as(ctx, network.coordinator, {
      method: 'POST',
      url: '/api/campaigns',
      payload: {
        networkId: network.id,
        slug,
        name: secret('Campagne en préparation'),
        startsOn: '2027-11-01',
        endsOn: '2027-11-30',
      },
    });
    return {
      ids: [draft.id, own.id, fair.id, campaign.id, slug, org.id],
      secrets: [secret('Brouillon'), secret('Afterwork du réseau'), secret('Campagne en préparation')],
    };
  },
};

const registrations: PrivateFixture = {
  module: 'registrations',
  async seed(ctx, network, secret) {
    const org = await buildOrganization(ctx.deps, { name: `Hôte ${network.label}` });
    // A coordinator names only organisations of the network as organisers.
    await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/organizations`,
      payload: { organizationId: org.id },
    });
    // Fixed wall-clock hours: a start taken from the current UTC time ran past the 23:00 end near midnight (CI).
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const start = `${day}T18:00`;
    const end = `${day}T21:00`;
    const event = await as(ctx, network.coordinator, {
      method: 'POST',
      url: '/api/events',
      payload: { ...eventBody(org.id), networkId: network.id, start, end },
    });
    await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/events/${event.id}/publish`,
      payload: {},
    });
    // A registrant: name, address and needs are seen by the organisers only (and mailed: the outbox).
    const email = secret('inscrite').toLowerCase();
    const registration = await as(ctx, undefined, {
      method: 'POST',
      url: `/api/events/${event.id}/registrations`,
      payload: { name: secret('Nom inscrit'), email: `${email}@example.org`, consent: true },
    });
    // The coordinator registered with their own address: "Mes événements" lists it to them, to nobody else.
    const own = await as(ctx, undefined, {
      method: 'POST',
      url: `/api/events/${event.id}/registrations`,
      payload: {
        name: secret('Coordinatrice inscrite'),
        email: `coord-${network.label.toLowerCase()}-${network.id.slice(0, 6)}@example.org`,
        consent: true,
      },
    });
    // A message to the registrants and the day-after feedback question: the organisers' business only.
    await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/events/${event.id}/messages`,
      payload: {
        toConfirmed: true,
        toWaitlisted: false,
        subject: secret('Objet'),
        text: 'Rendez-vous à 18 h.',
      },
    });
    await as(ctx, network.coordinator, {
      method: 'PUT',
      url: `/api/events/${event.id}/feedback-mail`,
      payload: { enabled: true, question: secret('Question') },
    });
    return {
      ids: [event.id, registration.id, own.id],
      secrets: [
        email,
        secret('Nom inscrit'),
        secret('Coordinatrice inscrite'),
        secret('Objet'),
        secret('Question'),
      ],
    };
  },
};

const memberships: PrivateFixture = {
  module: 'memberships',
  async seed(ctx, network, secret) {
    // A member's imported history: its dues (a distinctive amount) show on the network's dashboard only.
    const plan = await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/membership-plans`,
      payload: { name: 'Formule du balayage', priceCents: 10_000, vatRateBp: null },
    });
    const org = await buildOrganization(ctx.deps, { name: `Adhérente ${network.label}` });
    const cents = 7_000_000 + Math.floor(Math.random() * 999_999);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/networks/${network.id}/memberships/history?dryRun=0`,
      headers: { cookie: network.coordinator, 'content-type': 'text/csv' },
      payload: `siret;année;montant\n${org.siret};2020;${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}\n`,
    });
    if (res.statusCode !== 200 || res.json().periodsCreated !== 1) throw new Error(res.body);
    // A current member of the members' directory: its contact's name is for the network's members, the e-mail for
    // its staff (the defaults), so neither reaches another network nor the public.
    const current = await buildOrganization(ctx.deps, { name: `Adhérente à jour ${network.label}` });
    const contactName = secret('Contact');
    const contactEmail = `${secret('contact').toLowerCase()}@example.org`;
    const member = await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/memberships`,
      payload: {
        organizationId: current.id,
        planId: plan.id,
        contacts: [{ name: contactName, role: 'main', email: contactEmail }],
      },
    });
    await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/members/${member.id}/payments`,
      payload: {
        periodId: member.periods[0].id,
        amountCents: member.periods[0].amountCents,
        method: 'transfer',
        paidOn: member.periods[0].startsOn,
      },
    });
    return { ids: [network.id, member.id], secrets: [String(cents), contactName, contactEmail] };
  },
};

const helloAsso: PrivateFixture = {
  module: 'memberships (HelloAsso)',
  async seed(ctx, network, secret) {
    // The HelloAsso settings (the notification URL carries the network's key) and an order no member matched.
    const slug = secret('form').toLowerCase();
    const settings = await as(ctx, network.coordinator, {
      method: 'PUT',
      url: `/api/networks/${network.id}/helloasso`,
      payload: { organizationSlug: slug, formSlug: slug, clientId: secret('client'), clientSecret: 's3cret' },
    });
    const key = new URL(settings.notificationUrl).searchParams.get('key') ?? '';
    const payer = `${secret('payeur').toLowerCase()}@example.org`;
    const orderId = 4000 + Number.parseInt(network.id.slice(0, 4), 16);
    await processOrder(
      ctx.deps,
      helloAssoActor,
      network.id,
      membershipOrder(orderId, { email: payer, amountCents: 5000 }),
    );
    return { ids: [network.id, String(orderId)], secrets: [slug, secret('client'), key, payer] };
  },
};

/** Every module's fixture; the sweep seeds them all for each network. */
export const privateFixtures: PrivateFixture[] = [
  accounts,
  events,
  registrations,
  memberships,
  helloAsso,
  networkingFixture,
  relationsFixture,
  newslettersFixture,
  gtecFixture,
  newsFixture,
  newsletterIssuesFixture,
];

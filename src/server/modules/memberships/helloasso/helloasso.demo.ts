import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { helloAssoOrders, helloAssoSettings } from '../memberships.helloasso.tables.ts';
import { noMemberReason, nothingDueReason } from './helloasso.orders.ts';

// The demo's HelloAsso: the club's members who paid this year's dues by card paid them through a demo membership
// form (their payments carry `HelloAsso <order id>`, as the import writes), and two orders wait for a coordinator:
// one from a payer's personal e-mail no member has, one from a member who had already paid by transfer. The
// settings are marked demo: connected to no HelloAsso account, no secret, so an import says so instead of calling
// HelloAsso.

type OrderRow = typeof helloAssoOrders.$inferInsert;
/** Demo order numbers, far from real ones' range in a demo database. */
const FIRST_ORDER_ID = 52_000_001;

export type DemoPayment = {
  memberId: string;
  periodId: string;
  paymentId: string;
  amountCents: number;
  method: string;
  paidOn: string;
  year: number;
};

/** What the memberships demo generated, for choosing the orders waiting for a coordinator. */
export type DemoMemberships = {
  names: Map<string, string>;
  contacts: { memberId: string; name: string; email?: string | null }[];
  periods: { memberId: string; startsOn: string; state?: string; amountCents: number }[];
  payments: { memberId: string; method: string; paidOn: string; amountCents: number }[];
};

/** Builds the club's demo HelloAsso: `reference` while its payments are generated, then `insert`. */
export function helloAssoDemo(networkId: string, thisYear: number) {
  const orders: OrderRow[] = [];
  const next = () => FIRST_ORDER_ID + orders.length;
  return {
    /** This year's card payments were HelloAsso orders: the reference the import would have written, else null. */
    reference(p: DemoPayment): string | null {
      if (p.method !== 'card' || p.year !== thisYear) return null;
      const orderId = next();
      orders.push({
        networkId,
        orderId,
        state: 'recorded',
        amountCents: p.amountCents,
        paidOn: p.paidOn,
        memberId: p.memberId,
        paymentId: p.paymentId,
        isDemo: true,
      });
      return `HelloAsso ${orderId}`;
    },
    async insert(db: Db, seeded: DemoMemberships, today: string) {
      const contactOf = new Map<string, { name: string; email?: string | null }>();
      for (const c of seeded.contacts) if (!contactOf.has(c.memberId)) contactOf.set(c.memberId, c);
      for (const o of orders) {
        const c = contactOf.get(o.memberId as string);
        Object.assign(o, { payerName: c?.name ?? null, payerEmail: c?.email ?? null });
      }
      const year = String(thisYear);
      // A member whose dues of this year still wait: its contact paid with a personal e-mail.
      const waiting = seeded.periods.find((p) => p.state === 'called' && p.startsOn.startsWith(year));
      const waitingContact = waiting && contactOf.get(waiting.memberId);
      if (waiting && waitingContact) {
        const email = `${slug(waitingContact.name)}@messagerie-perso.example`;
        orders.push({
          networkId,
          orderId: next(),
          state: 'unmatched',
          amountCents: waiting.amountCents,
          paidOn: today,
          payerName: waitingContact.name,
          payerEmail: email,
          reason: noMemberReason(email, []),
          isDemo: true,
        });
      }
      // A member who paid this year by transfer, and paid again on HelloAsso.
      const twice = seeded.payments.find((p) => p.method === 'transfer' && p.paidOn.startsWith(year));
      const twiceContact = twice && contactOf.get(twice.memberId);
      if (twice && twiceContact) {
        orders.push({
          networkId,
          orderId: next(),
          state: 'unmatched',
          amountCents: twice.amountCents,
          paidOn: today,
          payerName: twiceContact.name,
          payerEmail: twiceContact.email,
          reason: nothingDueReason(seeded.names.get(twice.memberId) ?? 'Cet adhérent'),
          isDemo: true,
        });
      }
      await db.insert(helloAssoSettings).values({
        networkId,
        organizationSlug: 'club-sud-haute-marne-demo',
        formSlug: `adhesion-${year}-demo`,
        clientId: 'demo-sans-compte-helloasso',
        clientSecret: null,
        notificationKey: randomBytes(24).toString('base64url'),
        isDemo: true,
      });
      if (orders.length) await db.insert(helloAssoOrders).values(orders);
      const count = (state: string) => orders.filter((o) => o.state === state).length;
      return { recorded: count('recorded'), unmatched: count('unmatched') };
    },
  };
}

const slug = (name: string) =>
  name
    .replace(/\(.*\)/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');

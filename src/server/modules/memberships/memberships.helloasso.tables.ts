import { boolean, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { members, membershipPayments } from './memberships.tables.ts';

// HelloAsso (helloasso/): a network's credentials for HelloAsso's API and the membership orders read from it.

/** A network's HelloAsso organisation, membership form and API client; the notification URL's key. */
export const helloAssoSettings = pgTable('helloasso_settings', {
  networkId: uuid('network_id')
    .primaryKey()
    .references(() => networks.id, { onDelete: 'cascade' }),
  organizationSlug: text('organization_slug').notNull(),
  formSlug: text('form_slug').notNull(),
  clientId: text('client_id').notNull(),
  /** Sealed (`v1.…`, helloasso.settings.ts), never returned by the API: the settings only say whether it is set. */
  clientSecret: text('client_secret'),
  /** The secret carried by the notification URL (HelloAsso does not sign its notifications). */
  notificationKey: text('notification_key').notNull(),
  /** The demo's settings: connected to no HelloAsso account (nothing is asked of HelloAsso until real ones are saved). */
  isDemo: boolean('is_demo').notNull().default(false),
  updatedAt: updatedAt(),
});

/**
 * Every HelloAsso order seen, once per network (the unique key makes imports and notifications idempotent, even
 * when two run at once): recorded as a payment, waiting for a coordinator to attach it (unmatched, with the reason),
 * or dismissed.
 */
export const helloAssoOrders = pgTable(
  'helloasso_orders',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    orderId: integer('order_id').notNull(),
    /** recorded | unmatched | dismissed */
    state: text('state').notNull(),
    amountCents: integer('amount_cents').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    payerName: text('payer_name'),
    payerEmail: text('payer_email'),
    siret: text('siret'),
    reason: text('reason'),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    paymentId: uuid('payment_id').references(() => membershipPayments.id, { onDelete: 'set null' }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('helloasso_orders_network_order').on(t.networkId, t.orderId),
    index('helloasso_orders_network_state').on(t.networkId, t.state),
  ],
);

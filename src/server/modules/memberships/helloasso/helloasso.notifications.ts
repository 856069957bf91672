import { createHash, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../../context.ts';
import { forbidden } from '../../../lib/errors.ts';
import { helloAssoActor, type OrderOutcome, processOrder } from './helloasso.orders.ts';
import { findHelloAssoSettings, networkClient } from './helloasso.settings.ts';

// HelloAsso's notifications (`{ eventType, data }`). HelloAsso does not sign them, so the URL carries the network's
// key (compared in constant time), and the body is only a hint: the order is read again from HelloAsso's API with
// the network's credentials before anything is recorded, so a forged body records at most what HelloAsso says was
// paid, and a replayed one nothing more (the order's row is unique). Unknown events answer 200 (HelloAsso retries
// anything else) and record nothing.

export type NotificationOutcome = OrderOutcome | 'ignored';

const digest = (s: string) => createHash('sha256').update(s).digest();
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const positiveInt = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);

/** The order a notification is about: `data.id` of an Order event, `data.order.id` of a Payment event. */
export function notifiedOrderId(eventType: string, data: Record<string, unknown> | null | undefined) {
  if (!data) return null;
  if (eventType === 'Order') return positiveInt(data.id);
  if (eventType === 'Payment') return positiveInt((data.order as Record<string, unknown> | undefined)?.id);
  return null;
}

export async function receiveNotification(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  query: { network: string; key: string },
  body: { eventType: string; data?: Record<string, unknown> | null },
): Promise<NotificationOutcome> {
  const settings = isUuid(query.network) ? await findHelloAssoSettings(deps.db, query.network) : undefined;
  const keyMatches = timingSafeEqual(digest(query.key), digest(settings?.notificationKey ?? '\u0000'));
  if (!settings || !keyMatches) throw forbidden('Clé de notification HelloAsso invalide');
  const orderId = notifiedOrderId(body.eventType, body.data);
  if (!orderId) return 'ignored';
  const { client } = await networkClient(deps, settings.networkId);
  // An order HelloAsso does not know (a forged id) is nothing to record; HelloAsso unreachable answers non-2xx,
  // so that it sends the notification again later.
  const order = await client.order(orderId);
  const sameForm =
    order &&
    order.formType === 'Membership' &&
    order.formSlug?.toLowerCase() === settings.formSlug.toLowerCase() &&
    order.organizationSlug?.toLowerCase() === settings.organizationSlug.toLowerCase();
  if (!order || !sameForm) return 'ignored';
  return processOrder(deps, helloAssoActor, settings.networkId, order);
}

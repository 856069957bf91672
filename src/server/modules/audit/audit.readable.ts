import type { Db } from '../../db/client.ts';
import { accountNames, networkNames } from '../accounts/accounts.names.ts';
import { campaignNames, eventTitles } from '../events/events.names.ts';
import { exhibitorNames, fairNames } from '../fairs/fairs.names.ts';
import { memberNames, planNames } from '../memberships/memberships.names.ts';
import { newsletterListNames } from '../newsletters/newsletters.access.ts';
import { organizationNames } from '../organizations/organizations.names.ts';
import { registrationNames } from '../registrations/registrations.names.ts';
import { findTerritory } from '../territories/territories.service.ts';

// What makes an audit entry readable by staff: the name of the thing it is about (looked up through its module,
// or taken from the entry's own snapshot when the thing is gone) and territory codes turned into their names.

type Names = (db: Db, ids: string[]) => Promise<Map<string, string>>;
const namesByType: Record<string, Names> = {
  organization: organizationNames,
  network: networkNames,
  account: accountNames,
  campaign: campaignNames,
  event: eventTitles,
  fair: fairNames,
  fair_exhibitor: exhibitorNames,
  event_registration: registrationNames,
  member: memberNames,
  membership_plan: planNames,
  newsletter_list: newsletterListNames,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Row {
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

const snapshotName = (v: unknown): string | null => {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const name = o.title ?? o.name;
  return typeof name === 'string' && name ? name : null;
};

/** The subject's name of each row, in order (null when neither its module nor its snapshots know one). */
export async function auditSubjects(db: Db, rows: Row[]): Promise<(string | null)[]> {
  const idsByType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.entityId || !UUID.test(r.entityId) || !namesByType[r.entityType]) continue;
    const set = idsByType.get(r.entityType) ?? new Set();
    set.add(r.entityId);
    idsByType.set(r.entityType, set);
  }
  const found = new Map<string, Map<string, string>>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => found.set(type, await namesByType[type](db, [...ids]))),
  );
  return rows.map(
    (r) =>
      (r.entityId ? found.get(r.entityType)?.get(r.entityId) : undefined) ??
      snapshotName(r.after) ??
      snapshotName(r.before),
  );
}

const territoryKeys = new Set(['territory', 'territoryCode']);
const communeKeys = new Set(['communeCode']);

/** A snapshot with its territory codes ("region:44", a commune's INSEE code) replaced by their names. */
export function withTerritoryNames(snapshot: unknown): unknown {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return snapshot;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot as Record<string, unknown>)) {
    let named: string | undefined;
    if (typeof value === 'string' && territoryKeys.has(key)) named = findTerritory(value)?.name;
    if (typeof value === 'string' && communeKeys.has(key))
      named = findTerritory(value.startsWith('com:') ? value : `com:${value}`)?.name;
    if (key === 'territories' && Array.isArray(value))
      out[key] = value.map((v) => (typeof v === 'string' ? (findTerritory(v)?.name ?? v) : v));
    else out[key] = named ?? value;
  }
  return out;
}

/** "Claire Martin <claire@…>" → "Claire Martin" (the e-mail stays out of the sentence). */
export const actorName = (label: string | null): string | null =>
  label ? label.replace(/\s*<[^>]*>\s*$/, '').trim() || label : null;

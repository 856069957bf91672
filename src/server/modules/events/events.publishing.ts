import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalidInput } from '../../lib/errors.ts';
import { coordinatedNetworkIds, isOrganizationEditor, requireSignedIn } from '../accounts/authz.ts';
import {
  editedOrganizationsByNetwork,
  organizationsInNetwork,
} from '../accounts/network-organizations.query.ts';
import { listNetworks } from '../accounts/networks.service.ts';
import { organizerNames } from './events.organizers.ts';

// Who may publish an event in which network, organised by whom. A network's coordinators (and the platform admin)
// publish for the network itself (no organisation: the network organises) or for any organisation of the network;
// an organisation's editors publish for their organisation. A coordinator's privilege stops at their network: in
// another network they are only the editor they may be of an organisation.

/**
 * Checks the organisers of an event in `networkId`: every one exists; a coordinator's are organisations of the
 * network (or none: the network organises); anyone else names at least one organisation they edit. `kept`:
 * organisers the event already had, left alone (an older event may name an organisation that has left the network).
 */
export async function checkOrganizers(
  db: Db,
  actor: Actor,
  networkId: string,
  ids: string[],
  coordinator: boolean,
  kept: string[] = [],
): Promise<void> {
  const unique = [...new Set(ids)];
  const names = await organizerNames(db, unique);
  const missing = unique.filter((id) => !names.has(id));
  if (missing.length) {
    throw invalidInput('Organisation inconnue', {
      organizerOrganizationIds: `organisation inconnue : ${missing.join(', ')}`,
    });
  }
  if (coordinator) {
    const members = await organizationsInNetwork(db, networkId, unique);
    const outside = unique.filter((id) => !members.has(id) && !kept.includes(id));
    if (outside.length) {
      throw invalidInput('Organisation hors du réseau', {
        organizerOrganizationIds: `organisation hors du réseau : ${outside.map((id) => names.get(id)).join(', ')}`,
      });
    }
    return;
  }
  if (unique.length === 0) {
    // A coordinator elsewhere asks for the network itself to organise: that is a network they do not coordinate.
    if ((await coordinatedNetworkIds(db, actor)).length) {
      throw forbidden('Seuls les coordinateurs du réseau publient un événement organisé par le réseau');
    }
    throw invalidInput('Organisation requise', {
      organizerOrganizationIds: 'choisissez l’organisation qui organise l’événement',
    });
  }
  for (const id of unique) if (await isOrganizationEditor(db, actor, id)) return;
  throw forbidden('Vous ne pouvez proposer un événement que pour une organisation que vous gérez');
}

export type PublishingNetwork = {
  id: string;
  slug: string;
  name: string;
  /** Coordinator (or platform admin): may publish for the network itself or any of its organisations. */
  asCoordinator: boolean;
  /** The organisations of this network the actor edits. */
  organizations: { id: string; name: string }[];
};

/**
 * The networks the actor may publish an event in: the ones they coordinate (every network for the platform
 * admin), and the networks of the organisations they edit.
 */
export async function publishingNetworks(db: Db, actor: Actor | null): Promise<PublishingNetwork[]> {
  const who = requireSignedIn(actor);
  const all = await listNetworks(db);
  const coordinated = new Set(
    who.isPlatformAdmin ? all.map((n) => n.id) : await coordinatedNetworkIds(db, who),
  );
  const edited = who.accountId ? await editedOrganizationsByNetwork(db, who.accountId) : [];
  const names = await organizerNames(
    db,
    edited.map((e) => e.organizationId),
  );
  return all
    .filter((n) => coordinated.has(n.id) || edited.some((e) => e.networkId === n.id))
    .map((n) => ({
      id: n.id,
      slug: n.slug,
      name: n.name,
      asCoordinator: coordinated.has(n.id),
      organizations: edited
        .filter((e) => e.networkId === n.id)
        .map((e) => ({ id: e.organizationId, name: names.get(e.organizationId) ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    }));
}

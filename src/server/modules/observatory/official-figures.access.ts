import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { coordinatedNetworkIds, requireSignedIn } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { type AuditEntry, recordAudit } from '../audit/audit.service.ts';

// Who may change the published figures. They are public and shared by every network of the install, so any network's
// coordinator may add some (on behalf of one of their networks, which the audit entry names); a figure may be replaced
// or removed by a platform admin or by a coordinator of the network that imported it, so that a club cannot wipe or
// overwrite the chamber's.

/** May the actor replace or remove a figure imported for `networkId` (null: by a platform admin)? Anyone may ask. */
export async function figureRights(db: Db, actor: Actor | null) {
  const admin = Boolean(actor?.isPlatformAdmin);
  const networks = admin ? [] : await coordinatedNetworkIds(db, actor);
  return {
    admin,
    networks,
    mayChange: (networkId: string | null) => admin || (networkId !== null && networks.includes(networkId)),
  };
}

/** The rights of an actor who may change figures at all (signed in, admin or coordinator), and their audit entries. */
export async function officialFigureAccess(db: Db, actor: Actor | null) {
  const who = requireSignedIn(actor);
  const { admin, networks, mayChange } = await figureRights(db, who);
  if (!admin && networks.length === 0)
    throw forbidden('Réservé aux coordinateurs de réseau et aux administrateurs de la plateforme');
  return {
    /** The network an import is made for: the one asked, the coordinator's only one, or none for an admin. */
    async networkForImport(requested?: string): Promise<string | null> {
      if (requested) {
        if (!admin && !networks.includes(requested))
          throw forbidden('Réservé aux coordinateurs de ce réseau');
        await requireNetwork(db, requested);
        return requested;
      }
      if (admin) return null;
      if (networks.length === 1) return networks[0];
      throw invalidInput('Choisissez le réseau au nom duquel vous importez ces chiffres', {
        networkId: 'obligatoire : vous coordonnez plusieurs réseaux',
      });
    },
    mayChange,
    requireRemove(figure: { networkId: string | null } | undefined) {
      if (!figure) throw notFound('Chiffre publié introuvable');
      if (!mayChange(figure.networkId))
        throw forbidden('Seuls les coordinateurs du réseau qui a importé ce chiffre peuvent le retirer');
    },
    audit(tx: Db, entry: Omit<AuditEntry, 'entityType' | 'networkIds'> & { networkId: string | null }) {
      const { networkId, ...rest } = entry;
      return recordAudit(tx, who, {
        ...rest,
        entityType: 'official_figure',
        networkIds: networkId ? [networkId] : [],
      });
    },
  };
}

import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { conflict, invalidInput } from '../../../lib/errors.ts';
import { isSealed, seal, sealingKey, UnsealError, unseal } from '../../../lib/sealed.ts';
import { requireCoordinatorOf } from '../../accounts/authz.ts';
import { requireNetwork } from '../../accounts/networks.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { helloAssoSettings } from '../memberships.helloasso.tables.ts';
import { DEFAULT_HELLOASSO_API_URL, type HelloAssoEndpoints, helloAssoClient } from './helloasso.client.ts';

// A network's HelloAsso settings (coordinators). The client secret is kept sealed (lib/sealed.ts, bound to the
// network) and never returned: the answer only says whether it is set. A clear secret stored before sealing existed
// is recognised (not `v1.…`), used, and sealed in place when first read or rewritten. The notification URL carries
// the network's key, shown to its coordinators to copy into HelloAsso.

export type HelloAssoSettingsRow = typeof helloAssoSettings.$inferSelect;
export type HelloAssoSettingsInput = {
  organizationSlug: string;
  formSlug: string;
  clientId: string;
  /** A new secret; absent or null keeps the one stored. */
  clientSecret?: string | null;
  /** A new key for the notification URL (the old URL then stops working). */
  renewNotificationKey?: boolean;
};

export const NOTIFICATIONS_PATH = '/api/integrations/helloasso/notifications';
const newKey = () => randomBytes(24).toString('base64url');
const SEALING_LABEL = 'helloasso client secret v1';
const keyOf = (config: Deps['config']) => sealingKey(config.sessionSecret, SEALING_LABEL);

/** The stored form of a client secret: sealed, bound to its network. */
export const sealClientSecret = (config: Deps['config'], networkId: string, secret: string) =>
  seal(keyOf(config), secret, networkId);

/** The clear client secret of a settings row (sealed or, written before sealing, clear); a 400 if unreadable. */
export function openClientSecret(config: Deps['config'], networkId: string, stored: string) {
  if (!isSealed(stored)) return stored;
  try {
    return unseal(keyOf(config), stored, networkId);
  } catch (err) {
    if (!(err instanceof UnsealError)) throw err;
    throw invalidInput(
      'Le secret HelloAsso enregistré ne peut plus être lu : la clé secrète du serveur a changé depuis qu’il a été saisi. Saisissez à nouveau le secret du client API dans les réglages HelloAsso.',
      { clientSecret: 'secret illisible : saisissez-le à nouveau' },
    );
  }
}

export const endpointsOf = (config: Deps['config']): HelloAssoEndpoints =>
  config.helloAsso ?? { apiUrl: DEFAULT_HELLOASSO_API_URL };

export async function findHelloAssoSettings(db: Db, networkId: string) {
  const [row] = await db.select().from(helloAssoSettings).where(eq(helloAssoSettings.networkId, networkId));
  return row;
}

function view(config: Deps['config'], row: HelloAssoSettingsRow) {
  const url = new URL(NOTIFICATIONS_PATH, `${config.publicUrl}/`);
  url.searchParams.set('network', row.networkId);
  url.searchParams.set('key', row.notificationKey);
  return {
    organizationSlug: row.organizationSlug,
    formSlug: row.formSlug,
    clientId: row.clientId,
    clientSecretSet: Boolean(row.clientSecret),
    notificationUrl: url.toString(),
    /** The demo's settings, connected to no HelloAsso account. */
    demo: row.isDemo,
  };
}
export type HelloAssoSettingsView = ReturnType<typeof view>;

/** The network's HelloAsso settings, or null when none (coordinators). */
export async function getHelloAssoSettings(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor | null,
  networkId: string,
): Promise<HelloAssoSettingsView | null> {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const row = await findHelloAssoSettings(deps.db, networkId);
  return row ? view(deps.config, row) : null;
}

export async function putHelloAssoSettings(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor | null,
  networkId: string,
  input: HelloAssoSettingsInput,
): Promise<HelloAssoSettingsView> {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const before = await findHelloAssoSettings(deps.db, networkId);
  const kept = before?.clientSecret;
  // A secret kept from before stays as stored (sealed), unless it is a clear one from before sealing existed.
  const clientSecret = input.clientSecret
    ? sealClientSecret(deps.config, networkId, input.clientSecret)
    : kept && !isSealed(kept)
      ? sealClientSecret(deps.config, networkId, kept)
      : (kept ?? null);
  if (!clientSecret)
    throw invalidInput('Secret manquant', { clientSecret: 'secret du client API obligatoire' });
  const values = {
    organizationSlug: input.organizationSlug,
    formSlug: input.formSlug,
    clientId: input.clientId,
    clientSecret,
    notificationKey: input.renewNotificationKey || !before ? newKey() : before.notificationKey,
    isDemo: false,
    updatedAt: new Date(),
  };
  const [row] = await deps.db
    .insert(helloAssoSettings)
    .values({ networkId, ...values })
    .onConflictDoUpdate({ target: helloAssoSettings.networkId, set: values })
    .returning();
  const shown = view(deps.config, row);
  await recordAudit(deps.db, actor, {
    action: 'membership.helloasso-settings',
    entityType: 'network',
    entityId: networkId,
    networkIds: [networkId],
    after: {
      organizationSlug: shown.organizationSlug,
      formSlug: shown.formSlug,
      clientId: shown.clientId,
      clientSecretSet: shown.clientSecretSet,
      notificationKeyRenewed: values.notificationKey !== before?.notificationKey,
    },
  });
  return shown;
}

/** The network's settings and a client of its HelloAsso organisation; a 400 in French when not configured. */
export async function networkClient(deps: Pick<Deps, 'db' | 'config' | 'clock'>, networkId: string) {
  const settings = await findHelloAssoSettings(deps.db, networkId);
  if (settings?.isDemo)
    throw conflict(
      'Ces réglages HelloAsso sont ceux de la démonstration : ils ne sont reliés à aucun compte HelloAsso, rien n’a donc été importé. Enregistrez les identifiants de votre organisation HelloAsso pour importer ses commandes.',
    );
  if (!settings?.clientSecret)
    throw invalidInput('HelloAsso n’est pas encore configuré pour ce réseau.', {
      clientId: 'renseignez l’organisation, le formulaire et le client API HelloAsso',
    });
  const clientSecret = openClientSecret(deps.config, networkId, settings.clientSecret);
  // A clear secret of before sealing existed is sealed now (unless a save replaced it meanwhile).
  if (!isSealed(settings.clientSecret))
    await deps.db
      .update(helloAssoSettings)
      .set({ clientSecret: sealClientSecret(deps.config, networkId, clientSecret) })
      .where(
        and(eq(helloAssoSettings.networkId, networkId), eq(helloAssoSettings.clientSecret, clientSecret)),
      );
  const client = helloAssoClient(
    endpointsOf(deps.config),
    { clientId: settings.clientId, clientSecret },
    deps.clock,
  );
  return { settings, client };
}

import { createPrivateKey } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { seal, sealingKey, UnsealError, unseal } from '../../lib/sealed.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newsletterSendingSettings } from './newsletters.issues.tables.ts';

// A network's sending settings (coordinators): sender name, From address, reply-to, rate, and its DKIM key. The
// private key is checked (a PEM private key nodemailer can sign with), sealed (lib/sealed.ts, bound to the
// network) and never returned: the answer says whether one is set.

const SEALING_LABEL = 'newsletter dkim key v1';
const keyOf = (config: Pick<Deps['config'], 'sessionSecret'>) =>
  sealingKey(config.sessionSecret, SEALING_LABEL);

export type SendingSettingsInput = {
  senderName?: string | null;
  fromAddress?: string | null;
  replyTo?: string | null;
  ratePerSecond?: number | null;
  dkimDomain?: string | null;
  dkimSelector?: string | null;
  /** A new key in PEM; absent keeps the one stored, null removes it. */
  dkimPrivateKey?: string | null;
};

export async function sendingSettingsOf(db: Db, networkId: string) {
  const [row] = await db
    .select()
    .from(newsletterSendingSettings)
    .where(eq(newsletterSendingSettings.networkId, networkId));
  return row;
}

/** The clear DKIM key of a network; a 400 naming the field when it can no longer be opened. */
export function openDkimKey(
  config: Pick<Deps['config'], 'sessionSecret'>,
  networkId: string,
  stored: string,
): string {
  try {
    return unseal(keyOf(config), stored, networkId);
  } catch (err) {
    if (!(err instanceof UnsealError)) throw err;
    throw invalidInput(
      'La clé DKIM enregistrée ne peut plus être lue (la clé secrète du serveur a changé) : saisissez-la à nouveau.',
      { dkimPrivateKey: 'clé illisible : saisissez-la à nouveau' },
    );
  }
}

const BAD_KEY =
  'La clé privée DKIM n’est pas une clé privée PEM valide (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----).';

/** A PEM private key Node can sign with (RSA or Ed25519), else a 400 naming `dkimPrivateKey`. */
export function checkDkimKey(pem: string) {
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(pem))
    throw invalidInput(BAD_KEY, { dkimPrivateKey: BAD_KEY });
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ed25519') throw new Error('type');
  } catch {
    throw invalidInput(BAD_KEY, { dkimPrivateKey: BAD_KEY });
  }
}

function view(row: typeof newsletterSendingSettings.$inferSelect | undefined) {
  return {
    senderName: row?.senderName ?? null,
    fromAddress: row?.fromAddress ?? null,
    replyTo: row?.replyTo ?? null,
    ratePerSecond: row?.ratePerSecond ?? null,
    dkimDomain: row?.dkimDomain ?? null,
    dkimSelector: row?.dkimSelector ?? null,
    dkimKeySet: Boolean(row?.dkimPrivateKey),
  };
}
export type SendingSettingsView = ReturnType<typeof view>;

export async function getSendingSettings(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
): Promise<SendingSettingsView> {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  return view(await sendingSettingsOf(deps.db, networkId));
}

export async function putSendingSettings(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor | null,
  networkId: string,
  input: SendingSettingsInput,
): Promise<SendingSettingsView> {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const before = await sendingSettingsOf(deps.db, networkId);
  let dkimPrivateKey = before?.dkimPrivateKey ?? null;
  if (input.dkimPrivateKey === null) dkimPrivateKey = null;
  else if (input.dkimPrivateKey) {
    checkDkimKey(input.dkimPrivateKey);
    dkimPrivateKey = seal(keyOf(deps.config), input.dkimPrivateKey.trim(), networkId);
  }
  const dkimDomain = input.dkimDomain ?? null;
  const dkimSelector = input.dkimSelector ?? null;
  if (dkimPrivateKey && (!dkimDomain || !dkimSelector)) {
    const fields: Record<string, string> = {};
    if (!dkimDomain) fields.dkimDomain = 'domaine obligatoire avec une clé DKIM';
    if (!dkimSelector) fields.dkimSelector = 'sélecteur obligatoire avec une clé DKIM';
    throw invalidInput('Une clé DKIM demande son domaine et son sélecteur.', fields);
  }
  const values = {
    senderName: input.senderName ?? null,
    fromAddress: input.fromAddress?.toLowerCase() ?? null,
    replyTo: input.replyTo?.toLowerCase() ?? null,
    ratePerSecond: input.ratePerSecond ?? null,
    dkimDomain: dkimDomain?.toLowerCase() ?? null,
    dkimSelector,
    dkimPrivateKey,
    updatedAt: new Date(),
  };
  const [row] = await deps.db
    .insert(newsletterSendingSettings)
    .values({ networkId, ...values })
    .onConflictDoUpdate({ target: newsletterSendingSettings.networkId, set: values })
    .returning();
  const shown = view(row);
  await recordAudit(deps.db, actor, {
    action: 'newsletters.sending-settings',
    entityType: 'network',
    entityId: networkId,
    networkIds: [networkId],
    after: shown,
  });
  return shown;
}

import { desc, sql } from 'drizzle-orm';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  plural,
} from '../privacy/privacy.types.ts';
import { outbox } from './mail.tables.ts';

// The mails the platform wrote to an address: subject, text, status (attachments by name only).

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const rows = await ctx.db
    .select({
      id: outbox.id,
      createdAt: outbox.createdAt,
      kind: outbox.kind,
      to: outbox.to,
      subject: outbox.subject,
      text: outbox.text,
      status: outbox.status,
      sentAt: outbox.sentAt,
      attachments: outbox.attachments,
    })
    .from(outbox)
    .where(sql`lower(${outbox.to}) = ${email}`)
    .orderBy(desc(outbox.createdAt));
  return {
    module: 'mail',
    tables: [
      {
        name: 'outbox',
        rows: rows.map((r) => ({
          ...r,
          attachments: (r.attachments ?? []).map((a) => a.filename).join(', '),
        })),
      },
    ],
  };
}

/** Erasure: the mails written to the address are deleted (sent or not). */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const n = (
    await ctx.db.delete(outbox).where(sql`lower(${outbox.to}) = ${who.email}`).returning({ id: outbox.id })
  ).length;
  return {
    module: 'mail',
    tables: erased(
      'outbox',
      n,
      0,
      `${plural(n, 'courriel')} envoyé${n > 1 ? 's' : ''} à l’adresse supprimé${n > 1 ? 's' : ''}`,
    ),
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'mail',
    name: { fr: 'Courriels envoyés', en: 'Mail sent' },
    data: {
      fr: 'Adresse du destinataire, objet et texte du courriel',
      en: 'Recipient’s address, subject and text of the mail',
    },
    purpose: {
      fr: 'Envoyer les courriels de service et prouver leur envoi',
      en: 'Send the service’s mail and prove it was sent',
    },
    legalBasis: { fr: 'Exécution du service demandé', en: 'Performance of the service asked for' },
    retention: () => ({
      fr: 'Tant que la personne n’a pas demandé l’effacement',
      en: 'Until the person asks for erasure',
    }),
    audience: { fr: 'L’administration de la plateforme', en: 'The platform admin' },
  },
];

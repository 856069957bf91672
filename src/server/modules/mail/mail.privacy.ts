import { desc, sql } from 'drizzle-orm';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
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

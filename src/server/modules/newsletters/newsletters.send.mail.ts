import { eq } from 'drizzle-orm';
import type { SendMailOptions } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { newsletterIssues } from './newsletters.issues.tables.ts';
import { PLACEHOLDERS } from './newsletters.render.ts';
import { type MimeTemplate, mailbox, mimeTemplate, rawMessage } from './newsletters.send.mime.ts';
import { openDkimKey, sendingSettingsOf } from './newsletters.send.settings.ts';
import { newsletterLists } from './newsletters.tables.ts';
import { preferencesToken, preferencesUrl, unsubscribeToken, unsubscribeUrls } from './newsletters.tokens.ts';

// One issue's mail, prepared once per pass (sender, headers, DKIM key, rendered body), then personalised per
// recipient: their unsubscribe and preferences links (tokens from newsletters.tokens.ts), Message-ID, VERP
// envelope sender.

export type PreparedIssue = {
  issueId: string;
  networkId: string;
  rate: number;
  from: { name: string; address: string };
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  listId: string;
  domain: string;
  bounceAddress?: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  secret: string;
  publicUrl: string;
  mime: MimeTemplate;
};

/** The address part of `Name <address>` (or the whole when bare). */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
const domainOf = (address: string) => address.split('@')[1] ?? 'localhost';
const hostOf = (publicUrl: string) => {
  try {
    return new URL(publicUrl).hostname;
  } catch {
    return 'localhost';
  }
};

/** Everything a recipient's mail of this issue shares; null if the issue is gone or was never rendered. */
export async function prepareIssue(
  deps: { db: Db; config: Pick<Config, 'mailFrom' | 'publicUrl' | 'sessionSecret' | 'newsletters'> },
  issueId: string,
): Promise<PreparedIssue | null> {
  const [row] = await deps.db
    .select({ issue: newsletterIssues, network: networks, list: newsletterLists })
    .from(newsletterIssues)
    .innerJoin(networks, eq(networks.id, newsletterIssues.networkId))
    .leftJoin(newsletterLists, eq(newsletterLists.id, newsletterIssues.listId))
    .where(eq(newsletterIssues.id, issueId));
  if (!row?.issue.renderedHtml || row.issue.renderedText === null) return null;
  const { issue, network, list } = row;
  const settings = await sendingSettingsOf(deps.db, network.id);
  const address = settings?.fromAddress ?? addressOf(deps.config.mailFrom);
  const rate = issue.ratePerSecond ?? settings?.ratePerSecond ?? deps.config.newsletters?.ratePerSecond ?? 50;
  const dkimKey =
    settings?.dkimPrivateKey && settings.dkimDomain && settings.dkimSelector
      ? openDkimKey(deps.config, network.id, settings.dkimPrivateKey)
      : null;
  const label = (list?.id ?? network.id).replaceAll('-', '');
  const from = {
    name: issue.senderName ?? list?.senderName ?? settings?.senderName ?? network.name,
    address,
  };
  const replyTo = issue.replyTo ?? list?.replyTo ?? settings?.replyTo ?? undefined;
  const listId = `${list?.name ?? network.name} <${label}.${network.slug}.${hostOf(deps.config.publicUrl)}>`;
  return {
    issueId,
    networkId: network.id,
    rate,
    from,
    replyTo,
    subject: issue.subject,
    html: issue.renderedHtml as string,
    text: issue.renderedText as string,
    listId,
    mime: mimeTemplate({ from, replyTo, subject: issue.subject, listId }),
    domain: domainOf(address),
    bounceAddress: deps.config.newsletters?.bounceAddress,
    dkim:
      dkimKey && settings?.dkimDomain && settings.dkimSelector
        ? { domainName: settings.dkimDomain, keySelector: settings.dkimSelector, privateKey: dkimKey }
        : undefined,
    secret: deps.config.sessionSecret,
    publicUrl: deps.config.publicUrl,
  };
}

/** The VERP envelope sender of a recipient: bounces+<recipient id>@domain. */
export function verpAddress(bounceAddress: string, recipientId: string) {
  const [local, domain] = bounceAddress.split('@');
  return `${local}+${recipientId}@${domain}`;
}

/** A recipient's links: the visible unsubscribe page, the one-click address, the preferences page. */
export function recipientLinks(
  p: Pick<PreparedIssue, 'secret' | 'publicUrl' | 'networkId'>,
  r: { email: string; listId: string | null },
) {
  const token = unsubscribeToken(p.secret, { networkId: p.networkId, listId: r.listId, email: r.email });
  const urls = unsubscribeUrls(p.publicUrl, token);
  const preferences = preferencesUrl(
    p.publicUrl,
    preferencesToken(p.secret, { networkId: p.networkId, email: r.email }),
  );
  return { ...urls, preferences };
}

const fill = (template: string, links: ReturnType<typeof recipientLinks>) =>
  template
    .replaceAll(PLACEHOLDERS.unsubscribe, links.page)
    .replaceAll(PLACEHOLDERS.preferences, links.preferences);

/** The mail of one recipient, with the RFC 2369/8058 headers, ready for nodemailer (a raw message). */
export function recipientMail(
  p: PreparedIssue,
  r: { id: string; email: string; name: string | null; listId: string | null },
): { options: SendMailOptions; messageId: string } {
  const links = recipientLinks(p, r);
  const mailto = `mailto:${p.replyTo ?? p.from.address}?subject=${encodeURIComponent('Désinscription')}&body=${encodeURIComponent(links.page)}`;
  const messageId = `<${r.id}@${p.domain}>`;
  const raw = rawMessage(p.mime, {
    to: mailbox(r.name, r.email),
    messageId,
    listUnsubscribe: `<${links.oneClick}>,\r\n <${mailto}>`,
    text: fill(p.text, links),
    html: fill(p.html, links),
    date: new Date(),
  });
  return {
    messageId,
    options: {
      envelope: {
        from: p.bounceAddress ? verpAddress(p.bounceAddress, r.id) : p.from.address,
        to: r.email,
      },
      raw,
      dkim: p.dkim,
    },
  };
}

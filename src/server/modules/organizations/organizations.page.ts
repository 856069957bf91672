import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { escapeHtml, jsonForScript, renderShell } from '../../lib/web-shell.ts';
import { essFamilyLabels } from '../company-identity/ess-family.ts';
import { descriptionText } from './organizations.markdown.ts';
import { getOrganization } from './organizations.service.ts';

// The organisation page's server-rendered HTML: title, description, OpenGraph tags and schema.org `Organization`
// JSON-LD for crawlers and link previews, and a readable body for visitors without JavaScript. The React app takes
// over the body when it starts. Everything from the database is escaped.

export async function organizationPage(
  deps: Pick<Deps, 'db' | 'config'>,
  id: string,
): Promise<{ status: number; html: string }> {
  let org: Awaited<ReturnType<typeof getOrganization>>;
  try {
    org = await getOrganization(deps.db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      return {
        status: 404,
        html: renderShell({
          title: 'Organisation introuvable · Maillage',
          head: '<meta name="robots" content="noindex">',
          body: '<main><h1>Organisation introuvable</h1><p>Cette organisation n’existe pas ou a été supprimée.</p><p><a href="/annuaire">Retour à l’annuaire</a></p></main>',
        }),
      };
    }
    throw err;
  }
  const url = `${deps.config.publicUrl.replace(/\/$/, '')}/annuaire/${org.id}`;
  const family = essFamilyLabels[org.essFamily].fr;
  const place = org.communeName
    ? `${org.communeName}${org.departmentCode ? ` (${org.departmentCode})` : ''}`
    : '';
  const summary =
    descriptionText(org.description, 300) ||
    [family, place].filter(Boolean).join(' · ') ||
    'Organisation de l’annuaire Maillage';
  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: org.name,
    ...(org.acronym ? { alternateName: org.acronym } : {}),
    legalName: org.name,
    url: org.website ?? url,
    ...(org.siret ? { identifier: { '@type': 'PropertyValue', propertyID: 'SIRET', value: org.siret } } : {}),
    ...(org.communeName || org.postalCode || org.address
      ? {
          address: {
            '@type': 'PostalAddress',
            ...(org.address ? { streetAddress: org.address } : {}),
            ...(org.postalCode ? { postalCode: org.postalCode } : {}),
            ...(org.communeName ? { addressLocality: org.communeName } : {}),
            addressCountry: 'FR',
          },
        }
      : {}),
    ...(org.email ? { email: org.email } : {}),
    ...(org.phone ? { telephone: org.phone } : {}),
    description: descriptionText(org.description, 1000) || undefined,
    mainEntityOfPage: url,
  };
  const meta = (property: string, content: string) =>
    `<meta property="${property}" content="${escapeHtml(content)}">`;
  const head = [
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    meta('og:type', 'website'),
    meta('og:title', org.name),
    meta('og:description', summary),
    meta('og:url', url),
    meta('og:site_name', 'Maillage'),
    meta('og:locale', 'fr_FR'),
    `<script type="application/ld+json">${jsonForScript(jsonLd)}</script>`,
  ].join('\n');
  const rows: [string, string][] = [
    ['Famille', family],
    ['Commune', place],
    ['Activité (NAF)', org.nafCode ? `${org.nafCode} — ${org.nafLabel ?? ''}` : ''],
    ['SIRET', org.siret ?? ''],
  ];
  const body = [
    '<main>',
    `<h1>${escapeHtml(org.name)}${org.acronym ? ` <small>(${escapeHtml(org.acronym)})</small>` : ''}</h1>`,
    org.isDemo ? '<p><strong>Donnée de démonstration</strong></p>' : '',
    '<dl>',
    ...rows.filter(([, v]) => v).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`),
    '</dl>',
    // descriptionHtml is sanitised Markdown (organizations.markdown.ts).
    org.descriptionHtml ? `<section>${org.descriptionHtml}</section>` : '',
    org.website
      ? `<p><a href="${escapeHtml(org.website)}" rel="nofollow noopener">${escapeHtml(org.website)}</a></p>`
      : '',
    '<p><a href="/annuaire">Retour à l’annuaire</a></p>',
    '</main>',
  ].join('');
  return {
    status: 200,
    html: renderShell({ title: `${org.name} · Maillage`, description: summary, head, body }),
  };
}

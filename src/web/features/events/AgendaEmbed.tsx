import { useLocale } from '../../lib/i18n.tsx';
import { AgendaPage } from './AgendaPage.tsx';
import { type AgendaFilters, toSearch } from './filters.ts';

/** /integration/agenda?…: the agenda alone (no header nor footer), for an iframe on a network's own site. */
export function AgendaEmbedPage() {
  return (
    <main id="main" className="agenda-embed">
      <AgendaPage embedded />
    </main>
  );
}

/** The iframe snippet for the agenda with the filters on screen, as the observatory's card offers its image. */
export function AgendaEmbedSnippet({ filters }: { filters: AgendaFilters }) {
  const { t } = useLocale();
  const src = `${window.location.origin}/integration/agenda${toSearch(filters)}`;
  const code = `<iframe src="${src}" title="${t('events.embed.frameTitle')}" width="100%" height="800" style="border:0" loading="lazy"></iframe>`;
  return (
    <details className="agenda-embed__snippet">
      <summary>{t('events.embed.title')}</summary>
      <p>{t('events.embed.help')}</p>
      <textarea
        readOnly
        rows={4}
        aria-label={t('events.embed.code')}
        value={code}
        onFocus={(e) => e.currentTarget.select()}
      />
    </details>
  );
}

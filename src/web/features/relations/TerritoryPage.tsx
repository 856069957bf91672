import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { ApiError } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { Timeline } from './Timeline.tsx';
import type { TimelineItem } from './types.ts';
import './relations.css';

export const territoryHref = (networkId: string, code: string) =>
  `/relations/reseau/${encodeURIComponent(networkId)}/territoire?code=${encodeURIComponent(code)}`;

/**
 * Picks a territory (and the network when the coordinator has several) and opens its timeline. On `/relations`
 * and on the territory page itself.
 */
export function TerritoryChooser({
  networks,
  networkId,
  code,
}: {
  networks?: { id: string; name: string }[];
  networkId?: string;
  code?: string | null;
}) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [network, setNetwork] = useState(networkId ?? networks?.[0]?.id ?? '');
  const [territory, setTerritory] = useState<string | null>(code ?? null);
  const [missing, setMissing] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!territory || !network) return setMissing(true);
    setMissing(false);
    navigate(territoryHref(network, territory));
  }
  return (
    <form
      onSubmit={submit}
      noValidate
      className="relations-form"
      aria-label={t('relations.territory.choose')}
    >
      {networks && networks.length > 1 ? (
        <Field
          as="select"
          label={t('relations.territory.network')}
          value={network}
          onChange={(e) => setNetwork(e.target.value)}
        >
          {networks.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </Field>
      ) : null}
      <TerritoryPicker
        label={t('relations.territory.picker')}
        hint={t('relations.territory.pickerHint')}
        value={territory}
        onChange={setTerritory}
        error={missing ? t('relations.territory.missing') : undefined}
        required
      />
      <button type="submit" className="button">
        {t('relations.territory.open')}
      </button>
    </form>
  );
}

/** /relations/reseau/:id/territoire?code= — a territory's interactions (its communes' too), the latest first. */
export function TerritoryTimelinePage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const context = useApi<{ networkName: string }>(
    `/api/networks/${encodeURIComponent(id)}/relations/context`,
  );
  const timeline = useApi<{ territoryName: string | null; items: TimelineItem[] }>(
    code ? `/api/networks/${encodeURIComponent(id)}/relations/territory-timeline` : null,
    { territory: code },
  );
  if (context.error instanceof ApiError && [401, 403, 404].includes(context.error.status))
    return (
      <div className="page">
        <PageTitle>{t('relations.home.title')}</PageTitle>
        <p>{t('relations.forbidden')}</p>
      </div>
    );
  const name = timeline.data?.territoryName;
  return (
    <div className="page">
      <PageTitle>
        {name ? t('relations.territory.title', { name }) : t('relations.territory.titleNone')}
      </PageTitle>
      {context.data ? <p className="muted">{context.data.networkName}</p> : null}
      <p>{t('relations.territory.intro')}</p>
      <ErrorMessage error={context.error ?? timeline.error} />
      <section aria-labelledby="relations-territory-choose">
        <h2 id="relations-territory-choose">{t('relations.territory.choose')}</h2>
        <TerritoryChooser key={code} networkId={id} code={code || null} />
      </section>
      {timeline.data ? (
        <section aria-labelledby="relations-territory-timeline">
          <h2 id="relations-territory-timeline">
            {t('relations.territory.count', { count: timeline.data.items.length })}
          </h2>
          {timeline.data.items.length === 0 ? <p>{t('relations.territory.empty')}</p> : null}
          <Timeline items={timeline.data.items} linkPeople />
        </section>
      ) : null}
      <p>
        <Link to={`/relations/reseau/${encodeURIComponent(id)}`}>{t('relations.contact.back')}</Link>
      </p>
    </div>
  );
}

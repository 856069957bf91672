import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Campaign, EventDetail } from './types.ts';

/** "Renew last year's event": copy it into another campaign as a draft, then edit the copy. */
export function RenewForm({
  eventId,
  currentCampaignId,
}: {
  eventId: string;
  currentCampaignId: string | null;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { data } = useApi<{ items: Campaign[] }>('/api/campaigns');
  const [campaignId, setCampaignId] = useState('');
  const [error, setError] = useState<unknown>();
  const others = data?.items.filter((c) => c.id !== currentCampaignId) ?? [];
  if (others.length === 0) return null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      const copy = await api<EventDetail>(`/api/events/${eventId}/renew`, {
        method: 'POST',
        body: { campaignId },
      });
      navigate(`/agenda/evenements/${copy.id}/modifier`);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="event-page__renew" onSubmit={submit}>
      {error ? <ErrorMessage error={error} /> : null}
      <Field
        as="select"
        label={t('events.form.campaign')}
        name="renewCampaign"
        value={campaignId}
        onChange={(e) => setCampaignId(e.target.value)}
        required
      >
        <option value="" />
        {others.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Field>
      <button type="submit" className="button button--secondary" disabled={!campaignId}>
        {t('events.page.renew')}
      </button>
    </form>
  );
}

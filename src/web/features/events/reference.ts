import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { EventsReference } from './types.ts';

/** The vocabularies (formats, themes, audiences, accessibility) with a label lookup in the current locale. */
export function useEventsReference() {
  const { locale } = useLocale();
  const { data } = useApi<EventsReference>('/api/events/reference');
  const label = (kind: keyof EventsReference, code: string) =>
    data?.[kind].find((x) => x.code === code)?.label[locale] ?? code;
  return { reference: data, label };
}

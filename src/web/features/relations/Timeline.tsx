import { Link } from 'react-router';
import { useLocale } from '../../lib/i18n.tsx';
import type { TimelineItem } from './types.ts';

/** A list of interactions, the latest first: kind and date as a heading, the summary, who, where, the tasks. */
export function Timeline({ items, linkPeople = false }: { items: TimelineItem[]; linkPeople?: boolean }) {
  const { t, formatDate } = useLocale();
  const day = (s: string) => formatDate(s, { dateStyle: 'long' });
  return (
    <ol className="relations-timeline">
      {items.map((item) => (
        <li key={item.id}>
          <h3>
            {t(`relations.interactionKind.${item.kind}`)} — {day(item.on)}
          </h3>
          <p>{item.summary}</p>
          <p className="muted">
            {linkPeople ? (
              <>
                {t('relations.contact.withLabel')}{' '}
                {item.people.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 ? ', ' : ''}
                    <Link to={`/relations/contacts/${p.id}`}>{p.name}</Link>
                  </span>
                ))}
              </>
            ) : (
              t('relations.contact.with', { names: item.people.map((p) => p.name).join(', ') })
            )}
            {item.territoryName ? ` · ${item.territoryName}` : ''}
            {item.topics.length
              ? ` · ${t('relations.contact.topics', { topics: item.topics.join(', ') })}`
              : ''}
            {item.isDemo ? ` (${t('relations.demo')})` : ''}
          </p>
          {item.tasks.length ? (
            <ul>
              {item.tasks.map((x) => (
                <li key={x.id}>
                  {t('relations.contact.task', { title: x.title, owner: x.ownerName })}
                  {x.done
                    ? ` (${t('relations.contact.taskDone')})`
                    : x.dueOn
                      ? ` — ${t('relations.tasks.due', { date: day(x.dueOn) })}`
                      : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

import { useEffect, useRef } from 'react';
import { type Translate, useLocale } from '../../lib/i18n.tsx';

/** What saving an edit would do to the registrations (`POST /api/events/:id/edit-preview`). */
export type EditPreview = {
  eventId: string;
  afterModeration: boolean;
  moved: number;
  movedToWaitlist: number;
  cancelled: number;
  cancelledDates: { startsAt: string; confirmed: number; waitlisted: number }[];
};

/** Does the edit touch anyone's registration (so that the organiser confirms before saving)? */
export const touchesRegistrations = (p: EditPreview) => p.moved > 0 || p.cancelled > 0;

/** "3 inscriptions au jeudi 5 février seront annulées et les personnes prévenues.", one sentence per date. */
export function editEffectText(
  t: Translate,
  formatDate: (d: string, options: Intl.DateTimeFormatOptions) => string,
  p: EditPreview,
): string[] {
  const day = (d: string) =>
    formatDate(d, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' });
  return [
    ...(p.moved ? [t('events.form.editMoved', { count: p.moved })] : []),
    ...(p.movedToWaitlist ? [t('events.form.editMovedToWaitlist', { count: p.movedToWaitlist })] : []),
    ...p.cancelledDates.map((d) =>
      t('events.form.editCancelDate', { count: d.confirmed + d.waitlisted, date: day(d.startsAt) }),
    ),
    ...(p.afterModeration ? [t('events.form.editAfterModeration')] : []),
  ];
}

/** The confirmation shown before saving an edit that moves or cancels registrations. */
export function EditConfirm({
  preview,
  busy,
  onConfirm,
  onBack,
}: {
  preview: EditPreview;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t, formatDate } = useLocale();
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmButton.current?.focus();
  }, []);
  return (
    <div className="alert alert--info event-form__confirm" data-testid="edit-confirm">
      <div id="edit-effect">
        {editEffectText(t, formatDate, preview).map((s) => (
          <p key={s}>
            <strong>{s}</strong>
          </p>
        ))}
      </div>
      <div className="actions">
        <button
          ref={confirmButton}
          type="button"
          className="button"
          aria-describedby="edit-effect"
          disabled={busy}
          onClick={onConfirm}
        >
          {t('events.form.editConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('events.form.editBack')}
        </button>
      </div>
    </div>
  );
}

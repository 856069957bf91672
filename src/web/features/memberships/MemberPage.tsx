import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { parisToday } from '../../lib/dates.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { ContactsForm, MergeForm, SponsorForm, VisibilityForm } from './MemberRecordForms.tsx';
import { type MemberDetail, money } from './types.ts';

const methods = ['transfer', 'cheque', 'cash', 'card'];

function PaymentForm({ member, onDone }: { member: MemberDetail; onDone: (message: string) => void }) {
  const { t, locale } = useLocale();
  const due = member.periods.filter((p) => p.state === 'called' && p.dueCents > 0).reverse();
  const [periodId, setPeriodId] = useState(due[0]?.id ?? '');
  const [amount, setAmount] = useState(due[0] ? (due[0].dueCents / 100).toFixed(2).replace('.', ',') : '');
  const [method, setMethod] = useState('transfer');
  const [paidOn, setPaidOn] = useState(parisToday());
  const [reference, setReference] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  if (due.length === 0) return <p>{t('memberships.member.nothingDue')}</p>;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setFields({});
    setError(undefined);
    const cents = Math.round(Number(amount.replace(/\s/g, '').replace(',', '.')) * 100);
    try {
      const out = await api<{ receiptNumber: string }>(`/api/members/${member.id}/payments`, {
        body: {
          periodId,
          amountCents: Number.isFinite(cents) ? cents : -1,
          method,
          paidOn,
          reference: reference || null,
        },
      });
      onDone(t('memberships.member.paid_done', { number: out.receiptNumber }));
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fields);
    }
  }
  return (
    <form className="form-narrow" onSubmit={submit} noValidate aria-labelledby="pay-title">
      <h2 id="pay-title">{t('memberships.member.pay')}</h2>
      <ErrorMessage error={error} />
      {due.length > 1 ? (
        <Field
          as="select"
          label={t('memberships.admin.period')}
          value={periodId}
          onChange={(e) => setPeriodId(e.target.value)}
          error={fields.periodId}
        >
          {due.map((p) => (
            <option key={p.id} value={p.id}>
              {p.startsOn} – {p.endsOn} ({money(p.dueCents, locale)})
            </option>
          ))}
        </Field>
      ) : null}
      <Field
        label={t('memberships.member.payAmount')}
        inputMode="decimal"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={fields.amountCents}
        required
      />
      <Field
        as="select"
        label={t('memberships.member.payMethod')}
        value={method}
        onChange={(e) => setMethod(e.target.value)}
        error={fields.method}
      >
        {methods.map((m) => (
          <option key={m} value={m}>
            {t(`memberships.member.method.${m}`)}
          </option>
        ))}
      </Field>
      <Field
        label={t('memberships.member.payDate')}
        type="date"
        value={paidOn}
        onChange={(e) => setPaidOn(e.target.value)}
        error={fields.paidOn}
        required
      />
      <Field
        label={t('memberships.member.payReference')}
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        error={fields.reference}
      />
      <button type="submit" className="button">
        {t('memberships.member.paySubmit')}
      </button>
    </form>
  );
}

function CreditNoteButton({
  memberId,
  number,
  onDone,
}: {
  memberId: string;
  number: string;
  onDone: (m: string) => void;
}) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  if (!open) {
    return (
      <button type="button" className="button button--small button--secondary" onClick={() => setOpen(true)}>
        {t('memberships.member.credit')}
      </button>
    );
  }
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const out = await api<{ number: string }>(
            `/api/members/${memberId}/documents/${number}/credit-note`,
            { body: { reason } },
          );
          onDone(t('memberships.member.credited', { number: out.number }));
        } catch (err) {
          setError(err instanceof ApiError ? err.message : String(err));
        }
      }}
    >
      <label>
        {t('memberships.member.creditReason')}{' '}
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>{' '}
      <button type="submit" className="button button--small button--danger">
        {t('memberships.member.credit')}
      </button>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** /adherents/fiche/:id — a member: status, history of periods (gaps visible), documents, contacts, payments. */
export function MemberPage() {
  const { t, locale, formatDate } = useLocale();
  const { id = '' } = useParams();
  const [notice, setNotice] = useState('');
  const member = useApi<MemberDetail>(`/api/members/${encodeURIComponent(id)}`);
  const m = member.data;
  if (member.error instanceof ApiError && member.error.status === 404) {
    return (
      <div className="page">
        <PageTitle>{t('memberships.member.notFound')}</PageTitle>
      </div>
    );
  }
  const done = (message: string) => {
    setNotice(message);
    member.reload();
  };
  const day = (s: string) => formatDate(s, { dateStyle: 'medium' });
  const chronological = [...(m?.periods ?? [])].reverse();
  return (
    <div className="page page--wide">
      <PageTitle>{m?.organization?.name ?? '…'}</PageTitle>
      <ErrorMessage error={member.error} />
      {notice ? (
        <div className="alert alert--success" role="status">
          {notice}
        </div>
      ) : null}
      {m ? (
        <>
          <p>
            <strong>{t(`memberships.status.${m.status}`)}</strong>{' '}
            {t('memberships.member.since', { date: day(m.statusSince) })}
            {m.memberSince ? ` · ${t('memberships.member.memberSince', { date: day(m.memberSince) })}` : ''}
            {m.organization?.siret ? ` · SIRET ${m.organization.siret}` : ''}
          </p>
          <h2 id="member-periods">{t('memberships.member.periods')}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table scrolling sideways on a phone must be reachable by keyboard (axe scrollable-region-focusable) */}
          <section className="table-wrap" tabIndex={0} aria-labelledby="member-periods">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('memberships.admin.period')}</th>
                  <th scope="col">{t('memberships.admin.plan')}</th>
                  <th scope="col">{t('memberships.member.amount')}</th>
                  <th scope="col">{t('memberships.member.paid')}</th>
                  <th scope="col">{t('memberships.member.due')}</th>
                </tr>
              </thead>
              <tbody>
                {chronological.map((p, i) => {
                  const prev = chronological[i - 1];
                  const gap = p.kind === 'rejoin' && prev;
                  return [
                    gap ? (
                      <tr key={`${p.id}-gap`} className="muted">
                        <td colSpan={5}>
                          {t('memberships.member.gap', { from: day(prev.endsOn), to: day(p.startsOn) })}
                        </td>
                      </tr>
                    ) : null,
                    <tr key={p.id}>
                      <td>
                        {day(p.startsOn)} – {day(p.endsOn)}
                        <div className="muted">
                          {t(`memberships.member.kind.${p.kind}`)} ·{' '}
                          {t(`memberships.member.state.${p.state}`)}
                        </div>
                      </td>
                      <td>{p.planName}</td>
                      <td>{money(p.amountCents, locale)}</td>
                      <td>{money(p.paidCents, locale)}</td>
                      <td>{money(p.dueCents, locale)}</td>
                    </tr>,
                  ];
                })}
              </tbody>
            </table>
          </section>
          {m.canManage ? (
            <PaymentForm key={m.payments.length + m.documents.length} member={m} onDone={done} />
          ) : null}
          <h2>{t('memberships.member.documents')}</h2>
          <ul>
            {m.documents.map((d) => {
              const kind = t(`memberships.member.docKind.${d.kind}`);
              return (
                <li key={d.number}>
                  <a href={`/api/members/${m.id}/documents/${d.number}.pdf`}>
                    {t('memberships.member.download', { kind, number: d.number })}
                  </a>{' '}
                  <span className="muted">
                    {formatDate(d.issuedAt, { dateStyle: 'medium' })} · {money(d.amountCents, locale)}
                    {d.cancelledBy
                      ? ` · ${t('memberships.member.cancelledBy', { number: d.cancelledBy })}`
                      : ''}
                  </span>{' '}
                  {m.canManage && d.kind !== 'credit_note' && !d.cancelledBy ? (
                    <CreditNoteButton memberId={m.id} number={d.number} onDone={done} />
                  ) : null}
                </li>
              );
            })}
          </ul>
          {/* The member keeps its own contacts and choices (its coordinators may do it on its behalf). */}
          <ContactsForm key={`c${m.contacts.map((c) => c.id).join()}`} member={m} onDone={done} />
          <VisibilityForm key={`v${JSON.stringify(m.visibility)}`} member={m} onDone={done} />
          <p>
            <Link to={`/adherents/annuaire/${m.networkId}`}>{t('memberships.directory.link')}</Link>
          </p>
          <h2>{t('memberships.member.history')}</h2>
          <ul>
            {m.statusHistory.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: status changes have no id of their own here
              <li key={i}>
                {day(h.on)} : {t(`memberships.status.${h.toStatus}`)}
              </li>
            ))}
          </ul>
          {m.canManage ? <SponsorForm key={`s${m.sponsor?.id}`} member={m} onDone={done} /> : null}
          {m.canManage ? <MergeForm member={m} onDone={done} /> : null}
        </>
      ) : null}
    </div>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Combobox, type ComboboxOption } from '../../components/Combobox.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { FormErrorSummary, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { type MemberListItem, money } from './types.ts';

// The HelloAsso orders no member was found for, each with the server's reason (a French sentence): attach it to
// a member of the network, searched by name, which records its payment, or dismiss it.

export interface UnmatchedOrder {
  orderId: number;
  amountCents: number;
  paidOn: string;
  payerName: string | null;
  payerEmail: string | null;
  siret: string | null;
  reason: string;
}
type Done = { text: string; member?: { id: string; name: string } };

function OrderItem({
  networkId,
  order,
  onDone,
}: {
  networkId: string;
  order: UnmatchedOrder;
  onDone: (done: Done) => void;
}) {
  const { t, locale, formatDate } = useLocale();
  const errs = useFormErrors(`order-${order.orderId}`);
  const [member, setMember] = useState<ComboboxOption | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const base = `/api/networks/${encodeURIComponent(networkId)}/helloasso/unmatched/${order.orderId}`;
  const amount = money(order.amountCents, locale);
  // An order number as HelloAsso shows it (a number var would be formatted "52 000 001").
  const orderId = String(order.orderId);
  const search = async (q: string, signal: AbortSignal) => {
    const found = await api<{ items: MemberListItem[] }>(
      `/api/networks/${encodeURIComponent(networkId)}/memberships`,
      { query: { q, pageSize: 10 }, signal },
    );
    return found.items.map((m) => ({ value: m.id, text: m.name }));
  };

  async function attach(e: FormEvent) {
    e.preventDefault();
    errs.clear();
    setError(undefined);
    if (!member) return errs.show({ memberId: t('helloAsso.orders.chooseFirst') });
    setBusy(true);
    try {
      await api(`${base}/attach`, { method: 'POST', body: { memberId: member.value } });
      onDone({
        text: t('helloAsso.orders.attached', { orderId, name: member.text, amount }),
        member: { id: member.value, name: member.text },
      });
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
      setBusy(false);
    }
  }
  async function dismiss() {
    setBusy(true);
    setError(undefined);
    try {
      await api(`${base}/dismiss`, { method: 'POST' });
      onDone({ text: t('helloAsso.orders.dismissed', { orderId }) });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const headingId = `order-${order.orderId}-title`;
  const payer = [order.payerName, order.payerEmail].filter(Boolean).join(', ');
  return (
    <li className="card helloasso-order" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('helloAsso.orders.heading', { orderId, amount })}</h4>
      <p>
        {t('helloAsso.orders.paid', {
          date: formatDate(order.paidOn),
          payer: payer || t('helloAsso.orders.unknownPayer'),
        })}
        {order.siret ? (
          <>
            <br />
            {t('helloAsso.orders.siret', { siret: order.siret })}
          </>
        ) : null}
      </p>
      <p className="helloasso-order__reason">{t('helloAsso.orders.reason', { reason: order.reason })}</p>
      <FormErrorSummary
        form={errs}
        labelFor={(key) => (key === 'memberId' ? t('helloAsso.orders.member') : undefined)}
      />
      {error instanceof ApiError && error.status === 404 ? (
        <div className="alert alert--error" role="alert">
          <p>{error.message}</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      <form onSubmit={attach} noValidate>
        <Combobox
          label={t('helloAsso.orders.member')}
          hint={t('helloAsso.orders.memberHint')}
          id={errs.idFor('memberId')}
          value={member?.value ?? null}
          search={search}
          onChange={(_value, option) => setMember(option)}
          noResult={t('helloAsso.orders.noMember')}
          clearLabel={t('helloAsso.orders.clear')}
          error={errs.errors.memberId}
        />
        <div className="actions">
          <button
            type="submit"
            className="button button--small"
            disabled={busy}
            aria-label={t('helloAsso.orders.attachLabel', { orderId })}
          >
            {t('helloAsso.orders.attach')}
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={busy}
            aria-label={t('helloAsso.orders.dismissLabel', { orderId })}
            onClick={() => void dismiss()}
          >
            {t('helloAsso.orders.dismiss')}
          </button>
        </div>
      </form>
    </li>
  );
}

/** The orders waiting for a coordinator; `reloadKey` changes after an import. */
export function HelloAssoOrders({ networkId, reloadKey }: { networkId: string; reloadKey: number }) {
  const { t } = useLocale();
  const list = useApi<{ items: UnmatchedOrder[] }>(
    `/api/networks/${encodeURIComponent(networkId)}/helloasso/unmatched`,
  );
  const [done, setDone] = useState<Done | null>(null);
  const notice = useRef<HTMLDivElement>(null);
  const { reload } = list;
  // `reloadKey` is the trigger: it changes after an import.
  useEffect(() => {
    if (reloadKey) reload();
  }, [reloadKey, reload]);
  return (
    <section aria-labelledby="helloasso-orders">
      <h3 id="helloasso-orders">{t('helloAsso.orders.title')}</h3>
      <p>{t('helloAsso.orders.intro')}</p>
      <div ref={notice} tabIndex={-1} role="status">
        {done ? (
          <div className="alert alert--success">
            <p>{done.text}</p>
            {done.member ? (
              <p>
                <Link to={`/adherents/fiche/${done.member.id}`}>
                  {t('helloAsso.orders.seeMember', { name: done.member.name })}
                </Link>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <ErrorMessage error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('helloAsso.orders.empty')}</p> : null}
      <ul className="cards">
        {(list.data?.items ?? []).map((order) => (
          <OrderItem
            key={order.orderId}
            networkId={networkId}
            order={order}
            onDone={(d) => {
              setDone(d);
              list.reload();
              // The order's card goes away: the focus moves to what happened.
              requestAnimationFrame(() => notice.current?.focus());
            }}
          />
        ))}
      </ul>
    </section>
  );
}

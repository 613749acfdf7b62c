// An exchange privilege: what it costs, what must remain, how many are left; "exchange" asks first,
// then spends. One request key per attempt: a double tap, or "try again" after a lost answer, sends
// the same key, and the API answers with the same voucher instead of charging twice.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { pick, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { type IssuedVoucher, type Privilege, newRequestKey, redeem } from './api';
import { Refusal } from './Refusal';
import { VoucherCard } from './VoucherCard';

/** A lost answer or a server failure: the exchange may have happened, so a retry keeps the key. */
const mayHaveHappened = (err: unknown) => !(err instanceof ApiError) || err.status === 0 || err.status >= 500;

export function ExchangeCard(props: { accountId: string; privilege: Privilege; balance: number; partnerName: string; onChanged: () => void }) {
  const { t, lang } = useT('privileges');
  const { t: c } = useT();
  const { privilege: p, balance, partnerName } = props;
  const name = pick(p.name, lang);
  const cost = p.cost ?? 0;
  const min = p.minBalanceAfter ?? 0;
  const need = cost + min;
  const [attempt, setAttempt] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [voucher, setVoucher] = useState<IssuedVoucher | undefined>(undefined);
  const confirmBox = useRef<HTMLDivElement>(null);
  const n = (v: number) => formatNumber(v, lang);

  function start() {
    setAttempt(newRequestKey());
    setFailure(undefined);
    setVoucher(undefined);
    requestAnimationFrame(() => confirmBox.current?.focus());
  }

  async function confirm(key: string) {
    setBusy(true);
    setFailure(undefined);
    try {
      setVoucher(await redeem(props.accountId, p.code, key));
      setAttempt(undefined);
      props.onChanged();
    } catch (err) {
      setFailure(err);
      if (!mayHaveHappened(err)) {
        // A definite refusal: nothing was spent; the next attempt is a new one.
        setAttempt(undefined);
        props.onChanged();
      }
    } finally {
      setBusy(false);
    }
  }

  const titleId = `privilege-${p.code}`;
  const noteId = `${titleId}-note`;
  const enough = balance >= need;
  const soldOut = p.remaining === 0;
  return (
    <li class="privilege card" data-testid="exchange-privilege" data-code={p.code}>
      <h3 id={titleId}>{name}</h3>
      <p class="muted small">{t('byPartner', { partner: partnerName })}</p>
      {p.description ? <p>{pick(p.description, lang)}</p> : null}
      <ul class="facts">
        <li>
          <strong>{t('cost', { n: n(cost) })}</strong>
        </li>
        {min > 0 ? <li>{t('minAfter', { n: n(min) })}</li> : null}
        <li>{p.remaining === null ? t('stockUnlimited') : t('stockLeft', { n: n(p.remaining) })}</li>
      </ul>
      {!enough && !attempt && !voucher && !failure ? (
        <p class="reach" id={noteId}>
          {t('notEnough', { need: n(need), balance: n(balance) })}
        </p>
      ) : null}
      {!attempt && !voucher ? (
        <button type="button" class="button" disabled={!enough || soldOut} aria-describedby={!enough && !failure ? noteId : undefined} onClick={start}>
          {t('redeemButton')}
        </button>
      ) : null}
      {attempt ? (
        <div class="confirm" ref={confirmBox} tabIndex={-1} data-testid="confirm">
          <h4 id={`${titleId}-confirm`}>{t('confirmTitle', { privilege: name })}</h4>
          <p>{t('confirmBody', { cost: n(cost), after: n(Math.max(0, balance - cost)) })}</p>
          <p class="small">{t('confirmVoucher')}</p>
          <p class="small">{t('shareNotice', { partner: partnerName })}</p>
          <div class="actions">
            <button type="button" class="button" disabled={busy} onClick={() => void confirm(attempt)}>
              {busy ? t('redeeming') : t('confirmButton', { cost: n(cost) })}
            </button>
            <button type="button" class="button button-secondary" disabled={busy} onClick={() => setAttempt(undefined)}>
              {c('cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {failure ? <Refusal error={failure} onRetry={attempt && mayHaveHappened(failure) ? () => void confirm(attempt) : undefined} /> : null}
      {voucher ? (
        <>
          <VoucherCard voucher={voucher} privilegeName={name} partnerName={partnerName} qr={voucher.qrSvg} focus heading="h4" />
          <p>
            <a href="#vouchers-title">{t('seeAllVouchers')}</a>
          </p>
        </>
      ) : null}
    </li>
  );
}

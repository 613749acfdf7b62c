// Each purpose with its state and one button to give or withdraw it; the receipt of every change.
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { pick, useT } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { type Consents, giveConsent, type PurposeState, type Receipt, receiptFile, saveBlob, withdrawConsent } from './api';

export function usePurposeName() {
  const { t, lang } = useT('mydata');
  return (purpose: string, partner?: PurposeState['partner']) => {
    if (purpose.startsWith('sharing:')) {
      const code = purpose.slice('sharing:'.length);
      return t('purposes.sharing', { partner: partner?.name ? pick(partner.name, lang) : code });
    }
    return t(`purposes.${purpose}`);
  };
}

function PurposeRow({ accountId, p, onChanged }: { accountId: string; p: PurposeState; onChanged: (name: string) => void }) {
  const { t, lang } = useT('mydata');
  const nameOf = usePurposeName();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const name = nameOf(p.purpose, p.partner);
  const id = `purpose-${p.purpose.replace(/[^a-z0-9-]/g, '-')}`;

  async function toggle() {
    setBusy(true);
    setFailure(undefined);
    try {
      if (p.given) await withdrawConsent(accountId, p.purpose);
      else await giveConsent(accountId, p.purpose);
      onChanged(name);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="consent" data-testid="consent" data-purpose={p.purpose} data-given={String(p.given)}>
      <h3 id={`${id}-name`} class="consent-name">
        {name}
      </h3>
      <p class="small">{pick(p.notice, lang)}</p>
      <p class={p.given ? 'consent-state consent-given' : 'consent-state'} id={`${id}-state`}>
        {p.given && p.givenAt ? t('given', { date: formatDate(p.givenAt, lang) }) : p.withdrawnAt ? t('withdrawnOn', { date: formatDate(p.withdrawnAt, lang) }) : t('notGiven')}
      </p>
      {p.withdrawal === 'leaving' ? (
        <p class="small">
          {t('leaving')} <a href="/me/leave">{t('leaveLink')}</a>
        </p>
      ) : (
        <button
          type="button"
          class={p.given ? 'button button-secondary' : 'button'}
          disabled={busy}
          aria-describedby={`${id}-state`}
          aria-label={p.given ? t('withdrawNamed', { name }) : t('giveNamed', { name })}
          onClick={() => void toggle()}
        >
          {p.given ? t('withdraw') : t('give')}
        </button>
      )}
      {failure ? <ErrorMessage error={failure} /> : null}
    </li>
  );
}

function ReceiptRow({ accountId, r }: { accountId: string; r: Receipt }) {
  const { t, lang } = useT('mydata');
  const nameOf = usePurposeName();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const action = r.action === 'give' ? t('receiptGive') : t('receiptWithdraw');
  const name = nameOf(r.purpose);
  const date = formatDateTime(r.at, lang);
  async function download() {
    setBusy(true);
    setFailure(undefined);
    try {
      saveBlob(await receiptFile(accountId, r.id), `consent-${r.purpose.replace(/[^a-z0-9-]/g, '-')}-${r.id}.jwt`);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <li class="receipt" data-testid="receipt" data-action={r.action} data-purpose={r.purpose}>
      <span>{t('receiptLine', { action, name, date })}</span>
      <button type="button" class="button-link" disabled={busy} aria-label={t('downloadReceiptNamed', { action, name, date })} onClick={() => void download()}>
        {t('downloadReceipt')}
      </button>
      {failure ? <ErrorMessage error={failure} /> : null}
    </li>
  );
}

export function ConsentSection({ accountId, consents, reload }: { accountId: string; consents: Consents; reload: () => void }) {
  const { t } = useT('mydata');
  const [changed, setChanged] = useState<string | undefined>(undefined);
  return (
    <>
      <section class="card" aria-labelledby="consents-title">
        <h2 id="consents-title">{t('consentsTitle')}</h2>
        <p>{t('consentsHow')}</p>
        <p class="small muted">{t('noticeVersion', { version: consents.noticeVersion })}</p>
        <p role="status" class="consent-changed">
          {changed ? t('changed', { name: changed }) : ''}
        </p>
        <ul class="plain-list consents">
          {consents.purposes.map((p) => (
            <PurposeRow
              key={p.purpose}
              accountId={accountId}
              p={p}
              onChanged={(name) => {
                setChanged(name);
                reload();
              }}
            />
          ))}
        </ul>
      </section>
      <section aria-labelledby="receipts-title">
        <h2 id="receipts-title">{t('receiptsTitle')}</h2>
        <p class="small">{t('receiptsHow')}</p>
        {consents.receipts.length === 0 ? <p>{t('noReceipts')}</p> : null}
        <ul class="plain-list receipts">
          {[...consents.receipts].reverse().map((r) => (
            <ReceiptRow key={r.id} accountId={accountId} r={r} />
          ))}
        </ul>
      </section>
    </>
  );
}

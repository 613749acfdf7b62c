// Reversing a credit recorded in error (roles issuer or certifier of the agency in the address):
// find the credit by its id or its attestation's id, give the reason (a code and words for the
// person), confirm, and see what the reversal did. The server decides who may reverse; this screen
// only asks and shows its answer.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { StaffGate } from '../staff/use-staff';
import { type CreditFound, type CreditReversalReason, type ReversalDone, findCredit, reverseCredit } from './api';
import { messages } from './messages';
import './reversals.css';

register('reversals', messages);

const REASONS = ['wrong_person', 'not_happened', 'wrong_indicator', 'wrong_details', 'duplicate_entry'] as const satisfies readonly CreditReversalReason[];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function ReversalPage({ agency }: { agency?: string }) {
  return (
    <StaffGate agency={agency} role={['issuer', 'certifier']}>
      {() => <Tool />}
    </StaffGate>
  );
}

function Tool() {
  const { t, lang } = useT('reversals');
  const [id, setId] = useState('');
  const [credit, setCredit] = useState<CreditFound | undefined>(undefined);
  const [reason, setReason] = useState<CreditReversalReason | ''>('');
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<ReversalDone | undefined>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const result = useRef<HTMLDivElement>(null);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const n = (x: number) => formatNumber(x, lang);

  useEffect(() => {
    if (done || confirming) result.current?.focus();
  }, [done, confirming]);

  async function find(e: Event) {
    e.preventDefault();
    setCredit(undefined);
    setDone(undefined);
    setConfirming(false);
    setFailure(undefined);
    const wanted = id.trim();
    if (!UUID.test(wanted)) return setErrors([{ field: 'credit-id', message: t('errors.id') }]);
    setErrors([]);
    setBusy(true);
    try {
      setCredit(await findCredit(wanted));
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'credit_not_found' || err.code === 'validation_failed')) setErrors([{ field: 'credit-id', message: t('errors.notFound') }]);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  function review(e: Event) {
    e.preventDefault();
    const problems: FieldError[] = [];
    if (!reason) problems.push({ field: 'reason', message: t('errors.reason') });
    const words = text.trim();
    if (words.length < 5) problems.push({ field: 'reason-text', message: t('errors.textShort') });
    else if (words.length > 500) problems.push({ field: 'reason-text', message: t('errors.textLong') });
    setErrors(problems);
    setConfirming(problems.length === 0);
  }

  async function confirm() {
    if (!credit || !reason) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const r = await reverseCredit(credit.id, { reason, text: text.trim() });
      setDone(r);
      setConfirming(false);
      setCredit({ ...credit, canReverseAs: null, reversal: r.reversal });
    } catch (err) {
      setFailure(err);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  const idHint = t('idHint');
  const textHint = t('textHint');
  return (
    <Page title={t('title')} lead={t('lead')}>
      <ErrorSummary errors={errors} />
      <form onSubmit={find} noValidate class="card">
        <Field id="credit-id" label={t('idLabel')} hint={idHint} error={errorOf('credit-id')}>
          <input
            id="credit-id"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={id}
            aria-describedby={describedBy('credit-id', idHint, errorOf('credit-id'))}
            aria-invalid={errorOf('credit-id') ? true : undefined}
            onInput={(e) => setId((e.target as HTMLInputElement).value)}
          />
        </Field>
        <button type="submit" class="button button-secondary" disabled={busy}>
          {t('find')}
        </button>
      </form>
      {failure ? <ErrorMessage error={failure} /> : null}

      {credit ? (
        <section class="card reversal-credit" aria-labelledby="credit-title" data-testid="reversal-credit">
          <h2 id="credit-title">{pick(credit.indicatorName, lang) || credit.indicator}</h2>
          <ul class="plain-list small">
            <li>{t('points', { points: n(credit.points) })}</li>
            <li>{t('occurredOn', { date: formatDate(credit.occurredAt, lang) })}</li>
            <li>{t('attestedBy', { agency: credit.issuer })}</li>
            {credit.certifier ? <li>{t('certifiedBy', { agency: credit.certifier })}</li> : null}
            {credit.logIndex !== null ? <li>{t('logIndex', { index: credit.logIndex })}</li> : null}
          </ul>
          {credit.reversal ? (
            <div class="notice notice-warn" data-testid="reversal-existing" ref={done ? result : undefined} tabIndex={-1}>
              <p class="notice-title" role="status">
                {done
                  ? t('done', { points: n(credit.reversal.points) })
                  : t('alreadyReversed', { agency: pick(credit.reversal.by.name, lang), date: formatDate(credit.reversal.reversedAt, lang) })}
              </p>
              <p>{t('reasonShown', { reason: pick(credit.reversal.reason.label, lang) })}</p>
              <p class="reversal-words">{credit.reversal.reason.text}</p>
              <p class="small">{pick(credit.reversal.explanation, lang)}</p>
              {done ? <p class="small">{t('certificatesRevoked', { count: done.revokedCertificates })}</p> : null}
            </div>
          ) : credit.canReverseAs === null ? (
            <p class="notice notice-error">{t('notYours')}</p>
          ) : (
            <form onSubmit={review} noValidate>
              <p>{t(credit.canReverseAs === 'issuer' ? 'asIssuer' : 'asCertifier')}</p>
              <Field id="reason" label={t('reasonLabel')} error={errorOf('reason')}>
                <select
                  id="reason"
                  value={reason}
                  aria-describedby={describedBy('reason', undefined, errorOf('reason'))}
                  aria-invalid={errorOf('reason') ? true : undefined}
                  onChange={(e) => {
                    setReason((e.target as HTMLSelectElement).value as CreditReversalReason | '');
                    setConfirming(false);
                  }}
                >
                  <option value="">{t('reasonChoose')}</option>
                  {REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`reasons.${r}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="reason-text" label={t('textLabel')} hint={textHint} error={errorOf('reason-text')}>
                <textarea
                  id="reason-text"
                  rows={3}
                  maxLength={500}
                  value={text}
                  aria-describedby={describedBy('reason-text', textHint, errorOf('reason-text'))}
                  aria-invalid={errorOf('reason-text') ? true : undefined}
                  onInput={(e) => {
                    setText((e.target as HTMLTextAreaElement).value);
                    setConfirming(false);
                  }}
                />
              </Field>
              {confirming ? null : (
                <button type="submit" class="button">
                  {t('review')}
                </button>
              )}
            </form>
          )}
          {confirming && reason ? (
            <div class="notice notice-error reversal-confirm" data-testid="reversal-confirm" ref={result} tabIndex={-1}>
              <p class="notice-title">{t('confirmTitle', { points: n(credit.points) })}</p>
              <p>{t('confirmBody')}</p>
              <div class="button-row">
                <button type="button" class="button button-danger" disabled={busy} onClick={() => void confirm()}>
                  {busy ? t('reversing') : t('confirm')}
                </button>
                <button type="button" class="button button-secondary" disabled={busy} onClick={() => setConfirming(false)}>
                  {t('back')}
                </button>
              </div>
            </div>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}

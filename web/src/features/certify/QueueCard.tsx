// One pending deed: who, what, how long it has waited, who recorded it, its evidence, and the
// decision. Rejecting asks for the reason the person will see (checked here and by the server).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { pick, useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { certify, type QueueItem } from './api';
import { EvidenceView } from './EvidenceView';

export interface Outcome {
  tone: 'ok' | 'warn' | 'error';
  text: string;
}

/** Answers that mean the queue has moved on (decided elsewhere, gone, no longer ours): reload it. */
export const STALE = new Set(['not_pending', 'out_of_scope', 'attestation_not_found']);

export function names(item: QueueItem, lang: 'th' | 'en') {
  return {
    deed: pick(item.indicator.name, lang) || item.indicator.code,
    name: item.account.displayName,
    area: pick(item.account.subdistrict.name, lang) || item.account.subdistrict.code,
  };
}

export function QueueCard(props: { item: QueueItem; selected: boolean; onSelect: (on: boolean) => void; onOutcome: (o: Outcome, reload: boolean) => void }) {
  const { item, selected } = props;
  const { t, lang } = useT('certify');
  const { t: c } = useT();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const reasonBox = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (rejecting) reasonBox.current?.focus();
  }, [rejecting]);
  useEffect(() => {
    if (reasonError) reasonBox.current?.focus();
  }, [reasonError]);
  const n = names(item, lang);
  const id = item.id;

  async function decide(decision: 'approve' | 'reject') {
    if (busy) return;
    if (decision === 'reject' && !reason.trim()) {
      setReasonError(t('errors.reason'));
      return;
    }
    setReasonError(undefined);
    setFailure(undefined);
    setBusy(true);
    try {
      const r = await certify(id, decision === 'reject' ? { decision, reason: reason.trim() } : { decision });
      if (decision === 'reject') props.onOutcome({ tone: 'ok', text: t('rejected', n) }, true);
      else if (r.status === 'credited') props.onOutcome({ tone: 'ok', text: t('approved', { ...n, points: formatNumber(r.credit?.points ?? 0, lang) }) }, true);
      else props.onOutcome({ tone: 'warn', text: t('approvedNoPoints', { ...n, reason: r.reason ? pick(r.reason.message, lang) : '' }) }, true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'reason_required') setReasonError(errorText(err, lang, c('networkError')));
      else if (err instanceof ApiError && STALE.has(err.code)) props.onOutcome({ tone: 'error', text: t('decidedElsewhere', { ...n, message: errorText(err, lang, '') }) }, true);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class={selected ? 'queue-item queue-item-selected' : 'queue-item'} data-testid="queue-item" data-id={id}>
      <article aria-labelledby={`qi-${id}-title`}>
        <div class="checkbox qi-select">
          <input id={`qi-${id}-select`} type="checkbox" checked={selected} onChange={(e) => props.onSelect((e.target as HTMLInputElement).checked)} />
          <label for={`qi-${id}-select`}>{t('select')}</label>
        </div>
        <h3 id={`qi-${id}-title`} class="qi-title">
          {n.deed}
        </h3>
        <p class="qi-points">
          {item.points === null ? null : t('points', { points: formatNumber(item.points, lang) })}
          {item.hours !== null || item.quantity !== 1 ? ` · ${t('hours', { hours: formatNumber(item.hours ?? item.quantity, lang) })}` : ''}
        </p>
        <p class="qi-person">{t('person', n)}</p>
        <p class="small qi-dates">
          <span class="nowrap">{t('occurred', { date: formatDate(item.occurredAt, lang) })}</span>{' '}
          <span class={item.ageDays >= 14 ? 'nowrap qi-age qi-age-old' : 'nowrap qi-age'} title={t('submitted', { date: formatDate(item.submittedAt, lang) })}>
            {item.ageDays === 0 ? t('ageToday') : t('ageDays', { count: item.ageDays })}
          </span>
        </p>
        <p class="small">{item.issuer.kind === 'self' ? t('selfDeclared') : t('attestedBy', { name: pick(item.issuer.name, lang) || item.issuer.code })}</p>
        <EvidenceView item={item} alt={t('photoAlt', n)} />
        {failure ? <ErrorMessage error={failure} /> : null}
        {rejecting ? (
          <div class={reasonError ? 'field field-error' : 'field'}>
            <label for={`qi-${id}-reason`}>{t('reason')}</label>
            <p class="hint" id={`qi-${id}-reason-hint`}>
              {t('reasonHint')}
            </p>
            {reasonError ? (
              <p class="field-message" id={`qi-${id}-reason-error`} role="alert">
                {reasonError}
              </p>
            ) : null}
            <textarea
              id={`qi-${id}-reason`}
              ref={reasonBox}
              rows={2}
              maxLength={500}
              value={reason}
              aria-describedby={`qi-${id}-reason-hint${reasonError ? ` qi-${id}-reason-error` : ''}`}
              aria-invalid={reasonError ? true : undefined}
              onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
            />
          </div>
        ) : null}
        <div class="qi-actions">
          {rejecting ? (
            <>
              <button type="button" class="button button-danger" disabled={busy} aria-describedby={`qi-${id}-title`} onClick={() => void decide('reject')}>
                {busy ? t('deciding') : t('confirmReject')}
              </button>
              <button
                type="button"
                class="button button-secondary"
                disabled={busy}
                onClick={() => {
                  setRejecting(false);
                  setReasonError(undefined);
                }}
              >
                {t('cancel')}
              </button>
            </>
          ) : (
            <>
              <button type="button" class="button" disabled={busy} aria-describedby={`qi-${id}-title`} onClick={() => void decide('approve')}>
                {busy ? t('deciding') : t('approve')}
              </button>
              <button type="button" class="button button-secondary" disabled={busy} aria-describedby={`qi-${id}-title`} onClick={() => setRejecting(true)}>
                {t('reject')}
              </button>
            </>
          )}
        </div>
      </article>
    </li>
  );
}

// One proposal waiting for the committee: what it is, who proposed it and how long it has waited,
// what it changes, and the decision: approve at once, or refuse with a reason the proposer will read.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { pick, useT } from '../../i18n';
import { daysSince, formatDate } from '../../lib/format';
import type { Proposal } from './api';
import { IndicatorCompare } from './IndicatorCompare';
import { PrivilegeDetails } from './PrivilegeDetails';
import { counted } from './rule-text';

export const REASON_MAX = 500;

export const proposalKey = (p: Proposal) => (p.type === 'privilege' ? `privilege:${p.code}` : `indicator:${p.code}:${p.version}`);

export function ProposalCard(props: {
  proposal: Proposal;
  busy: boolean;
  failure: unknown;
  refusing: boolean;
  onRefusing: (open: boolean) => void;
  onApprove: () => void;
  onRefuse: (reason: string) => void;
}) {
  const { t, lang } = useT('committee');
  const { t: c } = useT();
  const { proposal: p, busy } = props;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const key = proposalKey(p).replace(/[^a-z0-9-]/gi, '-');
  const reasonId = `reason-${key}`;
  const age = daysSince(p.proposedAt);
  const kind = p.type === 'privilege' ? t('kind.privilege') : p.previous ? t('kind.revision', { version: p.version }) : t('kind.newIndicator');
  const reasonError = errors[0]?.message;
  const reasonBox = useRef<HTMLTextAreaElement>(null);
  // Opening the refusal takes the keyboard straight to the reason.
  useEffect(() => {
    if (props.refusing) reasonBox.current?.focus();
  }, [props.refusing]);

  function refuse(e: Event) {
    e.preventDefault();
    const text = reason.trim();
    const found: FieldError[] = [];
    if (!text) found.push({ field: reasonId, message: t('decide.reasonRequired') });
    else if (text.length > REASON_MAX) found.push({ field: reasonId, message: t('decide.reasonTooLong') });
    setErrors(found);
    if (!found.length) props.onRefuse(text);
  }

  return (
    <article class="card proposal" aria-labelledby={`title-${key}`} data-testid="proposal" data-code={p.code}>
      <p class="proposal-kind">{kind}</p>
      <h3 id={`title-${key}`}>
        {pick(p.name, lang)} <span class="code">{p.code}</span>
      </h3>
      <p class="small">
        {p.ownerAgency ? t('owner', { agency: pick(p.ownerAgency.name, lang) || p.ownerAgency.code }) : t('national')} · {t('proposedOn', { date: formatDate(p.proposedAt, lang) })}{' '}
        · <strong>{age === 0 ? t('waitingToday') : counted(t, 'waitingDays', age, lang)}</strong>
      </p>
      {p.type === 'privilege' ? <PrivilegeDetails proposal={p} /> : <IndicatorCompare proposal={p} />}
      {props.failure ? <ErrorMessage error={props.failure} /> : null}
      {props.refusing ? (
        <form class="refuse-form" onSubmit={refuse} noValidate>
          <ErrorSummary errors={errors} />
          <Field id={reasonId} label={t('decide.reason')} hint={t('decide.reasonHint')} error={reasonError}>
            <textarea
              ref={reasonBox}
              id={reasonId}
              rows={3}
              value={reason}
              aria-describedby={describedBy(reasonId, t('decide.reasonHint'), reasonError)}
              aria-invalid={reasonError ? true : undefined}
              onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
            />
          </Field>
          <div class="actions">
            <button type="submit" class="button button-danger" disabled={busy}>
              {t('decide.confirmRefuse')}
            </button>
            <button type="button" class="button button-secondary" disabled={busy} onClick={() => props.onRefusing(false)}>
              {c('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          <button type="button" class="button" disabled={busy} onClick={props.onApprove}>
            {t('decide.approve')}
            <span class="visually-hidden"> {pick(p.name, lang)}</span>
          </button>
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => props.onRefusing(true)}>
            {t('decide.refuse')}
            <span class="visually-hidden"> {pick(p.name, lang)}</span>
          </button>
        </div>
      )}
    </article>
  );
}

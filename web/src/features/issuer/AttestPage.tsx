// An issuer attests one deed: the person by national ID (checked here, never shown in full again
// and never put in an address), an indicator the agency may attest, when, how long, the evidence
// reference the indicator asks for, and the agency's own reference, which makes a second press of
// the button a replay of the first instead of a second credit.
import type { TFunction } from 'i18next';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading, errorText } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { type Lang, pick, register, useT } from '../../i18n';
import { formatDateTime, formatNumber, formatYear } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { StaffGate } from '../staff/use-staff';
import { type AttestationBody, type AttestationResult, type Indicator, attest, attestableIndicators } from './api';
import { bangkokInputToIso, bangkokInputValue, checkNationalId, generateRef, isQuarterHours, isValidRef, nationalIdHint } from './deed-input';
import { attestMessages } from './messages';
import './issuer.css';

register('issuer-attest', attestMessages);

type FieldId = 'nationalId' | 'indicator' | 'occurredAt' | 'quantity' | 'hours' | 'evidence' | 'ref';

/** Where the server's catalogue errors belong on this form. */
const FIELD_OF_CODE: Record<string, FieldId> = {
  invalid_national_id: 'nationalId',
  subject_not_enrolled: 'nationalId',
  unknown_indicator: 'indicator',
  out_of_scope: 'indicator',
  indicator_not_approved: 'indicator',
  indicator_not_in_force: 'indicator',
  indicator_not_applicable: 'indicator',
  invalid_date: 'occurredAt',
  occurred_in_future: 'occurredAt',
  invalid_quantity: 'quantity',
  evidence_required: 'evidence',
  ref_conflict: 'ref',
};
const FIELD_OF_PATH: Array<[RegExp, FieldId]> = [
  [/^body\.subject/, 'nationalId'],
  [/^body\.indicator/, 'indicator'],
  [/^body\.occurredAt/, 'occurredAt'],
  [/^body\.quantity/, 'quantity'],
  [/^body\.hours/, 'hours'],
  [/^body\.evidence/, 'evidence'],
  [/^body\.ref/, 'ref'],
];

/** The evidence key the form sends for each kind of evidence an indicator asks for. */
const EVIDENCE_KEY = { reference: 'reference', document: 'document' } as const;

interface Outcome {
  result: AttestationResult;
  replayed: boolean;
  /** Last four digits of the national ID, and the indicator, as they were sent. */
  hint: string;
  indicator: Indicator | undefined;
}

export default function AttestPage({ agency }: { agency?: string }) {
  return (
    <StaffGate agency={agency} role="issuer">
      {(m) => <AttestForm agency={m.agency} />}
    </StaffGate>
  );
}

function serverFieldError(err: unknown, lang: Lang, hintOf: (code: string) => string): FieldError | undefined {
  if (!(err instanceof ApiError)) return undefined;
  let field = FIELD_OF_CODE[err.code];
  if (!field && err.code === 'validation_failed') {
    const details = err.error.details as { issues?: Array<{ path?: unknown }> } | undefined;
    const path = details?.issues?.find((i) => typeof i.path === 'string')?.path as string | undefined;
    field = path ? FIELD_OF_PATH.find(([re]) => re.test(path))?.[1] : undefined;
  }
  if (!field) return undefined;
  return { field, message: [errorText(err, lang, ''), hintOf(err.code)].filter(Boolean).join(' ') };
}

function AttestForm({ agency }: { agency: string }) {
  const { t, lang } = useT('issuer-attest');
  const { t: c } = useT();
  const indicators = useAsync(() => attestableIndicators(agency), [agency]);
  const [nationalId, setNationalId] = useState('');
  // Once a deed is recorded the ID is kept for a retry but shown only by its last four digits.
  const [idKept, setIdKept] = useState(false);
  const [code, setCode] = useState('');
  const [occurredAt, setOccurredAt] = useState(() => bangkokInputValue(new Date()));
  const [quantity, setQuantity] = useState('');
  const [hours, setHours] = useState('');
  const [evidence, setEvidence] = useState('');
  const [ref, setRef] = useState(() => generateRef(agency, new Date()));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const outcomeBox = useRef<HTMLElement>(null);
  const idInput = useRef<HTMLInputElement>(null);

  if (indicators.error) return <ErrorMessage error={indicators.error} onRetry={indicators.reload} />;
  if (!indicators.data) return <Loading />;
  const list = indicators.data;
  const selected = list.find((i) => i.code === code);
  const errorOf = (field: FieldId) => errors.find((e) => e.field === field)?.message;
  const pointsText = (i: Indicator) => t(i.unit === 'hour' ? 'perHour' : 'perOccurrence', { points: formatNumber(i.points, lang) });
  const occurredIso = bangkokInputToIso(occurredAt);
  const evidenceKind = selected && selected.evidence !== 'none' ? selected.evidence : undefined;
  const wantsHours = selected?.unit === 'occurrence' && selected.volunteering;

  function validate(): FieldError[] {
    const found: FieldError[] = [];
    const id = checkNationalId(nationalId);
    if ('problem' in id) {
      const key = { empty: 'errors.nationalIdEmpty', digits: 'errors.nationalIdDigits', length: 'errors.nationalIdLength', check: 'errors.nationalIdCheck' }[id.problem];
      found.push({ field: 'nationalId', message: t(key, { count: id.problem === 'length' ? id.count : 0 }) });
    }
    if (!code) found.push({ field: 'indicator', message: t('errors.indicator') });
    if (!occurredIso) found.push({ field: 'occurredAt', message: t('errors.occurredAt') });
    else if (new Date(occurredIso).getTime() > Date.now()) found.push({ field: 'occurredAt', message: t('errors.occurredInFuture') });
    if (selected?.unit === 'hour' && !isQuarterHours(Number(quantity))) found.push({ field: 'quantity', message: t('errors.quantity') });
    if (wantsHours && hours.trim() && !isQuarterHours(Number(hours))) found.push({ field: 'hours', message: t('errors.hours') });
    if (evidenceKind && !evidence.trim()) found.push({ field: 'evidence', message: t('errors.evidence') });
    if (!isValidRef(ref.trim())) found.push({ field: 'ref', message: t('errors.ref') });
    return found;
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (inFlight.current) return;
    const found = validate();
    setErrors(found);
    if (found.length) return;
    const id = checkNationalId(nationalId);
    if (!('digits' in id) || !occurredIso) return;
    const body: AttestationBody = {
      ref: ref.trim(),
      subject: { nationalId: id.digits },
      indicator: code,
      occurredAt: occurredIso,
      ...(selected?.unit === 'hour' ? { quantity: Number(quantity) } : {}),
      ...(wantsHours && hours.trim() ? { hours: Number(hours) } : {}),
      ...(evidenceKind && evidence.trim() ? { evidence: { [EVIDENCE_KEY[evidenceKind]]: evidence.trim() } } : {}),
    };
    inFlight.current = true;
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await attest(body);
      setOutcome({ ...answer, hint: nationalIdHint(id.digits), indicator: selected });
      setNationalId(id.digits);
      setIdKept(true);
      requestAnimationFrame(() => outcomeBox.current?.focus());
    } catch (err) {
      setOutcome(undefined);
      const fieldError = serverFieldError(err, lang, (k) => t(`serverHint.${k}`, { defaultValue: '' }));
      if (fieldError) setErrors([fieldError]);
      else setFailure(err);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  /** The next deed: same indicator and day (a blood drive records many donors), everything personal cleared. */
  function another() {
    setNationalId('');
    setIdKept(false);
    setQuantity('');
    setHours('');
    setEvidence('');
    setRef(generateRef(agency, new Date()));
    setOutcome(undefined);
    setErrors([]);
    setFailure(undefined);
    requestAnimationFrame(() => idInput.current?.focus());
  }

  const input = (id: FieldId, hint: string | undefined, props: Record<string, unknown>, value: string, set: (v: string) => void) => (
    <input
      id={id}
      value={value}
      aria-describedby={describedBy(id, hint, errorOf(id))}
      aria-invalid={errorOf(id) ? true : undefined}
      onInput={(e) => set((e.target as HTMLInputElement).value)}
      {...props}
    />
  );

  const domains = [...new Set(list.map((i) => i.domain))];
  const facts = selected ? [pointsText(selected), ...indicatorFacts(selected, t)] : [];

  return (
    <Page title={t('title')} lead={t('lead')}>
      <div aria-live="polite">{outcome ? <OutcomeBox outcome={outcome} boxRef={outcomeBox} onAnother={another} /> : null}</div>
      <ErrorSummary errors={errors} />
      {failure ? <ErrorMessage error={failure} /> : null}
      {list.length === 0 ? <p class="notice">{t('noIndicators')}</p> : null}
      <form method="post" onSubmit={submit} noValidate class="attest-form">
        {idKept ? (
          <div class="field">
            <p class="kept-id" id="nationalId">
              {t('nationalIdKept', { hint: nationalIdHint(nationalId) })}
            </p>
          </div>
        ) : (
          <Field id="nationalId" label={t('nationalId')} hint={t('nationalIdHint')} error={errorOf('nationalId')}>
            <input
              ref={idInput}
              id="nationalId"
              type="text"
              inputMode="numeric"
              autocomplete="off"
              spellcheck={false}
              maxLength={20}
              value={nationalId}
              aria-describedby={describedBy('nationalId', t('nationalIdHint'), errorOf('nationalId'))}
              aria-invalid={errorOf('nationalId') ? true : undefined}
              onInput={(e) => setNationalId((e.target as HTMLInputElement).value)}
            />
          </Field>
        )}
        <Field id="indicator" label={t('indicator')} hint={t('indicatorHint')} error={errorOf('indicator')}>
          <select
            id="indicator"
            value={code}
            aria-describedby={[describedBy('indicator', t('indicatorHint'), errorOf('indicator')), facts.length ? 'indicator-facts' : ''].filter(Boolean).join(' ')}
            aria-invalid={errorOf('indicator') ? true : undefined}
            onChange={(e) => setCode((e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('choose')}</option>
            {domains.map((d) => (
              <optgroup key={d} label={c(`domains.${d}`)}>
                {list
                  .filter((i) => i.domain === d)
                  .map((i) => (
                    <option key={i.code} value={i.code}>
                      {t('optionLabel', { name: pick(i.name, lang), points: pointsText(i) })}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          {facts.length ? (
            <ul class="indicator-facts" id="indicator-facts" data-testid="indicator-facts">
              {facts.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : null}
        </Field>
        <Field
          id="occurredAt"
          label={t('occurredAt')}
          hint={occurredIso ? `${t('occurredAtHint')} · ${t('occurredAtReads', { date: formatDateTime(occurredIso, lang) })}` : t('occurredAtHint')}
          error={errorOf('occurredAt')}
        >
          {input('occurredAt', t('occurredAtHint'), { type: 'datetime-local', max: bangkokInputValue(new Date()) }, occurredAt, setOccurredAt)}
        </Field>
        {selected?.unit === 'hour' ? (
          <Field id="quantity" label={t('quantity')} hint={t('quantityHint')} error={errorOf('quantity')}>
            {input('quantity', t('quantityHint'), { type: 'number', inputMode: 'decimal', min: 0.25, max: 24, step: 0.25 }, quantity, setQuantity)}
          </Field>
        ) : null}
        {wantsHours ? (
          <Field id="hours" label={`${t('hours')} (${c('optional')})`} hint={t('hoursHint')} error={errorOf('hours')}>
            {input('hours', t('hoursHint'), { type: 'number', inputMode: 'decimal', min: 0.25, max: 24, step: 0.25 }, hours, setHours)}
          </Field>
        ) : null}
        {evidenceKind ? (
          <Field id="evidence" label={t(`evidence.${evidenceKind}`)} hint={t(`evidence.${evidenceKind}Hint`)} error={errorOf('evidence')}>
            {input('evidence', t(`evidence.${evidenceKind}Hint`), { type: 'text', maxLength: 500, autocomplete: 'off' }, evidence, setEvidence)}
          </Field>
        ) : null}
        <Field id="ref" label={t('ref')} hint={t('refHint')} error={errorOf('ref')}>
          <div class="ref-row">
            {input('ref', t('refHint'), { type: 'text', maxLength: 128, autocomplete: 'off', spellcheck: false, class: 'ref-input' }, ref, setRef)}
            <button type="button" class="button button-secondary button-small" onClick={() => setRef(generateRef(agency, new Date()))}>
              {t('newRef')}
            </button>
          </div>
        </Field>
        <button type="submit" class="button button-large" disabled={busy || list.length === 0}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </form>
    </Page>
  );
}

/** What the chosen indicator asks, in words: certification, caps, consent. */
function indicatorFacts(i: Indicator, t: TFunction): string[] {
  const facts = [t(i.certification === 'auto' ? 'about.auto' : 'about.local')];
  if (i.caps.maxPerYear) facts.push(t('about.maxPerYear', { count: i.caps.maxPerYear }));
  if (i.caps.minIntervalDays) facts.push(t('about.minIntervalDays', { count: i.caps.minIntervalDays }));
  if (i.caps.oncePerLifetime) facts.push(t('about.oncePerLifetime'));
  if (i.caps.maxPointsPerYear) facts.push(t('about.maxPointsPerYear', { count: i.caps.maxPointsPerYear }));
  if (i.sensitive === 'health') facts.push(t('about.health'));
  return facts;
}

function OutcomeBox(props: { outcome: Outcome; boxRef: { current: HTMLElement | null }; onAnother: () => void }) {
  const { t, lang } = useT('issuer-attest');
  const { result, replayed, hint, indicator } = props.outcome;
  const main =
    result.status === 'credited' && result.credit
      ? t('outcome.credited', { points: formatNumber(result.credit.points, lang), year: formatYear(result.credit.year, lang) })
      : result.status === 'pending'
        ? t('outcome.pending')
        : t('outcome.rejected', { reason: pick(result.reason?.message, lang) || result.reason?.code || '' });
  return (
    <section class={`card outcome outcome-${result.status}`} ref={props.boxRef} tabIndex={-1} aria-labelledby="outcome-title" data-testid="outcome">
      <h2 id="outcome-title">{t('outcome.title')}</h2>
      {replayed ? (
        <p class="outcome-replayed" data-testid="outcome-replayed">
          {t('outcome.replayed')}
        </p>
      ) : null}
      <p class="outcome-main">{main}</p>
      {result.status === 'pending' ? <p>{t('outcome.pendingBody')}</p> : null}
      <p class="small">
        {indicator ? `${pick(indicator.name, lang)} · ` : ''}
        {t('outcome.who', { hint, ref: result.ref })}
      </p>
      <button type="button" class="button button-secondary" onClick={props.onAnother}>
        {t('another')}
      </button>
    </section>
  );
}

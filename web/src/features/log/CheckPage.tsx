// "Check a credit": a log index (the person's credit page shows it, and links here with ?index=)
// → the browser fetches the signed checkpoint, the inclusion proof and the entry itself, verifies
// them all (check.ts) and shows the result with the entry's public content.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatDate, formatNumber, formatYear } from '../../lib/format';
import { getAgencies, getIndicator } from './api';
import { type CheckResult, checkLogIndex } from './check';
import type { LogEntry } from './entry';
import { messages } from './messages';
import { shortHash } from './note';
import './log.css';

register('log', messages);

const parseIndex = (s: string | undefined) => (s !== undefined && /^\s*\d{1,15}\s*$/.test(s) ? Number(s.trim()) : undefined);

export default function CheckPage() {
  const { t } = useT('log');
  const { query, route } = useLocation();
  const [input, setInput] = useState(query.index ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [result, setResult] = useState<CheckResult | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  async function run(index: number) {
    setBusy(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      const r = await checkLogIndex(index);
      if (r.status === 'outside') {
        setErrors([{ field: 'log-index', message: r.size === 0 ? t('errors.outsideEmpty') : t('errors.outside', { size: r.size, last: r.size - 1 }) }]);
      } else {
        setErrors([]);
        setResult(r);
      }
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const index = parseIndex(query.index);
    if (index !== undefined) void run(index);
    else if (query.index !== undefined) setErrors([{ field: 'log-index', message: t('errors.index') }]);
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const index = parseIndex(input);
    if (index === undefined) {
      setResult(undefined);
      setErrors([{ field: 'log-index', message: t('errors.index') }]);
      return;
    }
    route(`/log/check?index=${index}`, true);
    void run(index);
  }

  const fieldError = errors.find((e) => e.field === 'log-index')?.message;
  return (
    <Page title={t('checkTitle')} lead={t('checkLead')}>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate class="check-form">
        <Field id="log-index" label={t('index')} hint={t('indexHint')} error={fieldError}>
          <input
            id="log-index"
            type="text"
            inputMode="numeric"
            autocomplete="off"
            maxLength={16}
            value={input}
            aria-describedby={describedBy('log-index', t('indexHint'), fieldError)}
            aria-invalid={fieldError ? true : undefined}
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
          />
        </Field>
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('checking') : t('check')}
        </button>
      </form>
      <div aria-live="polite">{busy ? <p class="loading">{t('checking')}</p> : null}</div>
      {failure ? <ErrorMessage error={failure} /> : null}
      {result && result.status !== 'outside' ? <Result result={result} /> : null}
    </Page>
  );
}

function Result({ result }: { result: Exclude<CheckResult, { status: 'outside' }> }) {
  const { t } = useT('log');
  const ok = result.status === 'verified';
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result]);
  return (
    <section class={ok ? 'card check-result check-ok' : 'card check-result check-failed'} aria-labelledby="result-title" data-testid="check-result" data-status={result.status}>
      <h2 id="result-title" tabIndex={-1} ref={heading}>
        {ok ? `✓ ${t('resultOk', { index: result.index })}` : `✗ ${t('resultFailed', { index: result.index })}`}
      </h2>
      {result.status === 'verified' ? (
        <>
          <h3>{t('steps')}</h3>
          <ul class="check-steps">
            <li>✓ {t('step1', { value: result.checkpoint.size, name: result.keyName })}</li>
            <li>
              ✓ {t('step2')} <code>{shortHash(result.leafHash)}</code>
            </li>
            <li>✓ {t('step3', { value: result.proofSteps })}</li>
          </ul>
        </>
      ) : (
        <>
          <p class="failed-reason">{t(`reasons.${result.reason}`)}</p>
          <p>{t('failedHint')}</p>
        </>
      )}
      {result.entry ? <EntryView entry={result.entry} /> : null}
    </section>
  );
}

function EntryView({ entry }: { entry: LogEntry }) {
  const { t, lang } = useT('log');
  const [names, setNames] = useState<{ indicator?: { th: string; en: string }; agencies: Map<string, { th: string; en: string }> }>({ agencies: new Map() });
  useEffect(() => {
    let live = true;
    const indicator =
      entry.kind === 'credit'
        ? getIndicator(entry.indicator).then(
            (i) => i.name,
            () => undefined,
          )
        : Promise.resolve(undefined);
    const agencies = getAgencies().then(
      (a) => new Map(a.items.map((x) => [x.code, x.name])),
      () => new Map<string, { th: string; en: string }>(),
    );
    void Promise.all([indicator, agencies]).then(([i, a]) => live && setNames({ ...(i ? { indicator: i } : {}), agencies: a }));
    return () => {
      live = false;
    };
  }, [entry]);
  const agency = (code: string) => pick(names.agencies.get(code), lang) || code;
  const row = (label: string, value: ComponentChildren) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <>
      <h3>{t('entryTitle')}</h3>
      <dl class="facts" data-testid="entry">
        {row(t('kind'), t(`kinds.${entry.kind}`))}
        {entry.kind === 'credit' ? (
          <>
            {row(t('deed'), names.indicator ? `${pick(names.indicator, lang)} (${entry.indicator})` : entry.indicator)}
            {row(t('points'), t('pointsValue', { value: formatNumber(entry.points, lang) }))}
            {row(t('year'), formatYear(entry.year, lang))}
            {row(t('day'), formatDate(`${entry.day}T12:00:00+07:00`, lang))}
            {row(t('issuer'), agency(entry.issuer))}
            {row(t('certifier'), entry.certifier ? agency(entry.certifier) : t('noCertifier'))}
            {row(t('ruleVersion'), String(entry.ruleVersion))}
          </>
        ) : entry.kind === 'other' ? (
          row(t('rawText'), <code class="hash">{entry.text}</code>)
        ) : (
          <>
            {row(t('privilege'), entry.privilege)}
            {row(t('partner'), agency(entry.partner))}
            {row(t('points'), t('pointsValue', { value: formatNumber(entry.points, lang) }))}
            {row(t('day'), formatDate(`${entry.day}T12:00:00+07:00`, lang))}
          </>
        )}
        {entry.kind !== 'other' ? (
          <>
            {row(
              t('subject'),
              <>
                <code>{shortHash(entry.subject, 16)}</code>
                <span class="small muted subject-hint">{t('subjectHint')}</span>
              </>,
            )}
            {row(t('recordId'), <code class="hash">{entry.id}</code>)}
          </>
        ) : null}
      </dl>
    </>
  );
}

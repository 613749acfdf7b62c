// Checking a member's eligibility QR (a threshold privilege such as a fuel discount): the server
// verifies the signed token and uses it up, so each QR grants the privilege once. The member appears
// only as a short reference of the partner's own pseudonym: no name, no ID, no score.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { type Eligibility, type TokenExpired, detailsOf, verifyEligibility } from './api';
import { type TokenKind, readCounterInput, shortReference, tokenKind } from './codes';
import { CodeEntry } from './CodeEntry';
import { Outcome } from './Outcome';

type Result =
  | { kind: 'ok'; eligibility: Eligibility }
  | { kind: 'used' }
  | { kind: 'expired'; details: TokenExpired }
  | { kind: 'invalid' }
  | { kind: 'wrongKind'; token: Exclude<TokenKind, 'eligibility' | 'other'> }
  | { kind: 'failed'; error: unknown };

async function attempt(token: string): Promise<Result> {
  const kind = tokenKind(token);
  if (kind === 'voucher' || kind === 'card') return { kind: 'wrongKind', token: kind };
  try {
    return { kind: 'ok', eligibility: await verifyEligibility(token) };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'token_already_used') return { kind: 'used' };
    const expired = detailsOf<TokenExpired>(err, 'token_expired', 'expiredAt');
    if (expired) return { kind: 'expired', details: expired };
    // A body the API refuses as malformed (too short, too long) is not a valid token either.
    if (err instanceof ApiError && (err.code === 'invalid_token' || err.code === 'validation_failed')) return { kind: 'invalid' };
    return { kind: 'failed', error: err };
  }
}

export function EligibilityPanel({ privilegeName }: { privilegeName: (code: string) => string }) {
  const { t, lang } = useT('counter');
  const [value, setValue] = useState('');
  const [inputError, setInputError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | undefined>(undefined);
  const field = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLElement>(null);

  async function run(token: string) {
    setBusy(true);
    setInputError(undefined);
    setResult(undefined);
    try {
      setResult(await attempt(token));
    } finally {
      setBusy(false);
      setValue('');
      setTimeout(() => {
        field.current?.focus({ preventScroll: true });
        panel.current?.scrollIntoView({ block: 'start' });
      }, 0);
    }
  }

  function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const input = readCounterInput(value);
    if (!input || !('token' in input)) {
      setInputError(t('eligibility.invalidInput'));
      field.current?.focus();
      return;
    }
    void run(input.token);
  }

  function scanned(text: string) {
    const input = readCounterInput(text);
    if (input && 'token' in input) void run(input.token);
    else setResult({ kind: 'invalid' });
  }

  const hint = t('eligibility.hint');
  return (
    <section ref={panel} class="counter-panel" aria-labelledby="eligibility-title">
      <h2 id="eligibility-title">{t('eligibility.title')}</h2>
      <p class="hint">{t('eligibility.lead')}</p>
      <div aria-live="assertive" aria-atomic="true">
        {result?.kind === 'ok' ? (
          <Outcome tone="go" title={t('eligibility.ok', { privilege: privilegeName(result.eligibility.privilege) })} testId="eligibility-result">
            <p class="outcome-big">{t('eligibility.okBody')}</p>
            <p>{t('eligibility.reference', { ref: shortReference(result.eligibility.subject) })}</p>
            <p>{t('eligibility.referenceHint')}</p>
          </Outcome>
        ) : result?.kind === 'used' ? (
          <Outcome tone="stop" title={t('eligibility.used')} testId="eligibility-result">
            <p>{t('eligibility.usedBody')}</p>
          </Outcome>
        ) : result?.kind === 'expired' ? (
          <Outcome tone="stop" title={t('eligibility.expired')} testId="eligibility-result">
            <p class="outcome-big">{t('eligibility.expiredWhen', { time: formatDateTime(result.details.expiredAt, lang) })}</p>
          </Outcome>
        ) : result?.kind === 'invalid' ? (
          <Outcome tone="stop" title={t('eligibility.invalid')} testId="eligibility-result">
            <p>{t('eligibility.invalidBody')}</p>
          </Outcome>
        ) : result?.kind === 'wrongKind' ? (
          <Outcome tone="info" title={t(`wrongKind.${result.token}`)} testId="eligibility-result">
            <p>{t('wrongKind.body')}</p>
          </Outcome>
        ) : result?.kind === 'failed' ? (
          <ErrorMessage error={result.error} />
        ) : null}
      </div>
      <CodeEntry
        id="eligibility-token"
        inputClass="token-input"
        autocapitalize="off"
        label={t('eligibility.label')}
        hint={hint}
        error={inputError}
        value={value}
        onValue={setValue}
        busy={busy}
        submitLabel={t('eligibility.submit')}
        busyLabel={t('eligibility.busy')}
        field={field}
        onSubmit={submit}
        onRead={scanned}
        scanId="eligibility"
      />
    </section>
  );
}

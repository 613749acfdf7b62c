// Confirming a voucher: the 8-character code typed (forgivingly) or its QR scanned. The server confirms
// a voucher once; every later attempt is refused, and this panel shows that refusal so loudly that the
// goods are not handed over twice. After each answer the field is empty and focused for the next customer.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { type AlreadyUsed, type Expired, type Voucher, confirmVoucher, detailsOf } from './api';
import { type CounterInput, type TokenKind, groupCode, readCounterInput, tokenKind } from './codes';
import { CodeEntry } from './CodeEntry';
import { Outcome } from './Outcome';

type Result =
  | { kind: 'ok'; voucher: Voucher }
  | { kind: 'used'; details: AlreadyUsed }
  | { kind: 'expired'; details: Expired }
  | { kind: 'notFound' }
  | { kind: 'invalid' }
  | { kind: 'wrongKind'; token: Exclude<TokenKind, 'voucher' | 'other'> }
  | { kind: 'failed'; error: unknown };

async function attempt(input: CounterInput): Promise<Result> {
  if ('token' in input) {
    const kind = tokenKind(input.token);
    if (kind === 'eligibility' || kind === 'card') return { kind: 'wrongKind', token: kind };
  }
  try {
    return { kind: 'ok', voucher: await confirmVoucher(input) };
  } catch (err) {
    const used = detailsOf<AlreadyUsed>(err, 'voucher_already_used', 'confirmedAt');
    if (used) return { kind: 'used', details: used };
    const expired = detailsOf<Expired>(err, 'voucher_expired', 'expiresAt');
    if (expired) return { kind: 'expired', details: expired };
    if (err instanceof ApiError && err.code === 'voucher_not_found') return { kind: 'notFound' };
    // A token the API refuses as malformed (e.g. longer than any voucher's) is not a voucher either.
    if (err instanceof ApiError && (err.code === 'invalid_token' || err.code === 'validation_failed')) return { kind: 'invalid' };
    return { kind: 'failed', error: err };
  }
}

export function VoucherPanel({ privilegeName }: { privilegeName: (code: string) => string }) {
  const { t, lang } = useT('counter');
  const [value, setValue] = useState('');
  const [inputError, setInputError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | undefined>(undefined);
  const field = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLElement>(null);

  async function run(input: CounterInput) {
    setBusy(true);
    setInputError(undefined);
    setResult(undefined);
    try {
      setResult(await attempt(input));
    } finally {
      setBusy(false);
      // Ready for the next customer: the field empty and focused, the answer in view just above it.
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
    if (!input) {
      setInputError(t('voucher.invalidInput'));
      field.current?.focus();
      return;
    }
    void run(input);
  }

  function scanned(text: string) {
    const input = readCounterInput(text);
    if (input) void run(input);
    else setResult({ kind: 'invalid' });
  }

  const time = (iso: string) => formatDateTime(iso, lang);
  const hint = t('voucher.hint');
  return (
    <section ref={panel} class="counter-panel" aria-labelledby="voucher-title">
      <h2 id="voucher-title">{t('voucher.title')}</h2>
      <div aria-live="assertive" aria-atomic="true">
        {result?.kind === 'ok' ? (
          <Outcome tone="go" title={t('voucher.ok')} testId="voucher-result">
            <p class="outcome-big">{privilegeName(result.voucher.privilege)}</p>
            <p>{t('voucher.okPoints', { points: formatNumber(result.voucher.points, lang) })}</p>
            <p>{t('voucher.okCode', { code: groupCode(result.voucher.shortCode), time: time(result.voucher.confirmedAt ?? new Date().toISOString()) })}</p>
          </Outcome>
        ) : result?.kind === 'used' ? (
          <Outcome tone="stop" title={t('voucher.used')} testId="voucher-result">
            <p class="outcome-big">{t('voucher.usedWhen', { time: time(result.details.confirmedAt) })}</p>
            <p>{privilegeName(result.details.privilege)}</p>
            <p>{t('voucher.usedAdvice')}</p>
          </Outcome>
        ) : result?.kind === 'expired' ? (
          <Outcome tone="stop" title={t('voucher.expired')} testId="voucher-result">
            <p class="outcome-big">{t('voucher.expiredWhen', { time: time(result.details.expiresAt) })}</p>
          </Outcome>
        ) : result?.kind === 'notFound' ? (
          <Outcome tone="stop" title={t('voucher.notFound')} testId="voucher-result">
            <p>{t('voucher.notFoundBody')}</p>
          </Outcome>
        ) : result?.kind === 'invalid' ? (
          <Outcome tone="stop" title={t('voucher.invalid')} testId="voucher-result">
            <p>{t('voucher.invalidBody')}</p>
          </Outcome>
        ) : result?.kind === 'wrongKind' ? (
          <Outcome tone="info" title={t(`wrongKind.${result.token}`)} testId="voucher-result">
            <p>{t('wrongKind.body')}</p>
          </Outcome>
        ) : result?.kind === 'failed' ? (
          <ErrorMessage error={result.error} />
        ) : null}
      </div>
      <CodeEntry
        id="voucher-code"
        inputClass="code-input"
        autocapitalize="characters"
        label={t('voucher.label')}
        hint={hint}
        error={inputError}
        value={value}
        onValue={setValue}
        busy={busy}
        submitLabel={t('voucher.submit')}
        busyLabel={t('voucher.busy')}
        field={field}
        onSubmit={submit}
        onRead={scanned}
        scanId="voucher"
      />
    </section>
  );
}

// /staff/:agency/scan — a registrar or certifier finds a member from the QR of their membership card
// (camera, photo, or the text pasted from a scanner). Only members of the officer's area are found:
// the server answers a card of another area exactly as one that does not exist.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, describedBy } from '../../components/Form';
import { Page } from '../../components/Page';
import { QrScan } from '../../components/QrScan';
import { register, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { StaffGate } from '../staff/use-staff';
import { type CardReplaced, type Member, scanCard } from './api';
import { MemberSummary } from './MemberSummary';
import { messages } from './messages';
import './registrar.css';

register('registrar', messages);

type Result = { kind: 'found'; member: Member } | { kind: 'notInArea' } | { kind: 'replaced'; details: CardReplaced } | { kind: 'invalid' } | { kind: 'failed'; error: unknown };

function replacedDetails(err: ApiError): CardReplaced | undefined {
  const d = err.error.details as Partial<CardReplaced> | undefined;
  return typeof d?.serial === 'number' && typeof d.currentSerial === 'number' && typeof d.replacedAt === 'string' ? (d as CardReplaced) : undefined;
}

async function lookUp(token: string): Promise<Result> {
  try {
    return { kind: 'found', member: await scanCard(token) };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'account_not_found') return { kind: 'notInArea' };
    const replaced = err instanceof ApiError && err.code === 'card_replaced' ? replacedDetails(err) : undefined;
    if (replaced) return { kind: 'replaced', details: replaced };
    if (err instanceof ApiError && (err.code === 'invalid_token' || err.code === 'validation_failed')) return { kind: 'invalid' };
    return { kind: 'failed', error: err };
  }
}

function Scan() {
  const { t, lang } = useT('registrar');
  const [value, setValue] = useState('');
  const [inputError, setInputError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | undefined>(undefined);
  const field = useRef<HTMLInputElement>(null);

  async function run(token: string) {
    setBusy(true);
    setInputError(undefined);
    setResult(undefined);
    try {
      setResult(await lookUp(token));
    } finally {
      setBusy(false);
      setValue('');
      setTimeout(() => field.current?.focus(), 0);
    }
  }
  function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const token = value.trim();
    if (!token) {
      setInputError(t('tokenMissing'));
      field.current?.focus();
      return;
    }
    void run(token);
  }

  const hint = t('tokenHint');
  return (
    <>
      <form onSubmit={submit} noValidate>
        <Field id="card-token" label={t('token')} hint={hint} error={inputError}>
          <input
            ref={field}
            id="card-token"
            class="token-field"
            type="text"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            maxLength={2000}
            value={value}
            aria-describedby={describedBy('card-token', hint, inputError)}
            aria-invalid={inputError ? true : undefined}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          />
        </Field>
        <button type="submit" class="button button-large scan-submit" disabled={busy}>
          {busy ? t('searching') : t('search')}
        </button>
      </form>
      <QrScan id="card" onRead={(text) => void run(text.trim())} disabled={busy} />
      <div aria-live="polite" data-testid="scan-result">
        {result?.kind === 'found' ? (
          <section class="notice notice-ok" aria-labelledby="found-title">
            <h2 id="found-title">{t('found')}</h2>
            <MemberSummary member={result.member} />
          </section>
        ) : result?.kind === 'notInArea' ? (
          <div class="notice notice-error">
            <p class="notice-title">{t('notInArea')}</p>
            <p>{t('notInAreaBody')}</p>
          </div>
        ) : result?.kind === 'replaced' ? (
          <div class="notice notice-error">
            <p class="notice-title">{t('replaced')}</p>
            <p>{t('replacedBody', { serial: result.details.serial, current: result.details.currentSerial, date: formatDate(result.details.replacedAt, lang) })}</p>
          </div>
        ) : result?.kind === 'invalid' ? (
          <div class="notice notice-error">
            <p class="notice-title">{t('invalid')}</p>
            <p>{t('invalidBody')}</p>
          </div>
        ) : result?.kind === 'failed' ? (
          <ErrorMessage error={result.error} />
        ) : null}
      </div>
    </>
  );
}

export default function RegistrarScanPage({ agency }: { agency?: string }) {
  const { t } = useT('registrar');
  return (
    <StaffGate agency={agency} role={['registrar', 'certifier']} purpose="card">
      {() => (
        <Page title={t('scanTitle')} lead={t('scanLead')}>
          <Scan />
        </Page>
      )}
    </StaffGate>
  );
}

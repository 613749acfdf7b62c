// "Check a certificate", for anyone: paste it or choose its file, and the platform says whether it
// is valid (its signature, its shape, its dates) and, when it is, what it states.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { type Credential, verifyCertificate } from './api';
import { findCertificate } from './certificate-text';
import { CertificateSummary } from './CertificateSummary';

// The API takes at most 200,000 characters; a real certificate is a few kilobytes.
const MAX_BYTES = 200_000;

type Outcome = { valid: true; credential: Credential } | { valid: false; problems: string[] } | { valid: false; revoked: true; revokedAt: string | null; credential: Credential };

function problemsOf(err: ApiError): string[] {
  const d = err.error.details;
  const p = d && typeof d === 'object' ? (d as { problems?: unknown }).problems : undefined;
  return Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string') : [];
}

export function VerifyBox() {
  const { t, lang } = useT('certificates');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;

  async function chooseFile(e: Event) {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    setOutcome(undefined);
    if (!f) return;
    setFileName(f.name);
    if (f.size > MAX_BYTES) {
      setErrors([{ field: 'certificate-file', message: t('errors.tooLarge') }]);
      return;
    }
    try {
      setText(await f.text());
      setErrors([]);
    } catch {
      setErrors([{ field: 'certificate-file', message: t('errors.unreadable') }]);
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    setOutcome(undefined);
    setFailure(undefined);
    if (!text.trim()) return setErrors([{ field: 'certificate-text', message: t('errors.empty') }]);
    const jwt = findCertificate(text);
    if (!jwt) return setErrors([{ field: 'certificate-text', message: t('errors.notCertificate') }]);
    if (jwt.length > MAX_BYTES) return setErrors([{ field: 'certificate-text', message: t('errors.tooLarge') }]);
    setErrors([]);
    setBusy(true);
    try {
      const r = await verifyCertificate(jwt);
      // A revoked certificate is genuine but no longer stands: a credit it states was reversed.
      setOutcome(r.revoked ? { valid: false, revoked: true, revokedAt: r.status?.revokedAt ?? null, credential: r.credential } : { valid: true, credential: r.credential });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_certificate') setOutcome({ valid: false, problems: problemsOf(err) });
      else if (err instanceof ApiError && err.code === 'validation_failed') setErrors([{ field: 'certificate-text', message: t('errors.notCertificate') }]);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  const pasteHint = t('pasteHint');
  const fileHint = t('fileHint');
  return (
    <div class="verify-box card">
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <Field id="certificate-text" label={t('paste')} hint={pasteHint} error={errorOf('certificate-text')}>
          <textarea
            id="certificate-text"
            rows={4}
            spellcheck={false}
            autocapitalize="off"
            autocomplete="off"
            value={text}
            aria-describedby={describedBy('certificate-text', pasteHint, errorOf('certificate-text'))}
            aria-invalid={errorOf('certificate-text') ? true : undefined}
            onInput={(e) => {
              setText((e.target as HTMLTextAreaElement).value);
              setOutcome(undefined);
            }}
          />
        </Field>
        <Field id="certificate-file" label={t('file')} hint={fileHint} error={errorOf('certificate-file')}>
          {/* The browser's own file button speaks the browser's language; this one speaks the page's. */}
          <input
            ref={fileInput}
            id="certificate-file-input"
            type="file"
            class="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            accept=".jwt,.txt,.json,application/vc+jwt,application/json,text/plain"
            onChange={(e) => void chooseFile(e)}
          />
          <div class="file-picker">
            <button
              type="button"
              id="certificate-file"
              class="button button-secondary"
              aria-describedby={[describedBy('certificate-file', fileHint, errorOf('certificate-file')), 'certificate-file-name'].filter(Boolean).join(' ')}
              aria-invalid={errorOf('certificate-file') ? true : undefined}
              onClick={() => fileInput.current?.click()}
            >
              {t('chooseFile')}
            </button>
            <span id="certificate-file-name" class="small muted">
              {fileName ?? t('noFile')}
            </span>
          </div>
        </Field>
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('checking') : t('check')}
        </button>
      </form>
      {failure ? <ErrorMessage error={failure} /> : null}
      {outcome?.valid ? (
        <div class="notice notice-ok verify-result" data-testid="verify-result" data-valid="true">
          <p class="notice-title" role="status">
            <span aria-hidden="true">✓ </span>
            {t('valid')}
          </p>
          <CertificateSummary credential={outcome.credential} />
        </div>
      ) : null}
      {outcome && 'revoked' in outcome ? (
        <div class="notice notice-error verify-result" role="alert" data-testid="verify-result" data-valid="false" data-revoked="true">
          <p class="notice-title">
            <span aria-hidden="true">✗ </span>
            {t('revoked')}
          </p>
          {outcome.revokedAt ? <p>{t('revokedOn', { date: formatDate(outcome.revokedAt, lang) })}</p> : null}
          <p>{t('revokedWhy')}</p>
          <CertificateSummary credential={outcome.credential} />
        </div>
      ) : null}
      {outcome && !outcome.valid && 'problems' in outcome ? (
        <div class="notice notice-error verify-result" role="alert" data-testid="verify-result" data-valid="false">
          <p class="notice-title">
            <span aria-hidden="true">✗ </span>
            {t('invalid')}
          </p>
          {outcome.problems.length ? (
            <details>
              <summary>{t('invalidTechnical')}</summary>
              <ul lang="en">
                {outcome.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

// An issuer sends a file of deeds: what the file must hold (and an example to start from), the
// upload, a progress bar while the server works through it, the totals, the problems row by row
// (with the same report as a CSV to download) and the agency's recent files.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { StaffGate } from '../staff/use-staff';
import { type ImportView, getImport, listImports, uploadImport } from './api';
import { ErrorReport, breakable } from './ErrorReport';
import { importMessages } from './messages';
import './issuer.css';

register('issuer-import', importMessages);

/** Served with the web app (copied from docs/exchange at build time, see web/vite.config.ts). */
export const EXAMPLE_FILE = '/exchange/attestations.example.csv';
const POLL_MS = 1000;

const COLUMNS: Array<{ names: string[]; need: 'yes' | 'oneOf' | 'ifAsked' | 'no'; meaning: string }> = [
  { names: ['ref'], need: 'yes', meaning: 'ref' },
  { names: ['national_id'], need: 'oneOf', meaning: 'national_id' },
  { names: ['account_id'], need: 'oneOf', meaning: 'account_id' },
  { names: ['passport_country', 'passport_number'], need: 'oneOf', meaning: 'passport' },
  { names: ['indicator'], need: 'yes', meaning: 'indicator' },
  { names: ['occurred_at'], need: 'yes', meaning: 'occurred_at' },
  { names: ['quantity'], need: 'no', meaning: 'quantity' },
  { names: ['hours'], need: 'no', meaning: 'hours' },
  { names: ['evidence_<key>'], need: 'ifAsked', meaning: 'evidence' },
];

export default function ImportPage({ agency }: { agency?: string }) {
  const { t } = useT('issuer-import');
  return (
    <StaffGate agency={agency} role="issuer">
      {() => (
        <Page title={t('title')} lead={t('lead')} wide>
          <ImportConsole />
        </Page>
      )}
    </StaffGate>
  );
}

function ImportConsole() {
  const { t } = useT('issuer-import');
  const recent = useAsync(() => listImports(10), []);
  const [current, setCurrent] = useState<ImportView | undefined>(undefined);
  const uploaded = (view: ImportView) => {
    setCurrent(view);
    recent.reload();
  };
  return (
    <div class="import-console">
      <UploadForm onUploaded={uploaded} />
      {current ? <ImportProgress key={current.id} initial={current} onFinished={recent.reload} /> : null}
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t('recentTitle')}</h2>
        {recent.error ? <ErrorMessage error={recent.error} onRetry={recent.reload} /> : null}
        {!recent.data && !recent.error ? <Loading /> : null}
        {recent.data ? <RecentImports items={recent.data.items} current={current?.id} onShow={setCurrent} /> : null}
      </section>
      <FileColumns />
    </div>
  );
}

function FileColumns() {
  const { t } = useT('issuer-import');
  return (
    <section aria-labelledby="columns-title">
      <h2 id="columns-title">{t('columnsCaption')}</h2>
      <table class="columns-table">
        <thead>
          <tr>
            <th scope="col">{t('column')}</th>
            <th scope="col">{t('required')}</th>
            <th scope="col">{t('meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {COLUMNS.map((col) => (
            <tr key={col.meaning}>
              <td>
                {col.names.map((n) => (
                  <code key={n}>{breakable(n)}</code>
                ))}
              </td>
              <td>{t(col.need)}</td>
              <td>{t(`columns.${col.meaning}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function UploadForm({ onUploaded }: { onUploaded: (view: ImportView) => void }) {
  const { t } = useT('issuer-import');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const error = errors[0]?.message;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const problem = !file ? 'errors.file' : !/\.(csv|jsonl|ndjson)$/i.test(file.name) ? 'errors.type' : file.size === 0 ? 'errors.empty' : undefined;
    setErrors(problem ? [{ field: 'import-file', message: t(problem) }] : []);
    if (problem || !file) return;
    const form = e.currentTarget as HTMLFormElement;
    setBusy(true);
    setFailure(undefined);
    try {
      onUploaded(await uploadImport(file));
      form.reset();
      setFile(undefined);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">{t('upload')}</h2>
      <p>{t('formatBody')}</p>
      <ul class="link-list format-links">
        <li>
          <a class="button button-secondary" href={EXAMPLE_FILE} download="attestations.example.csv">
            {t('example')}
          </a>
        </li>
        <li>
          <a href="#columns-title">{t('seeColumns')}</a>
        </li>
      </ul>
      <ErrorSummary errors={errors} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form method="post" onSubmit={submit} noValidate class="upload-form">
        <Field id="import-file" label={t('file')} hint={t('fileHint')} error={error}>
          <input
            id="import-file"
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            aria-describedby={describedBy('import-file', t('fileHint'), error)}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])}
          />
        </Field>
        <button type="submit" class="button button-large" disabled={busy}>
          {busy ? t('uploading') : t('upload')}
        </button>
      </form>
    </section>
  );
}

const isFinished = (v: ImportView) => v.status === 'done' || v.status === 'failed';

/** Polls the import until the server has answered every row, then shows the totals and the report. */
function ImportProgress({ initial, onFinished }: { initial: ImportView; onFinished: () => void }) {
  const { t, lang } = useT('issuer-import');
  const [view, setView] = useState(initial);
  const [failure, setFailure] = useState<unknown>(undefined);
  // The recent list is reloaded when an import this screen watched comes to an end.
  const watched = useRef(!isFinished(initial));

  useEffect(() => {
    if (isFinished(view)) {
      if (watched.current) onFinished();
      watched.current = false;
      return;
    }
    const timer = setTimeout(() => {
      getImport(view.id).then(
        (next) => {
          setFailure(undefined);
          setView(next);
        },
        // A lost connection is shown and the polling goes on.
        (err: unknown) => {
          setFailure(err);
          setView((v) => ({ ...v }));
        },
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [view]);

  const percent = view.sizeBytes > 0 ? Math.floor((view.position / view.sizeBytes) * 100) : 100;
  const totals = ['rowsRead', 'credited', 'pending', 'rejected', 'failed', 'alreadyRecorded'] as const;
  return (
    <>
      <section class="card import-status" aria-labelledby="import-title" data-testid="import-status">
        <h2 id="import-title">{t('current', { name: view.fileName })}</h2>
        <p class={`import-state import-${view.status}`} role="status" data-testid="import-state">
          {t(`status.${view.status}`)}
        </p>
        {view.status === 'failed' && view.error ? <p class="notice notice-error">{lang === 'en' ? view.error.message.en : view.error.message.th}</p> : null}
        {failure ? <ErrorMessage error={failure} /> : null}
        <div class="progress-row">
          <span id="import-progress-label" class="visually-hidden">
            {t('progress')}
          </span>
          <progress class="import-progress" max={100} value={percent} aria-labelledby="import-progress-label" aria-describedby="import-progress-text">
            {percent}%
          </progress>
          <p id="import-progress-text" class="small" data-testid="import-progress-text">
            {t('progressText', { percent, rows: formatNumber(view.rowsRead, lang) })}
          </p>
        </div>
        <h3>{t('totalsTitle')}</h3>
        <dl class="totals">
          {totals.map((k) => (
            <div key={k} class={`total total-${k}`} data-testid={`total-${k}`}>
              <dt>{t(`totals.${k}`)}</dt>
              <dd>{formatNumber(view[k], lang)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {isFinished(view) ? <ErrorReport view={view} /> : null}
    </>
  );
}

function RecentImports({ items, current, onShow }: { items: ImportView[]; current: string | undefined; onShow: (v: ImportView) => void }) {
  const { t, lang } = useT('issuer-import');
  if (items.length === 0) return <p>{t('noRecent')}</p>;
  return (
    <ul class="recent-imports" aria-label={t('recentCaption')}>
      {items.map((v) => (
        <li key={v.id} class="recent-import" data-testid="recent-import">
          <p class="recent-name">
            <strong>{v.fileName}</strong> <span class={`import-state import-${v.status}`}>{t(`status.${v.status}`)}</span>
          </p>
          <p class="small">
            {t('sentAt')} {formatDateTime(v.createdAt, lang)} · {t('totals.rowsRead')} {formatNumber(v.rowsRead, lang)} · {t('totals.credited')} {formatNumber(v.credited, lang)} ·{' '}
            {t('totals.failed')} {formatNumber(v.failed, lang)}
          </p>
          {v.id === current ? (
            <p class="small muted">{t('showing')}</p>
          ) : (
            <button type="button" class="button button-secondary button-small" aria-label={t('showName', { name: v.fileName })} onClick={() => onShow(v)}>
              {t('show')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

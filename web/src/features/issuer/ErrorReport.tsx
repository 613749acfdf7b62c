// The problems of one import, a page at a time in file order (GET /api/v1/imports/:id/errors), and
// the same report as a CSV file. The report names lines, columns and codes, never a national ID.
import { useRef, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { pick, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { type ErrorsPage, type ImportView, errorsCsv, errorsPage } from './api';

const PAGE_SIZE = 20;

/** A code such as national_id or evidence_donationNo, allowed to wrap only after its underscores. */
export const breakable = (code: string) => code.split(/(?<=_)/).flatMap((part, i) => (i ? [<wbr key={i} />, part] : [part]));

export function ErrorReport({ view }: { view: ImportView }) {
  const { t, lang } = useT('issuer-import');
  // The cursor of each page seen so far: [first page, second, …]; the last one is shown.
  const [cursors, setCursors] = useState<Array<ErrorsPage['next']>>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(() => errorsPage(view.id, cursor, PAGE_SIZE), [view.id, cursor?.afterRow, cursor?.afterSeq]);
  const [downloadError, setDownloadError] = useState<unknown>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);

  const turn = (next: Array<ErrorsPage['next']>) => {
    setCursors(next);
    heading.current?.focus();
  };

  async function download(e: Event) {
    // The report needs the agency header, which a plain link cannot send: fetch it, then save it.
    e.preventDefault();
    setDownloadError(undefined);
    try {
      const blob = await errorsCsv(view);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `import-${view.id}-errors.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setDownloadError(err);
    }
  }

  const noProblems = view.errorCount === 0;
  return (
    <section class="error-report" aria-labelledby="report-title">
      <h3 id="report-title" ref={heading} tabIndex={-1}>
        {t('reportTitle')}
      </h3>
      {noProblems ? <p>{t('noProblems')}</p> : null}
      {view.errorsTruncated ? <p class="notice notice-warn">{t('truncated')}</p> : null}
      {!noProblems && page.error ? <ErrorMessage error={page.error} onRetry={page.reload} /> : null}
      {!noProblems && !page.data && !page.error ? <Loading /> : null}
      {!noProblems && page.data ? (
        <>
          <table class="report-table" data-testid="error-report">
            <caption id="report-caption">
              {t('reportCaption')} · {t('pageOf', { page: formatNumber(cursors.length, lang) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('row')}</th>
                <th scope="col">{t('column')}</th>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('message')}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((line) => (
                <tr key={`${line.row}-${line.seq}`} data-testid="error-row">
                  <td>{line.row}</td>
                  <td>{line.column ? <code>{breakable(line.column)}</code> : t('wholeRow')}</td>
                  <td>
                    <code>{line.code}</code>
                    <span class="small muted"> {t(line.outcome === 'failed' ? 'outcomeFailed' : 'outcomeRejected')}</span>
                  </td>
                  <td lang={lang}>{pick(line.message, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="pager">
            {cursors.length > 1 ? (
              <button type="button" class="button button-secondary button-small" onClick={() => turn(cursors.slice(0, -1))}>
                {t('previous')}
              </button>
            ) : null}
            {page.data.next ? (
              <button type="button" class="button button-secondary button-small" onClick={() => turn([...cursors, page.data?.next])}>
                {t('next')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      {!noProblems ? (
        <p>
          <a class="button button-secondary" href={view.errorsUrl} download={`import-${view.id}-errors.csv`} onClick={download} data-testid="download-errors">
            {t('download')}
          </a>
        </p>
      ) : null}
      {downloadError ? <ErrorMessage error={downloadError} /> : null}
    </section>
  );
}

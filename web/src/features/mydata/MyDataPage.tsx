// /me/data (ข้อมูลของฉัน): the person's rights in one place: consents with a signed receipt for
// every change, who looked at their record and why, and the export of everything kept about them.
import { useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { AccessLogSection } from './AccessLogSection';
import { exportJsonFile, exportPdfFile, getConsents, saveBlob } from './api';
import { ConsentSection } from './ConsentSection';
import { messages } from './messages';
import './mydata.css';

register('mydata', messages);

function ExportButton({ label, load, name }: { label: string; load: () => Promise<Blob>; name: string }) {
  const { t } = useT('mydata');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  async function run() {
    setBusy(true);
    setFailure(undefined);
    try {
      saveBlob(await load(), name);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" class="button" disabled={busy} onClick={() => void run()}>
        {busy ? t('downloading') : label}
      </button>
      {failure ? <ErrorMessage error={failure} /> : null}
    </>
  );
}

function MyData({ accountId }: { accountId: string }) {
  const { t } = useT('mydata');
  const consents = useAsync(() => getConsents(accountId), [accountId]);
  return (
    <>
      {consents.error && !consents.data ? <ErrorMessage error={consents.error} onRetry={consents.reload} /> : null}
      {consents.data ? <ConsentSection accountId={accountId} consents={consents.data} reload={consents.reload} /> : consents.error ? null : <Loading />}
      <AccessLogSection accountId={accountId} />
      <section class="card" aria-labelledby="export-title">
        <h2 id="export-title">{t('exportTitle')}</h2>
        <p>{t('exportHow')}</p>
        <div class="export-buttons">
          <ExportButton label={t('exportJson')} load={() => exportJsonFile(accountId)} name={`khwamdee-${accountId}.json`} />
          <ExportButton label={t('exportPdf')} load={() => exportPdfFile(accountId)} name={`khwamdee-${accountId}.pdf`} />
        </div>
      </section>
    </>
  );
}

export default function MyDataPage() {
  const { t } = useT('mydata');
  const { t: c } = useT();
  const { me, error } = useMe();
  if (error) return <ErrorMessage error={error} />;
  if (!me) return <Loading />;
  return (
    <Page title={t('title')} lead={t('lead')}>
      {!me.signedIn ? (
        <>
          <p>{t('signInFirst')}</p>
          {me.signInAvailable ? (
            <a class="button" href={signInUrl('/me/data')}>
              {c('signIn')}
            </a>
          ) : null}
        </>
      ) : !me.account ? (
        <p>{t('notEnrolled')}</p>
      ) : (
        <MyData accountId={me.account.id} />
      )}
    </Page>
  );
}

// One certificate to download: the button fetches it, saves the signed `vc+jwt` as a file with a
// sensible name, and shows below what the certificate says, with a link to save it again.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n';
import type { IssuedCertificate } from './api';
import { type CertificateKind, certificateFileName } from './certificate-text';
import { CertificateSummary } from './CertificateSummary';

const MEDIA_TYPE = 'application/vc+jwt';

function save(url: string, name: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

export function CertificateDownload(props: {
  kind: CertificateKind;
  load: () => Promise<IssuedCertificate>;
  /** The B.E. year text for "nothing to certify in …". */
  yearText: string;
  /** Names the button for screen readers when several sit in a list. */
  label?: string;
  summaryHeading?: 'h3' | 'h4';
}) {
  const { t } = useT('certificates');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [file, setFile] = useState<{ url: string; name: string; issued: IssuedCertificate } | undefined>(undefined);
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);

  async function download() {
    setBusy(true);
    setFailure(undefined);
    try {
      const issued = await props.load();
      const name = certificateFileName(props.kind, issued.credential);
      const url = URL.createObjectURL(new Blob([issued.jwt], { type: MEDIA_TYPE }));
      setFile({ url, name, issued });
      save(url, name);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  const nothing = failure instanceof ApiError && failure.code === 'nothing_to_certify';
  return (
    <div class="certificate-download" data-testid={`certificate-${props.kind}`}>
      <button type="button" class="button" disabled={busy} aria-label={busy ? undefined : props.label} onClick={() => void download()}>
        {busy ? t('preparing') : t('download')}
      </button>
      {nothing ? (
        <p class="notice" role="status">
          {t('nothingToCertify', { year: props.yearText })}
        </p>
      ) : failure ? (
        <ErrorMessage error={failure} onRetry={() => void download()} />
      ) : null}
      {file ? (
        <div class="certificate-file">
          <p class="small" role="status">
            {t('downloaded', { file: file.name })} ·{' '}
            <a href={file.url} download={file.name}>
              {t('downloadAgain')}
            </a>
          </p>
          <CertificateSummary credential={file.issued.credential} headingLevel={props.summaryHeading} />
        </div>
      ) : null}
    </div>
  );
}

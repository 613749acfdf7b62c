// A deed's evidence as the certifier sees it: reference fields, photos shown in the page (read with
// the agency's header, so as blobs, and only once the item scrolls near), PDFs as downloads.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { type QueueItem, readEvidence } from './api';

type File = QueueItem['evidence']['files'][number];

const megabytes = (bytes: number, lang: 'th' | 'en') =>
  `${new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;

function Photo({ file, alt }: { file: File; alt: string }) {
  const { t } = useT('certify');
  const box = useRef<HTMLDivElement>(null);
  const [src, setSrc] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    const load = () =>
      readEvidence(file.url).then(
        (blob) => {
          if (!live) return;
          url = URL.createObjectURL(blob);
          setSrc(url);
        },
        () => live && setFailed(true),
      );
    let observer: IntersectionObserver | undefined;
    if (typeof IntersectionObserver === 'function' && box.current) {
      observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            observer?.disconnect();
            void load();
          }
        },
        { rootMargin: '400px' },
      );
      observer.observe(box.current);
    } else void load();
    return () => {
      live = false;
      observer?.disconnect();
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.url]);
  return (
    <div class="photo" ref={box}>
      {src ? (
        <a href={src} target="_blank" rel="noopener" class="photo-link">
          <img src={src} alt={alt} class="photo-img" data-testid="evidence-photo" />
          <span class="small">{t('photoOpen')}</span>
        </a>
      ) : (
        <p class="small muted" role={failed ? 'alert' : undefined}>
          {failed ? t('photoFailed') : t('photoLoading')}
        </p>
      )}
    </div>
  );
}

function PdfLink({ file }: { file: File }) {
  const { t, lang } = useT('certify');
  const [failed, setFailed] = useState(false);
  async function download() {
    try {
      const blob = await readEvidence(file.url);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `evidence-${file.sha256.slice(0, 12)}.pdf`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    }
  }
  return (
    <p>
      <button type="button" class="button-link" data-testid="evidence-pdf" onClick={() => void download()}>
        {t('pdfDownload', { size: megabytes(file.size, lang) })}
      </button>
      {failed ? (
        <span class="field-message" role="alert">
          {' '}
          {t('pdfFailed')}
        </span>
      ) : null}
    </p>
  );
}

export function EvidenceView({ item, alt }: { item: QueueItem; alt: string }) {
  const { t } = useT('certify');
  const { fields, files } = item.evidence;
  return (
    <div class="qi-evidence">
      <h4 class="qi-evidence-title">{t('evidence')}</h4>
      {fields && Object.keys(fields).length ? (
        <dl class="qi-fields">
          {Object.entries(fields).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {files.length === 0 ? <p class="small muted">{t('noEvidence')}</p> : null}
      <div class="qi-files">{files.map((f) => (f.mediaType === 'application/pdf' ? <PdfLink key={f.sha256} file={f} /> : <Photo key={f.sha256} file={f} alt={alt} />))}</div>
    </div>
  );
}

// Evidence for a declaration: take a photo (the phone's camera) or choose a photo or PDF; each file
// is checked in the browser, made smaller if it is a large photo, uploaded at once with its progress
// shown, and previewed. The form sends the hashes of the files that finished uploading.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/ErrorMessage';
import { useT } from '../../i18n';
import { uploadEvidence } from './api';
import { MAX_BYTES, isPdf, prepareFile } from './evidence-file';

/** How many files one declaration may reference (MAX_FILES_PER_DEED on the server). */
export const MAX_FILES = 5;

export interface EvidenceItem {
  key: number;
  name: string;
  type: string;
  size: number;
  /** Object URL of the photo for its preview (none for a PDF). */
  preview: string | null;
  progress: number;
  state: 'preparing' | 'uploading' | 'done' | 'failed';
  sha256?: string;
  error?: string;
  abort?: () => void;
}

export const megabytes = (bytes: number, lang: 'th' | 'en') =>
  `${new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;

/** The list of evidence files and what can be done with it; previews are released when done with. */
export function useEvidence(accountId: string) {
  const { t, lang } = useT('declare');
  const { t: c } = useT();
  const [items, setItems] = useState<EvidenceItem[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const seq = useRef(0);
  const live = useRef(items);
  live.current = items;
  useEffect(
    () => () => {
      for (const i of live.current) {
        i.abort?.();
        if (i.preview) URL.revokeObjectURL(i.preview);
      }
    },
    [],
  );
  const update = (key: number, patch: Partial<EvidenceItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  async function addOne(file: File) {
    const key = ++seq.current;
    const name = file.name || (isPdf(file.type) ? 'document.pdf' : 'photo.jpg');
    setItems((list) => [...list, { key, name, type: file.type, size: file.size, preview: null, progress: 0, state: 'preparing' }]);
    const ready = await prepareFile(file);
    if ('problem' in ready) {
      setItems((list) => list.filter((i) => i.key !== key));
      return t(`errors.${ready.problem}`, { name, size: megabytes(MAX_BYTES, lang) });
    }
    const preview = isPdf(ready.type) ? null : URL.createObjectURL(ready.blob);
    const upload = uploadEvidence(accountId, ready.blob, name, (progress) => update(key, { progress }));
    update(key, { preview, type: ready.type, size: ready.blob.size, state: 'uploading', abort: upload.abort });
    try {
      const r = await upload.done;
      update(key, { state: 'done', sha256: r.sha256, progress: 1, type: r.mediaType, size: r.size });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return undefined;
      const message = err instanceof ApiError ? errorText(err, lang, c('networkError')) : c('networkError');
      update(key, { state: 'failed', error: `${name}: ${message}` });
    }
    return undefined;
  }

  return {
    items,
    problems,
    async add(files: FileList | null) {
      const list = files ? Array.from(files) : [];
      if (!list.length) return;
      const room = MAX_FILES - live.current.length;
      const found: string[] = room < list.length ? [t('errors.tooMany', { count: MAX_FILES })] : [];
      const results = await Promise.all(list.slice(0, Math.max(0, room)).map(addOne));
      setProblems([...found, ...results.filter((r): r is string => typeof r === 'string')]);
    },
    remove(key: number) {
      const item = live.current.find((i) => i.key === key);
      item?.abort?.();
      if (item?.preview) URL.revokeObjectURL(item.preview);
      setItems((list) => list.filter((i) => i.key !== key));
    },
    reset() {
      for (const i of live.current) if (i.preview) URL.revokeObjectURL(i.preview);
      setItems([]);
      setProblems([]);
    },
    hashes: () => items.filter((i) => i.state === 'done' && i.sha256).map((i) => i.sha256!),
    busy: () => items.some((i) => i.state === 'preparing' || i.state === 'uploading'),
  };
}

export type Evidence = ReturnType<typeof useEvidence>;

export function EvidenceField({ evidence, required, error }: { evidence: Evidence; required: boolean; error?: string | undefined }) {
  const { t, lang } = useT('declare');
  const { t: c } = useT();
  const full = evidence.items.length >= MAX_FILES;
  const onPick = (e: Event) => {
    const input = e.target as HTMLInputElement;
    void evidence.add(input.files).finally(() => {
      input.value = '';
    });
  };
  return (
    <fieldset id="evidence" class={error ? 'evidence field-error' : 'evidence'} aria-describedby="evidence-hint">
      <legend>
        {t('evidence')} <span class="muted small">({required ? c('required') : c('optional')})</span>
      </legend>
      <p class="hint" id="evidence-hint">
        {required ? '' : `${t('evidenceOptional')} `}
        {t('evidenceHint', { size: megabytes(MAX_BYTES, lang), count: MAX_FILES })}
      </p>
      {error ? <p class="field-message">{error}</p> : null}
      <div class="file-buttons">
        <input id="evidence-camera" class="file-input" type="file" accept="image/*,application/pdf" capture="environment" disabled={full} onChange={onPick} />
        <label for="evidence-camera" class="button button-secondary file-label">
          {t('takePhoto')}
        </label>
        <input id="evidence-file" class="file-input" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" multiple disabled={full} onChange={onPick} />
        <label for="evidence-file" class="button button-secondary file-label">
          {t('chooseFile')}
        </label>
      </div>
      <div aria-live="polite">
        {evidence.problems.map((p) => (
          <p key={p} class="field-message">
            {p}
          </p>
        ))}
      </div>
      {evidence.items.length ? (
        <ul class="evidence-list">
          {evidence.items.map((i) => (
            <li key={i.key} class="evidence-item" data-testid="evidence-item" data-state={i.state}>
              {i.preview ? (
                <img class="evidence-preview" src={i.preview} alt={t('preview', { name: i.name })} />
              ) : (
                <span class="evidence-pdf" aria-hidden="true">
                  PDF
                </span>
              )}
              <div class="evidence-info">
                <p class="evidence-name">{i.name}</p>
                {i.state === 'done' ? <p class="small ok-text">{isPdf(i.type) ? t('pdfFile', { size: megabytes(i.size, lang) }) : t('uploaded')}</p> : null}
                {i.state === 'uploading' || i.state === 'preparing' ? (
                  <progress max={1} value={i.state === 'preparing' ? undefined : i.progress} aria-label={t('uploadProgress', { name: i.name })} />
                ) : null}
                {i.state === 'failed' ? (
                  <p class="field-message" role="alert">
                    {i.error}
                  </p>
                ) : null}
              </div>
              <button type="button" class="button-link" aria-label={t('remove', { name: i.name })} onClick={() => evidence.remove(i.key)}>
                {t('removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

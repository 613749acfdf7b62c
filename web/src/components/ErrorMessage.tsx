// A failure as the person can act on it: the catalogue's message in their language and the
// correlation id to quote to support. Never a stack trace or a raw code alone.
import { ApiError } from '../api/client';
import { useT } from '../i18n';

export function errorText(error: unknown, lang: 'th' | 'en', networkText: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return networkText;
    return error.error.messages[lang] || error.error.message;
  }
  return networkText;
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useT();
  const id = error instanceof ApiError ? error.error.correlationId : '';
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{errorText(error, lang, t('networkError'))}</p>
      {id ? <p class="muted small">{t('correlationId', { id })}</p> : null}
      {onRetry ? (
        <button type="button" class="button button-secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <p class="loading" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

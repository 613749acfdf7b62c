// A refusal from the API in plain words: what happened, with the numbers the API gave, and what the
// person can do next. Codes this screen does not know fall back to the catalogue's own message.
import { ApiError } from '../../api/client';
import { errorText } from '../../components/ErrorMessage';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';

const KNOWN = ['insufficient_balance', 'minimum_balance', 'not_eligible', 'out_of_stock', 'privilege_unavailable', 'privilege_not_found', 'network'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (code: string): code is Known => (KNOWN as readonly string[]).includes(code);

/** A number from the catalogue entry's details (their shape is the API's, typed there as unknown). */
function detail(error: ApiError, key: string): number {
  const d = error.error.details;
  const v = d && typeof d === 'object' ? (d as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' ? v : 0;
}

export function Refusal({ error, onRetry }: { error: unknown; onRetry?: (() => void) | undefined }) {
  const { t, lang } = useT('privileges');
  const { t: c } = useT();
  const code = error instanceof ApiError ? error.code : 'network';
  const n = (v: number) => formatNumber(v, lang);
  let what: string;
  let todo: string;
  const known = error instanceof ApiError && isKnown(code);
  if (error instanceof ApiError && isKnown(code)) {
    const balance = detail(error, 'balance');
    const cost = detail(error, 'cost');
    const min = detail(error, 'minBalanceAfter');
    const vars = {
      balance: n(balance),
      cost: n(cost),
      min: n(min),
      after: n(balance - cost),
      need: n(cost + min),
      missing: n(Math.max(0, cost + min - balance)),
    };
    what = t(`whatRefused.${code}`, vars);
    todo = t(`todoRefused.${code}`, vars);
  } else {
    what = errorText(error, lang, c('networkError'));
    todo = t('todoRefused.other');
  }
  // A reference for support only when something unexpected happened, not for a rule the person can act on.
  const correlationId = error instanceof ApiError && !known ? error.error.correlationId : '';
  const earnMore = code === 'insufficient_balance' || code === 'minimum_balance' || code === 'not_eligible';
  return (
    <div class="notice notice-error" role="alert" data-testid="refusal" data-code={code}>
      <p class="notice-title">{what}</p>
      <p>{todo}</p>
      {earnMore ? (
        <p>
          <a href="/catalogue">{t('findDeeds')}</a>
        </p>
      ) : null}
      {correlationId ? <p class="muted small">{c('correlationId', { id: correlationId })}</p> : null}
      {onRetry ? (
        <button type="button" class="button button-secondary" onClick={onRetry}>
          {c('retry')}
        </button>
      ) : null}
    </div>
  );
}

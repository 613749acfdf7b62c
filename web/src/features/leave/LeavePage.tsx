// /me/leave: restrict the use of one's data (and lift it), or erase the account for good. The page
// says plainly what erasure removes and what stays; the server asks for the typed phrase too.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading, errorText } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { erase, getPrivacy, lift, restrict, type Privacy } from './api';
import { messages } from './messages';
import './leave.css';

register('leave', messages);

const REASON_MAX = 500;
const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

export default function LeavePage() {
  const { t } = useT('leave');
  const { t: c } = useT();
  const { me, error } = useMe();
  if (error) return <ErrorMessage error={error} />;
  if (!me) return <Loading />;
  if (!me.signedIn)
    return (
      <Page title={t('signInFirst')}>
        <a class="button" href={signInUrl('/me/leave')}>
          {c('signIn')}
        </a>
      </Page>
    );
  if (!me.account)
    return (
      <Page title={t('title')}>
        <p>{t('notMember')}</p>
      </Page>
    );
  return <LeaveForms accountId={me.account.id} />;
}

function LeaveForms({ accountId }: { accountId: string }) {
  const { t } = useT('leave');
  const status = useAsync(() => getPrivacy(accountId), [accountId]);
  if (status.error) return <ErrorMessage error={status.error} onRetry={status.reload} />;
  if (!status.data) return <Loading />;
  return (
    <Page title={t('title')} lead={t('lead')}>
      <RestrictSection accountId={accountId} privacy={status.data} onChange={status.reload} />
      <EraseSection accountId={accountId} privacy={status.data} />
    </Page>
  );
}

function RestrictSection({ accountId, privacy, onChange }: { accountId: string; privacy: Privacy; onChange: () => void }) {
  const { t, lang } = useT('leave');
  const { t: c } = useT();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [done, setDone] = useState<'restricted' | 'lifted' | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const reasonError = errors.find((e) => e.field === 'reason')?.message;

  async function run(action: 'restrict' | 'lift', e: Event) {
    e.preventDefault();
    if (busy) return;
    const found: FieldError[] = action === 'restrict' && reason.trim().length > REASON_MAX ? [{ field: 'reason', message: t('restrict.reasonTooLong') }] : [];
    setErrors(found);
    setFailure(undefined);
    if (found.length) return;
    setBusy(true);
    try {
      if (action === 'restrict') await restrict(accountId, reason.trim());
      else await lift(accountId);
      setDone(action === 'restrict' ? 'restricted' : 'lifted');
      setReason('');
      onChange();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed') setErrors([{ field: 'reason', message: errorText(err, lang, c('networkError')) }]);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="restrict-title">
      <h2 id="restrict-title">{t('restrict.title')}</h2>
      <p>{t('restrict.body')}</p>
      {done ? (
        <p class="notice notice-ok" role="status">
          {t(done === 'restricted' ? 'restrict.done' : 'restrict.lifted')}
        </p>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      {privacy.restricted && privacy.restrictedAt ? (
        <form onSubmit={(e) => run('lift', e)}>
          <p class="notice notice-warn" data-testid="restricted">
            {t('restrict.since', { date: formatDate(privacy.restrictedAt, lang) })}
          </p>
          <button type="submit" class="button" disabled={busy}>
            {t('restrict.lift')}
          </button>
        </form>
      ) : (
        <form class="leave-form" onSubmit={(e) => run('restrict', e)} noValidate>
          <ErrorSummary errors={errors} />
          <Field id="reason" label={t('restrict.reasonLabel')} hint={t('restrict.reasonHint')} error={reasonError}>
            <textarea
              id="reason"
              rows={2}
              value={reason}
              aria-describedby={describedBy('reason', t('restrict.reasonHint'), reasonError)}
              aria-invalid={reasonError ? true : undefined}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </Field>
          <button type="submit" class="button button-secondary" disabled={busy}>
            {t('restrict.submit')}
          </button>
        </form>
      )}
      {privacy.restrictions.length ? (
        <details class="leave-history">
          <summary>{t('restrict.history')}</summary>
          <ul>
            {privacy.restrictions.map((r) => (
              <li key={r.restrictedAt}>
                {t('restrict.historyItem', { from: formatDate(r.restrictedAt, lang), to: r.liftedAt ? formatDate(r.liftedAt, lang) : t('restrict.ongoing') })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function EraseSection({ accountId, privacy }: { accountId: string; privacy: Privacy }) {
  const { t, lang } = useT('leave');
  const { t: c } = useT();
  const phrase = privacy.erasure.phrase[lang];
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const confirmError = errors.find((e) => e.field === 'confirm')?.message;
  const hint = t('erase.confirmHint');

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const typed = normalise(confirm);
    const ok = typed === normalise(privacy.erasure.phrase.th) || typed === normalise(privacy.erasure.phrase.en);
    const found: FieldError[] = ok ? [] : [{ field: 'confirm', message: t('erase.confirmWrong', { phrase }) }];
    setErrors(found);
    setFailure(undefined);
    if (found.length) return;
    setBusy(true);
    try {
      await erase(accountId, confirm);
      // The session ended with the account: a full load starts the app afresh, signed out.
      window.location.assign('/?erased=1');
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'erasure_not_confirmed' || err.code === 'validation_failed'))
        setErrors([{ field: 'confirm', message: errorText(err, lang, c('networkError')) }]);
      else setFailure(err);
      setBusy(false);
    }
  }

  return (
    <section class="card leave-erase" aria-labelledby="erase-title">
      <h2 id="erase-title">{t('erase.title')}</h2>
      <p class="notice notice-warn">{t('erase.warning')}</p>
      <div class="leave-lists">
        <div>
          <h3>{t('erase.goesTitle')}</h3>
          <ul>
            <li>{t('erase.goes1')}</li>
            <li>{t('erase.goes2')}</li>
            <li>{t('erase.goes3')}</li>
            <li>{t('erase.goes4')}</li>
          </ul>
        </div>
        <div>
          <h3>{t('erase.keepsTitle')}</h3>
          <ul>
            <li>{t('erase.keeps1')}</li>
            <li>{t('erase.keeps2')}</li>
          </ul>
        </div>
      </div>
      {failure ? <ErrorMessage error={failure} /> : null}
      <form class="leave-form" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        <Field id="confirm" label={t('erase.confirmLabel', { phrase })} hint={hint} error={confirmError}>
          <input
            id="confirm"
            type="text"
            autoComplete="off"
            value={confirm}
            aria-describedby={describedBy('confirm', hint, confirmError)}
            aria-invalid={confirmError ? true : undefined}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button button-danger" disabled={busy}>
          {busy ? t('erase.busy') : t('erase.submit')}
        </button>
      </form>
    </section>
  );
}

// /staff/:agency/opportunities — an issuer's own opportunities: published (not yet ended) or
// cancelled, each with a link to edit it and a two-step cancel. Publishing is its own screen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { When, areaNames } from '../catalogue/OpportunityDetails';
import { type Membership, StaffGate } from '../staff/use-staff';
import { type OwnOpportunity, type Status, cancel, listOwn } from './api';
import { messages } from './messages';
import './opportunities-admin.css';

register('oppAdmin', messages);

function Row({ o, agency, onCancelled }: { o: OwnOpportunity; agency: string; onCancelled: (o: OwnOpportunity) => void }) {
  const { t, lang } = useT('oppAdmin');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const question = useRef<HTMLParagraphElement>(null);
  const title = pick(o.title, lang);
  // The question takes focus when it appears, so a keyboard or screen-reader user hears it first.
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  async function confirm() {
    setBusy(true);
    setFailure(undefined);
    try {
      onCancelled(await cancel(o.id));
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  }
  return (
    <article class="card own-opp" aria-labelledby={`own-${o.id}`} data-testid="own-opportunity" data-id={o.id}>
      <h3 id={`own-${o.id}`}>{title}</h3>
      <p class="small">
        <When o={o} />
      </p>
      <p class="small muted">
        {o.place.name} · {areaNames(o, lang)}
      </p>
      <p class="small muted">{pick(o.indicator.name, lang)}</p>
      {failure ? <ErrorMessage error={failure} /> : null}
      {confirming ? (
        <div class="own-confirm">
          <p ref={question} tabIndex={-1}>
            {t('confirmCancel', { title })}
          </p>
          <div class="own-actions">
            <button type="button" class="button button-danger" disabled={busy} onClick={() => void confirm()}>
              {t('confirmYes')}
            </button>
            <button type="button" class="button button-secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {t('confirmNo')}
            </button>
          </div>
        </div>
      ) : (
        <div class="own-actions">
          {o.status === 'published' ? (
            <>
              <a class="button button-secondary" href={`/staff/${agency}/opportunities/${encodeURIComponent(o.id)}/edit`} aria-label={t('editFor', { title })}>
                {t('edit')}
              </a>
              <button type="button" class="button-link" aria-label={t('cancelFor', { title })} onClick={() => setConfirming(true)}>
                {t('cancel')}
              </button>
            </>
          ) : null}
          <a href={`/catalogue/${encodeURIComponent(o.id)}`}>{t('view')}</a>
        </div>
      )}
    </article>
  );
}

function OwnList({ m }: { m: Membership }) {
  const { t, lang } = useT('oppAdmin');
  const { query } = useLocation();
  const [status, setStatus] = useState<Status>('published');
  const [items, setItems] = useState<OwnOpportunity[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(query.done === 'published' ? t('published') : query.done === 'saved' ? t('saved') : undefined);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setItems(undefined);
    setError(undefined);
    listOwn(m.agency, status).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [m.agency, status, tick]);

  async function more() {
    if (!cursor) return;
    try {
      const page = await listOwn(m.agency, status, cursor);
      setItems((xs) => [...(xs ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  }

  const doneId = query.id;
  return (
    <Page title={t('title')} lead={t('lead')} wide>
      {done ? (
        <div class="notice notice-ok" role="status" data-testid="done">
          <p>{done}</p>
          {doneId && query.done ? (
            <p>
              <a href={`/catalogue/${encodeURIComponent(doneId)}`}>{t('viewPublic')}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <p>
        <a class="button" href={`/staff/${m.agency}/opportunities/new`}>
          {t('new')}
        </a>
      </p>
      <div class="field own-status">
        <label for="own-status">{t('show')}</label>
        <select
          id="own-status"
          value={status}
          onChange={(e) => {
            setDone(undefined);
            setStatus((e.target as HTMLSelectElement).value as Status);
          }}
        >
          <option value="published">{t('statuses.published')}</option>
          <option value="cancelled">{t('statuses.cancelled')}</option>
        </select>
      </div>
      {error ? <ErrorMessage error={error} onRetry={() => setTick((n) => n + 1)} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <p>{t('none')}</p> : null}
      {items ? (
        <ul class="own-list">
          {items.map((o) => (
            <li key={o.id}>
              <Row
                o={o}
                agency={m.agency}
                onCancelled={(c) => {
                  setItems((xs) => xs?.filter((x) => x.id !== c.id));
                  setDone(t('cancelled', { title: pick(c.title, lang) }));
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {cursor ? (
        <button type="button" class="button button-secondary" onClick={() => void more()}>
          {t('more')}
        </button>
      ) : null}
    </Page>
  );
}

export default function OpportunitiesAdminPage({ agency }: { agency?: string }) {
  return (
    <StaffGate agency={agency} role="issuer">
      {(m) => <OwnList m={m} />}
    </StaffGate>
  );
}

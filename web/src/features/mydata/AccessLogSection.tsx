// Who looked at my record: newest first, twenty at a time.
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { pick, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { type AccessEntry, getAccessLog } from './api';
import { whatKey } from './what';

const KNOWN_PURPOSES = ['certification', 'assisted_enrolment', 'member_support', 'card', 'dispute', 'audit', 'other', 'redemption', 'eligibility_check'];

function EntryRow({ e }: { e: AccessEntry }) {
  const { t, lang } = useT('mydata');
  const who = e.who.agency ? (e.who.agency.name ? pick(e.who.agency.name, lang) : e.who.agency.code) : t('admin');
  const purpose = t(`access.${KNOWN_PURPOSES.includes(e.purpose.code) ? e.purpose.code : 'unknown'}`);
  return (
    <li class="access-entry" data-testid="access-entry" data-purpose={e.purpose.code}>
      <p class="access-who">{who}</p>
      {e.who.officer ? <p class="small">{t('officer', { name: e.who.officer })}</p> : null}
      <p class="small">
        <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
      </p>
      <p class="small">
        {t('why', { purpose })}
        {e.purpose.note ? ` · ${e.purpose.note}` : ''}
      </p>
      <p class="small muted">{t('whatLabel', { what: t(`what.${whatKey(e.what)}`) })}</p>
    </li>
  );
}

export function AccessLogSection({ accountId }: { accountId: string }) {
  const { t } = useT('mydata');
  const [items, setItems] = useState<AccessEntry[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  async function load(cursor?: string) {
    setBusy(true);
    setFailure(undefined);
    try {
      const page = await getAccessLog(accountId, cursor);
      setItems((prev) => (cursor ? [...(prev ?? []), ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => {
    void load();
  }, [accountId]);

  return (
    <section class="card" aria-labelledby="log-title">
      <h2 id="log-title">{t('logTitle')}</h2>
      <p>{t('logHow')}</p>
      {failure ? <ErrorMessage error={failure} onRetry={() => void load()} /> : null}
      {items === undefined && !failure ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('noLog')}</p> : null}
      {items?.length ? (
        <ol class="plain-list access-log">
          {items.map((e) => (
            <EntryRow key={e.id} e={e} />
          ))}
        </ol>
      ) : null}
      {next ? (
        <button type="button" class="button button-secondary" disabled={busy} onClick={() => void load(next)}>
          {t('more')}
        </button>
      ) : null}
    </section>
  );
}

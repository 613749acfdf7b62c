// The certifier's console (role certifier of the agency in the address): the queue of pending
// deeds of its area, oldest first, each approved or rejected with a reason, or several decided as
// one village-meeting decision; then the latest meeting decisions.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { StaffGate, type Membership } from '../staff/use-staff';
import { getMeetings, getQueue, type Meeting, type QueueItem, type QueuePage, subdistrictsOf } from './api';
import { MeetingForm, meetingText } from './MeetingForm';
import { messages } from './messages';
import { type Outcome, QueueCard } from './QueueCard';
import './certify.css';

register('certify', messages);

type Kind = '' | 'declarations' | 'attestations';

export default function CertifyPage({ agency }: { agency?: string }) {
  return (
    <StaffGate agency={agency} role="certifier" purpose="certification">
      {(m) => <Console membership={m} />}
    </StaffGate>
  );
}

function Console({ membership }: { membership: Membership }) {
  const { t, lang } = useT('certify');
  const [kind, setKind] = useState<Kind>('');
  const [subdistrict, setSubdistrict] = useState('');
  const [pages, setPages] = useState<QueuePage[]>([]);
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: undefined });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const notice = useRef<HTMLDivElement>(null);
  const filter = { ...(kind ? { kind } : {}), ...(subdistrict ? { subdistrict } : {}) };
  const first = useAsync(() => getQueue(filter), [membership.agency, kind, subdistrict]);
  const areas = useAsync(() => subdistrictsOf(membership.agency), [membership.agency]);
  const meetings = useAsync(() => getMeetings(), [membership.agency]);

  useEffect(() => {
    if (first.data) setPages([first.data]);
  }, [first.data]);
  const items = pages.flatMap((p) => p.items);
  // A selection holds only deeds still in the queue.
  useEffect(() => {
    setSelected((s) => {
      const present = new Set(items.map((i) => i.id));
      const kept = new Set([...s].filter((id) => present.has(id)));
      return kept.size === s.size ? s : kept;
    });
  }, [pages]);
  useEffect(() => {
    if (outcome) notice.current?.focus();
  }, [outcome]);

  const report = (o: Outcome, reload: boolean) => {
    setOutcome(o);
    if (reload) first.reload();
  };
  async function loadMore() {
    const cursor = pages.at(-1)?.nextCursor;
    if (!cursor) return;
    setMore({ busy: true, error: undefined });
    try {
      const next = await getQueue({ ...filter, cursor });
      setPages((p) => [...p, next]);
      setMore({ busy: false, error: undefined });
    } catch (error) {
      setMore({ busy: false, error });
    }
  }
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const chosen: QueueItem[] = items.filter((i) => selected.has(i.id));
  const total = pages[0]?.total ?? 0;

  return (
    <Page title={t('title')} lead={t('lead', { agency: pick(membership.agencyName, lang) })} wide>
      {outcome ? (
        <div class={`notice notice-${outcome.tone}`} ref={notice} tabIndex={-1} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="outcome">
          <p class={outcome.tone === 'error' ? 'notice-title' : undefined}>{outcome.text}</p>
        </div>
      ) : null}
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="filter-kind">{t('kind')}</label>
          <select id="filter-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as Kind)}>
            <option value="">{t('kindAll')}</option>
            <option value="declarations">{t('kindDeclarations')}</option>
            <option value="attestations">{t('kindAttestations')}</option>
          </select>
        </div>
        <div class="field">
          <label for="filter-subdistrict">{t('subdistrict')}</label>
          <select id="filter-subdistrict" value={subdistrict} onChange={(e) => setSubdistrict((e.target as HTMLSelectElement).value)}>
            <option value="">{t('subdistrictAll')}</option>
            {(areas.data ?? [])
              .slice()
              .sort((a, b) => pick(a.name, lang).localeCompare(pick(b.name, lang), lang))
              .map((a) => (
                <option key={a.code} value={a.code}>
                  {pick(a.name, lang)}
                </option>
              ))}
          </select>
        </div>
      </form>
      <section aria-labelledby="queue-title">
        <div class="queue-head">
          <h2 id="queue-title">{t('queueTitle')}</h2>
          <button type="button" class="button button-secondary button-small" onClick={first.reload}>
            {t('refresh')}
          </button>
        </div>
        {first.error ? <ErrorMessage error={first.error} onRetry={first.reload} /> : null}
        {first.loading && !pages.length ? <Loading /> : null}
        {pages.length ? (
          <p class="queue-total" data-testid="queue-total">
            {total === 0 ? t('empty') : t('total', { n: formatNumber(total, lang) })}
          </p>
        ) : null}
        <ul class="queue" aria-busy={first.loading ? 'true' : 'false'}>
          {items.map((i) => (
            <QueueCard key={i.id} item={i} selected={selected.has(i.id)} onSelect={(on) => toggle(i.id, on)} onOutcome={report} />
          ))}
        </ul>
        {chosen.length ? (
          <p class="selection-bar">
            <span>{t('selectedCount', { count: chosen.length })}</span> <a href="#meeting">{t('toMeeting')}</a>
          </p>
        ) : null}
        {more.error ? <ErrorMessage error={more.error} onRetry={() => void loadMore()} /> : null}
        {pages.at(-1)?.nextCursor ? (
          <button type="button" class="button button-secondary" disabled={more.busy} onClick={() => void loadMore()}>
            {t('loadMore')}
          </button>
        ) : null}
      </section>
      <MeetingForm
        items={chosen}
        onRecorded={(m) => {
          const x = meetingText(m, lang);
          setSelected(new Set());
          report({ tone: 'ok', text: t('meetingRecorded', x) }, true);
          meetings.reload();
        }}
        onStale={(text, ids) => {
          setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
          report({ tone: 'error', text }, true);
        }}
      />
      <PastMeetings meetings={meetings.data} error={meetings.error} reload={meetings.reload} />
    </Page>
  );
}

function PastMeetings({ meetings, error, reload }: { meetings: Meeting[] | undefined; error: unknown; reload: () => void }) {
  const { t, lang } = useT('certify');
  return (
    <section aria-labelledby="past-title">
      <h2 id="past-title">{t('pastMeetings')}</h2>
      {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {meetings && meetings.length === 0 ? <p>{t('noMeetings')}</p> : null}
      <ul class="plain-list">
        {(meetings ?? []).map((m) => {
          const x = meetingText(m, lang);
          return (
            <li key={m.id} class="past-meeting" data-testid="meeting">
              <p class="past-meeting-title">{t('meetingLine', x)}</p>
              <p class="small">{t('meetingCounts', x)}</p>
              {m.note ? <p class="small muted">{m.note}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

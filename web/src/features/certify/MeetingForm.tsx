// Several pending deeds decided as ONE village-meeting decision (the Nong Sarai model): the day of
// the meeting, the minutes' reference, a note, and for each deed approve or reject with a reason.
// The server decides all of them or none; the minutes' reference makes a retry replay the decision.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { type Meeting, type QueueItem, recordMeeting } from './api';
import { names, STALE } from './QueueCard';

const bangkokToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const dayText = (day: string, lang: 'th' | 'en') => formatDate(`${day}T12:00:00+07:00`, lang);

/** Item problems the server lists in details.items when it refuses the whole decision. */
function itemProblems(err: ApiError): Array<{ id: string; code: string }> {
  const items = (err.error.details as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items.filter((i): i is { id: string; code: string } => typeof i === 'object' && i !== null && typeof (i as { id?: unknown }).id === 'string') : [];
}

export function MeetingForm(props: { items: QueueItem[]; onRecorded: (m: Meeting) => void; onStale: (text: string, ids: string[]) => void }) {
  const { items } = props;
  const { t, lang } = useT('certify');
  const { t: c } = useT();
  const today = bangkokToday();
  const [date, setDate] = useState(today);
  const [minutesRef, setMinutesRef] = useState('');
  const [note, setNote] = useState('');
  const [rejects, setRejects] = useState<Record<string, string | undefined>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    if (items.length === 0) found.push({ field: 'meeting-items', message: t('errors.selection') });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.push({ field: 'meeting-date', message: t('errors.meetingDate') });
    else if (date > today) found.push({ field: 'meeting-date', message: t('errors.meetingFuture') });
    if (!minutesRef.trim()) found.push({ field: 'minutes-ref', message: t('errors.minutesRef') });
    for (const i of items)
      if (rejects[i.id] !== undefined && !rejects[i.id]!.trim()) found.push({ field: `reason-${i.id}`, message: `${names(i, lang).name}: ${t('errors.reason')}` });
    setErrors(found);
    setFailure(undefined);
    if (found.length) return;
    const reject = items.filter((i) => rejects[i.id] !== undefined).map((i) => ({ id: i.id, reason: rejects[i.id]!.trim() }));
    setBusy(true);
    try {
      const meeting = await recordMeeting({
        meetingDate: date,
        minutesRef: minutesRef.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
        approve: items.filter((i) => rejects[i.id] === undefined).map((i) => i.id),
        ...(reject.length ? { reject } : {}),
      });
      setMinutesRef('');
      setNote('');
      setRejects({});
      props.onRecorded(meeting);
    } catch (err) {
      if (!(err instanceof ApiError)) setFailure(err);
      else if (err.code === 'meeting_date_in_future' || err.code === 'deed_after_meeting') setErrors([{ field: 'meeting-date', message: errorText(err, lang, c('networkError')) }]);
      else if (err.code === 'ref_conflict') setErrors([{ field: 'minutes-ref', message: errorText(err, lang, c('networkError')) }]);
      else if (STALE.has(err.code)) {
        const ids = itemProblems(err).map((p) => p.id);
        const who = items.filter((i) => ids.includes(i.id)).map((i) => `${names(i, lang).deed} (${i.account.displayName})`);
        props.onStale(t('meetingItemsFailed', { message: errorText(err, lang, ''), items: who.join(', ') }), ids);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="meeting" class="card meeting" aria-labelledby="meeting-title">
      <h2 id="meeting-title">{t('meetingTitle')}</h2>
      <p class="small">{t('meetingLead')}</p>
      <ErrorSummary errors={errors} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form onSubmit={submit} noValidate>
        <div id="meeting-items" tabIndex={-1}>
          {items.length === 0 ? <p class="muted">{t('meetingNone')}</p> : null}
          <ul class="plain-list meeting-items">
            {items.map((i) => {
              const n = names(i, lang);
              const rejecting = rejects[i.id] !== undefined;
              const rid = `reason-${i.id}`;
              return (
                <li key={i.id} class="meeting-item" data-testid="meeting-item">
                  <fieldset>
                    <legend>
                      {n.deed} · {n.name}
                    </legend>
                    <div class="meeting-choice">
                      <div class="radio">
                        <input type="radio" id={`approve-${i.id}`} name={`decision-${i.id}`} checked={!rejecting} onChange={() => setRejects(({ [i.id]: _, ...rest }) => rest)} />
                        <label for={`approve-${i.id}`}>{t('approve')}</label>
                      </div>
                      <div class="radio">
                        <input type="radio" id={`reject-${i.id}`} name={`decision-${i.id}`} checked={rejecting} onChange={() => setRejects((r) => ({ ...r, [i.id]: '' }))} />
                        <label for={`reject-${i.id}`}>{t('reject')}</label>
                      </div>
                    </div>
                    {rejecting ? (
                      <Field id={rid} label={t('reason')} hint={t('reasonHint')} error={errorOf(rid)}>
                        <input
                          id={rid}
                          type="text"
                          maxLength={500}
                          value={rejects[i.id]}
                          aria-describedby={describedBy(rid, t('reasonHint'), errorOf(rid))}
                          aria-invalid={errorOf(rid) ? true : undefined}
                          onInput={(e) => setRejects((r) => ({ ...r, [i.id]: (e.target as HTMLInputElement).value }))}
                        />
                      </Field>
                    ) : null}
                  </fieldset>
                </li>
              );
            })}
          </ul>
        </div>
        <Field id="meeting-date" label={t('meetingDate')} hint={t('meetingDateHint')} error={errorOf('meeting-date')}>
          <input
            id="meeting-date"
            type="date"
            max={today}
            value={date}
            aria-describedby={[describedBy('meeting-date', t('meetingDateHint'), errorOf('meeting-date')), 'meeting-date-be'].filter(Boolean).join(' ')}
            aria-invalid={errorOf('meeting-date') ? true : undefined}
            onInput={(e) => setDate((e.target as HTMLInputElement).value)}
          />
          <p class="date-be" id="meeting-date-be" aria-live="polite">
            {/^\d{4}-\d{2}-\d{2}$/.test(date) ? t('dateChosen', { date: dayText(date, lang) }) : ''}
          </p>
        </Field>
        <Field id="minutes-ref" label={t('minutesRef')} hint={t('minutesRefHint')} error={errorOf('minutes-ref')}>
          <input
            id="minutes-ref"
            type="text"
            maxLength={100}
            autocomplete="off"
            value={minutesRef}
            aria-describedby={describedBy('minutes-ref', t('minutesRefHint'), errorOf('minutes-ref'))}
            aria-invalid={errorOf('minutes-ref') ? true : undefined}
            onInput={(e) => setMinutesRef((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field id="meeting-note" label={`${t('note')} (${c('optional')})`}>
          <textarea id="meeting-note" rows={2} maxLength={1000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </Field>
        <button type="submit" class="button button-large" disabled={busy || items.length === 0}>
          {busy ? t('deciding') : t('recordMeeting', { count: items.length })}
        </button>
      </form>
    </section>
  );
}

export function meetingText(m: Meeting, lang: 'th' | 'en') {
  return { date: dayText(m.meetingDate, lang), ref: m.minutesRef, ...m.counts };
}

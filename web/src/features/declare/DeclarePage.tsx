// The Nong Sarai model on one short page: a person records a deed they did themself (a deed of the
// catalogue that allows it, for their kind of account and their home area), the day, the hours
// where the deed counts hours, and a photo or PDF; the certifier of their area decides on it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading, errorText } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { bangkokYear, formatDate } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { declare, getArea, getIndicators, getMyDeeds } from './api';
import { DeedDetails } from './DeedDetails';
import { bangkokToday, declarable, deedPoints, groupDeeds, isDay, isValidHours, newRef, occurredAtFor, type Indicator } from './deeds';
import { EvidenceField, useEvidence } from './EvidenceField';
import { messages } from './messages';
import { MyDeclarations } from './MyDeclarations';
import './declare.css';

register('declare', messages);

/** Catalogue answers that belong to one field of the form; anything else is shown above the form. */
const FIELD_OF: Record<string, string> = {
  occurred_in_future: 'day',
  invalid_date: 'day',
  invalid_quantity: 'hours',
  evidence_required: 'evidence',
  evidence_not_found: 'evidence',
  not_self_declarable: 'deed',
  unknown_indicator: 'deed',
  indicator_not_in_force: 'deed',
};

type Sent = { deed: Indicator; day: string; status: 'credited' | 'pending' | 'rejected'; reason: string | null };

export default function DeclarePage() {
  const { t } = useT('declare');
  const { t: c } = useT();
  const { me, error } = useMe();
  if (error) return <ErrorMessage error={error} />;
  if (!me) return <Loading />;
  if (!me.signedIn)
    return (
      <Page title={t('signInFirst')}>
        <a class="button" href={signInUrl('/me/declare')}>
          {c('signIn')}
        </a>
      </Page>
    );
  if (me.account?.status !== 'active')
    return (
      <Page title={t('enrolFirst')}>
        <a class="button" href="/enrol">
          {t('enrol')}
        </a>
      </Page>
    );
  return me.account ? <DeclareForm account={me.account} /> : null;
}

function DeclareForm({ account }: { account: { id: string; kind: 'person' | 'community' | 'organisation'; areaCode: string } }) {
  const { t, lang } = useT('declare');
  const { t: c } = useT();
  const year = bangkokYear();
  const data = useAsync(async () => {
    const [indicators, area] = await Promise.all([getIndicators(account.kind), getArea(account.areaCode).catch(() => undefined)]);
    return { deeds: declarable(indicators, account), area };
  }, [account.id]);
  const mine = useAsync(() => getMyDeeds(account.id, year), [account.id, year]);
  const evidence = useEvidence(account.id);
  const [code, setCode] = useState('');
  const [day, setDay] = useState(bangkokToday());
  const [hours, setHours] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | undefined>(undefined);
  // One reference per attempt: a retry (a double tap, a lost answer) of the same content replays it.
  const attempt = useRef<{ key: string; ref: string } | null>(null);
  const doneBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sent) doneBox.current?.focus();
  }, [sent]);

  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { deeds, area } = data.data;
  const areaName = area ? pick(area.name, lang) : '';
  const deed = deeds.find((d) => d.code === code);
  const today = bangkokToday();
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const hoursNumber = Number(hours.replace(',', '.'));

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    if (!deed) found.push({ field: 'deed', message: t('errors.deed') });
    if (!isDay(day)) found.push({ field: 'day', message: t('errors.day') });
    else if (day > today) found.push({ field: 'day', message: t('errors.dayFuture') });
    if (deed?.unit === 'hour' && !isValidHours(hoursNumber)) found.push({ field: 'hours', message: t('errors.hours') });
    if (evidence.busy()) found.push({ field: 'evidence', message: t('errors.uploading') });
    else if (deed && deed.evidence !== 'none' && evidence.hashes().length === 0) found.push({ field: 'evidence', message: t('errors.evidence') });
    setErrors(found);
    setFailure(undefined);
    if (found.length || !deed) return;
    const files = evidence.hashes();
    const content = {
      indicator: deed.code,
      occurredAt: occurredAtFor(day),
      ...(deed.unit === 'hour' ? { quantity: hoursNumber } : {}),
      ...(files.length ? { evidenceFiles: files } : {}),
    };
    const key = JSON.stringify(content);
    if (attempt.current?.key !== key) attempt.current = { key, ref: newRef() };
    setBusy(true);
    try {
      const r = await declare(account.id, { ref: attempt.current.ref, ...content });
      attempt.current = null;
      setSent({ deed, day, status: r.status, reason: r.reason ? pick(r.reason.message, lang) : null });
      setCode('');
      setHours('');
      setDay(bangkokToday());
      evidence.reset();
      mine.reload();
    } catch (err) {
      const field = err instanceof ApiError ? FIELD_OF[err.code] : undefined;
      if (field) setErrors([{ field, message: errorText(err, lang, c('networkError')) }]);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('title')} lead={t('lead')}>
      {sent ? (
        <div class={sent.status === 'rejected' ? 'notice notice-warn' : 'notice notice-ok'} ref={doneBox} tabIndex={-1} role="status" data-testid="declared">
          <p class="declared-title">{t('doneTitle')}</p>
          <p>
            {pick(sent.deed.name, lang)} · {formatDate(`${sent.day}T12:00:00+07:00`, lang)}
          </p>
          <p>{sent.status === 'rejected' ? t('notAccepted', { reason: sent.reason ?? '' }) : areaName ? t('waiting', { area: areaName }) : t('waitingArea')}</p>
          <p class="small">{t('declareAnother')}</p>
        </div>
      ) : null}
      {deeds.length === 0 ? (
        <p class="notice">{t('noDeeds')}</p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          {failure ? <ErrorMessage error={failure} /> : null}
          <form onSubmit={submit} noValidate class="declare-form">
            <Field id="deed" label={t('deed')} hint={t('deedHint')} error={errorOf('deed')}>
              <select
                id="deed"
                value={code}
                aria-describedby={describedBy('deed', t('deedHint'), errorOf('deed'))}
                aria-invalid={errorOf('deed') ? true : undefined}
                onChange={(e) => setCode((e.target as HTMLSelectElement).value)}
              >
                <option value="">{t('chooseDeed')}</option>
                {groupDeeds(deeds).map((g) => (
                  <optgroup key={g.key} label={g.virtue ? t('virtueGroup', { name: pick(g.virtue, lang) }) : c(`domains.${g.domain}`)}>
                    {g.items.map((i) => (
                      <option key={i.code} value={i.code}>
                        {t(i.unit === 'hour' ? 'optionPointsHour' : 'optionPoints', { name: pick(i.name, lang), points: i.points })}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </Field>
            {deed ? <DeedDetails deed={deed} /> : null}
            <Field id="day" label={t('day')} hint={t('dayHint')} error={errorOf('day')}>
              <input
                id="day"
                type="date"
                max={today}
                value={day}
                aria-describedby={[describedBy('day', t('dayHint'), errorOf('day')), 'day-be'].filter(Boolean).join(' ')}
                aria-invalid={errorOf('day') ? true : undefined}
                onInput={(e) => setDay((e.target as HTMLInputElement).value)}
              />
              <p class="day-be" id="day-be" aria-live="polite">
                {isDay(day) ? t('dayChosen', { date: formatDate(`${day}T12:00:00+07:00`, lang) }) : ''}
              </p>
            </Field>
            {deed?.unit === 'hour' ? (
              <Field id="hours" label={t('hours')} hint={t('hoursHint')} error={errorOf('hours')}>
                <input
                  id="hours"
                  type="text"
                  inputMode="decimal"
                  autocomplete="off"
                  value={hours}
                  aria-describedby={[describedBy('hours', t('hoursHint'), errorOf('hours')), 'hours-points'].filter(Boolean).join(' ')}
                  aria-invalid={errorOf('hours') ? true : undefined}
                  onInput={(e) => setHours((e.target as HTMLInputElement).value)}
                />
                <p class="small" id="hours-points" aria-live="polite">
                  {isValidHours(hoursNumber) ? t('pointsPreview', { points: deedPoints(deed, hoursNumber) }) : ''}
                </p>
              </Field>
            ) : null}
            <EvidenceField evidence={evidence} required={deed ? deed.evidence !== 'none' : false} error={errorOf('evidence')} />
            <button type="submit" class="button button-large" disabled={busy}>
              {busy ? t('sending') : t('submit')}
            </button>
          </form>
        </>
      )}
      <MyDeclarations deeds={mine} year={year} areaName={areaName} />
    </Page>
  );
}

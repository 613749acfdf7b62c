// /staff/:agency/opportunities/new and …/:id/edit — the publish and edit form: every field of an
// opportunity, the indicator limited to what the agency may attest. Checked here first, the
// server's catalogue answer shown beside the field it concerns; one publication per form (its ref
// makes a retry or a double press replay, never duplicate).
import { useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError } from '../../api/client';
import { AreaPicker } from '../../components/AreaPicker';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { ErrorSummary, Field, type FieldError, describedBy } from '../../components/Form';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { dayWithWeekday, matchesScope } from '../catalogue/describe';
import { type Membership, StaffGate } from '../staff/use-staff';
import { type OwnOpportunity, getAgencies, getIndicators, getOne, publish, update } from './api';
import { EMPTY, type FormValues, type Problem, fieldOfCode, fieldOfIssue, fromOpportunity, newRef, toCreateBody, toPatch, validate } from './form';
import { messages } from './messages';
import './opportunities-admin.css';

register('oppAdmin', messages);

type Indicator = Awaited<ReturnType<typeof getIndicators>>['items'][number];

/** The server's refusal as field errors where it names a field; otherwise nothing (shown whole above the form). */
function serverProblems(e: unknown): Problem[] {
  if (!(e instanceof ApiError)) return [];
  if (e.code === 'validation_failed') {
    const issues = (e.error.details as { issues?: Array<{ path?: unknown }> } | undefined)?.issues ?? [];
    return issues.flatMap((i) => {
      const field = typeof i.path === 'string' ? fieldOfIssue(i.path) : undefined;
      return field ? [{ field, key: 'invalid' }] : [];
    });
  }
  const field = fieldOfCode(e.code);
  return field ? [{ field, key: `code:${e.code}` }] : [];
}

function OpportunityForm({ m, original, indicators }: { m: Membership; original: OwnOpportunity | undefined; indicators: Indicator[] }) {
  const { t, lang } = useT('oppAdmin');
  const { route } = useLocation();
  const was = useMemo(() => (original ? fromOpportunity(original) : EMPTY), [original]);
  const [v, setV] = useState<FormValues>(was);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [ref] = useState(() => newRef());

  const messageOf = (p: Problem) => {
    if (p.key.startsWith('code:') && failure instanceof ApiError) return failure.error.messages[lang] || failure.error.message;
    return t(`errors.${p.key}`);
  };
  const errors: FieldError[] = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i).map((p) => ({ field: p.field, message: messageOf(p) }));
  const errorOf = (field: keyof FormValues) => errors.find((e) => e.field === field)?.message;
  const set = (field: keyof FormValues) => (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    setV((x) => ({ ...x, [field]: value, ...(field === 'startDate' && (!x.endDate || x.endDate === x.startDate) ? { endDate: value } : {}) }));
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setNotice(undefined);
    setFailure(undefined);
    const found = validate(v, new Date());
    setProblems(found);
    if (found.length) return;
    const patch = original ? toPatch(v, was) : undefined;
    if (patch && Object.keys(patch).length === 0) {
      setNotice(t('noChanges'));
      return;
    }
    setBusy(true);
    try {
      const saved = original && patch ? await update(original.id, patch) : await publish(toCreateBody(v, ref));
      route(`/staff/${m.agency}/opportunities?done=${original ? 'saved' : 'published'}&id=${encodeURIComponent(saved.id)}`);
    } catch (err) {
      const mapped = serverProblems(err);
      setFailure(err);
      setProblems(mapped);
      setBusy(false);
    }
  }

  const text = (field: keyof FormValues, opts: { type?: string; hint?: string; optional?: boolean; max?: number; autocomplete?: string; inputMode?: string } = {}) => {
    const label = `${t(`fields.${field}`)}${opts.optional ? ` ${t('fields.optional')}` : ''}`;
    // The browser's date picker speaks the Gregorian calendar: the chosen day is read back in B.E.
    const day = opts.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v[field]) ? dayWithWeekday(`${v[field]}T05:00:00Z`, lang) : undefined;
    return (
      <Field id={field} label={label} hint={opts.hint} error={errorOf(field)}>
        <input
          id={field}
          name={field}
          type={opts.type ?? 'text'}
          value={v[field]}
          maxLength={opts.max}
          autocomplete={opts.autocomplete}
          inputMode={opts.inputMode as 'numeric' | undefined}
          aria-describedby={describedBy(field, opts.hint, errorOf(field))}
          aria-invalid={errorOf(field) ? true : undefined}
          onInput={set(field)}
        />
        {opts.type === 'date' ? (
          <p class="hint opp-day" aria-live="polite" data-testid={`${field}-be`}>
            {day ?? ''}
          </p>
        ) : null}
      </Field>
    );
  };
  const area = (
    <AreaPicker
      id="area"
      value={v.area}
      onChange={(area) => setV((x) => ({ ...x, area }))}
      error={errorOf('area')}
      labels={{ province: t('fields.province'), district: t('fields.district'), subdistrict: t('fields.subdistrict'), choose: t('fields.choose') }}
    />
  );
  const refConflict = failure instanceof ApiError && failure.code === 'ref_conflict';

  return (
    <Page title={original ? t('editTitle') : t('newTitle')}>
      <ErrorSummary errors={errors} />
      {failure && !errors.length ? (
        refConflict ? (
          <p class="notice notice-error" role="alert">
            {t('errors.refConflict')}
          </p>
        ) : (
          <ErrorMessage error={failure} />
        )
      ) : null}
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate class="opp-form">
        <fieldset>
          <legend class="opp-legend">{t('sections.what')}</legend>
          {text('titleTh', { max: 200 })}
          {text('titleEn', { max: 200, optional: true })}
          <Field id="indicator" label={t('fields.indicator')} hint={t('fields.indicatorHint')} error={errorOf('indicator')}>
            <select
              id="indicator"
              value={v.indicator}
              aria-describedby={describedBy('indicator', t('fields.indicatorHint'), errorOf('indicator'))}
              aria-invalid={errorOf('indicator') ? true : undefined}
              onChange={set('indicator')}
            >
              <option value="">{t('fields.choose')}</option>
              {indicators.map((i) => (
                <option key={i.code} value={i.code}>
                  {t('option', { name: pick(i.name, lang), points: formatNumber(i.points, lang) })}
                </option>
              ))}
            </select>
          </Field>
          {(['descriptionTh', 'descriptionEn'] as const).map((field) => {
            const hint = field === 'descriptionTh' ? t('fields.descriptionHint') : undefined;
            return (
              <Field key={field} id={field} label={`${t(`fields.${field}`)} ${t('fields.optional')}`} hint={hint} error={errorOf(field)}>
                <textarea
                  id={field}
                  rows={4}
                  maxLength={4000}
                  value={v[field]}
                  aria-describedby={describedBy(field, hint, errorOf(field))}
                  aria-invalid={errorOf(field) ? true : undefined}
                  onInput={set(field)}
                />
              </Field>
            );
          })}
        </fieldset>
        <fieldset>
          <legend class="opp-legend">{t('sections.when')}</legend>
          <p class="hint">{t('fields.timeHint')}</p>
          <div class="opp-pair">
            {text('startDate', { type: 'date' })}
            {text('startTime', { type: 'time' })}
          </div>
          <div class="opp-pair">
            {text('endDate', { type: 'date' })}
            {text('endTime', { type: 'time' })}
          </div>
        </fieldset>
        <fieldset>
          <legend class="opp-legend">{t('sections.where')}</legend>
          {text('placeName', { max: 200, hint: t('fields.placeNameHint') })}
          {text('placeAddress', { max: 500, optional: true })}
          {area}
        </fieldset>
        <fieldset>
          <legend class="opp-legend">{t('sections.contact')}</legend>
          {text('capacity', { type: 'number', optional: true, inputMode: 'numeric' })}
          {text('phone', { type: 'tel', optional: true, max: 26, autocomplete: 'tel' })}
          {text('email', { type: 'email', optional: true, max: 254, autocomplete: 'email' })}
          {text('url', { type: 'url', optional: true, max: 2000, autocomplete: 'url' })}
        </fieldset>
        <button type="submit" class="button button-large" disabled={busy}>
          {busy ? t('sending') : original ? t('submitEdit') : t('submitNew')}
        </button>
      </form>
      <p>
        <a href={`/staff/${m.agency}/opportunities`}>{t('backToList')}</a>
      </p>
    </Page>
  );
}

function FormLoader({ m, id }: { m: Membership; id: string | undefined }) {
  const { t } = useT('oppAdmin');
  const data = useAsync(async () => {
    const [indicators, agencies, original] = await Promise.all([
      getIndicators(),
      getAgencies(),
      id ? getOne(id).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))) : undefined,
    ]);
    const scopes = agencies.items.find((a) => a.code === m.agency)?.indicatorScopes ?? [];
    return { indicators: indicators.items.filter((i) => matchesScope(scopes, i.code)), original };
  }, [m.agency, id]);
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { original, indicators } = data.data;
  const back = (
    <p>
      <a href={`/staff/${m.agency}/opportunities`}>{t('backToList')}</a>
    </p>
  );
  // Another agency's opportunity is not this screen's to edit (the API would refuse it too).
  if (original === null || (original && original.agency.code !== m.agency)) return <Page title={t('notYours')}>{back}</Page>;
  if (original?.status === 'cancelled') return <Page title={t('cannotEditCancelled')}>{back}</Page>;
  return <OpportunityForm m={m} original={original} indicators={indicators} />;
}

export default function OpportunityFormPage({ agency, id }: { agency?: string; id?: string }) {
  return (
    <StaffGate agency={agency} role="issuer">
      {(m) => <FormLoader m={m} id={id} />}
    </StaffGate>
  );
}

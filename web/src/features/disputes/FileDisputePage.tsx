// Filing a dispute (/me/disputes/new): from a credit (?credit=…&year=…) or a refused deed
// (?attestation=…&year=…) of the dashboard, or a deed that earned nothing (choose the agency, the
// deed and the day). A statement, and evidence files uploaded as for a declaration.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api, ApiError, unwrap } from '../../api/client';
import { ErrorMessage, Loading, errorText } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { bangkokYear, formatDate } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { EvidenceField, useEvidence } from '../declare/EvidenceField';
import { messages as declareMessages } from '../declare/messages';
import { fileDispute, getSettings, type Dispute } from './api';
import { dayText } from './DisputeCard';
import { messages } from './messages';
import '../declare/declare.css';
import './disputes.css';

register('disputes', messages);
register('declare', declareMessages);

const FIELD_OF: Record<string, string> = {
  agency_not_found: 'agency',
  dispute_no_respondent: 'agency',
  unknown_indicator: 'indicator',
  invalid_date: 'day',
  evidence_not_found: 'evidence',
};

const todayInBangkok = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());

export default function FileDisputePage() {
  const { t } = useT('disputes');
  const { t: c } = useT();
  const { me, error } = useMe();
  if (error) return <ErrorMessage error={error} />;
  if (!me) return <Loading />;
  if (!me.signedIn || !me.account)
    return (
      <Page title={t('newTitle')}>
        <a class="button" href={me.signedIn ? '/enrol' : signInUrl('/me/disputes/new')}>
          {me.signedIn ? c('nav.myGoodDeeds') : c('signIn')}
        </a>
      </Page>
    );
  return <FileForm accountId={me.account.id} />;
}

function FileForm({ accountId }: { accountId: string }) {
  const { t, lang } = useT('disputes');
  const { t: c } = useT();
  const { query } = useLocation();
  const year = Number(query.year) || bangkokYear();
  const creditId = query.credit;
  const attestationId = query.attestation;
  const data = useAsync(async () => {
    const settings = await getSettings();
    if (creditId) {
      const credits = await unwrap(api.GET('/api/v1/accounts/{id}/credits', { params: { path: { id: accountId }, query: { year } } }));
      const cr = credits.items.find((x) => x.id === creditId);
      return { settings, subject: cr && t('subjectCredit', { deed: pick(cr.indicatorName, lang) || cr.indicator, date: formatDate(cr.occurredAt, lang) }) };
    }
    if (attestationId) {
      const deeds = await unwrap(api.GET('/api/v1/accounts/{id}/attestations', { params: { path: { id: accountId }, query: { year } } }));
      const d = deeds.items.find((x) => x.id === attestationId);
      return { settings, subject: d && t('subjectRefused', { deed: pick(d.indicatorName, lang) || d.indicator, date: formatDate(d.occurredAt, lang) }) };
    }
    const [agencies, indicators] = await Promise.all([unwrap(api.GET('/api/v1/agencies')), unwrap(api.GET('/api/v1/indicators', { params: { query: {} } }))]);
    return { settings, subject: undefined, agencies: agencies.items, indicators: indicators.items };
  }, [accountId, creditId, attestationId, year, lang]);
  const evidence = useEvidence(accountId);
  const [agency, setAgency] = useState('');
  const [indicator, setIndicator] = useState('');
  const [day, setDay] = useState('');
  const [statement, setStatement] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Dispute | undefined>(undefined);

  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { settings, subject } = data.data;
  const missing = !creditId && !attestationId;
  const errorOf = (f: string) => errors.find((e) => e.field === f)?.message;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    if (missing && !agency) found.push({ field: 'agency', message: t('errors.agency') });
    if (missing && !indicator) found.push({ field: 'indicator', message: t('errors.indicator') });
    if (missing && (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day > todayInBangkok())) found.push({ field: 'day', message: t('errors.day') });
    if (!statement.trim()) found.push({ field: 'statement', message: t('errors.statement') });
    setErrors(found);
    setFailure(undefined);
    if (found.length) return;
    const files = evidence.hashes();
    const common = { statement: statement.trim(), ...(files.length ? { evidence: files } : {}) };
    setBusy(true);
    try {
      const body = creditId
        ? { kind: 'wrong_credit' as const, creditId, ...common }
        : attestationId
          ? { kind: 'refused' as const, attestationId, ...common }
          : { kind: 'missing' as const, agency, indicator, occurredOn: day, ...common };
      setSent(await fileDispute(accountId, body));
    } catch (err) {
      const field = err instanceof ApiError ? FIELD_OF[err.code] : undefined;
      if (field) setErrors([{ field, message: errorText(err, lang, c('networkError')) }]);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  if (sent)
    return (
      <Page title={t('newTitle')}>
        <div class="notice notice-ok" role="status" data-testid="dispute-sent">
          <p>{t('sent', { date: dayText(sent.dueOn, lang) })}</p>
        </div>
        <p>
          <a class="button" href="/me/disputes">
            {t('myTitle')}
          </a>
        </p>
      </Page>
    );

  return (
    <Page title={t('newTitle')} lead={t('newLead', { days: settings.answerDays })}>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        {failure ? <ErrorMessage error={failure} /> : null}
        {subject ? <p class="notice dispute-subject">{subject}</p> : null}
        {missing && data.data.agencies && data.data.indicators ? (
          <>
            <Field id="agency" label={t('fields.agency')} hint={t('fields.agencyHint')} error={errorOf('agency')}>
              <select
                id="agency"
                value={agency}
                aria-describedby={describedBy('agency', 'h', errorOf('agency'))}
                onChange={(e) => setAgency((e.target as HTMLSelectElement).value)}
              >
                <option value="">{t('fields.choose')}</option>
                {data.data.agencies
                  .filter((a) => a.roles.includes('issuer') || a.roles.includes('certifier'))
                  .map((a) => (
                    <option key={a.code} value={a.code}>
                      {pick(a.name, lang)}
                    </option>
                  ))}
              </select>
            </Field>
            <Field id="indicator" label={t('fields.indicator')} error={errorOf('indicator')}>
              <select
                id="indicator"
                value={indicator}
                aria-describedby={describedBy('indicator', undefined, errorOf('indicator'))}
                onChange={(e) => setIndicator((e.target as HTMLSelectElement).value)}
              >
                <option value="">{t('fields.choose')}</option>
                {data.data.indicators.map((i) => (
                  <option key={i.code} value={i.code}>
                    {pick(i.name, lang)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="day" label={t('fields.day')} error={errorOf('day')}>
              <input
                id="day"
                type="date"
                max={todayInBangkok()}
                value={day}
                aria-describedby={describedBy('day', undefined, errorOf('day'))}
                onInput={(e) => setDay((e.target as HTMLInputElement).value)}
              />
            </Field>
            {/^\d{4}-\d{2}-\d{2}$/.test(day) ? <p class="day-be">{dayText(day, 'th')}</p> : null}
          </>
        ) : null}
        <Field id="statement" label={t('fields.statement')} hint={t('fields.statementHint')} error={errorOf('statement')}>
          <textarea
            id="statement"
            rows={5}
            maxLength={2000}
            value={statement}
            aria-describedby={describedBy('statement', 'h', errorOf('statement'))}
            onInput={(e) => setStatement((e.target as HTMLTextAreaElement).value)}
          />
        </Field>
        <EvidenceField evidence={evidence} required={false} error={errorOf('evidence')} />
        <button type="submit" class="button button-large" disabled={busy}>
          {busy ? t('sending') : t('send')}
        </button>
      </form>
    </Page>
  );
}

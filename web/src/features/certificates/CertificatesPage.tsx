// /me/certificates: a member downloads the certificates the API offers for a year (the annual
// statement, volunteer hours, one per credit) and sees what each says; anyone, signed in or not,
// can check a certificate they were given.
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Form';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatDate, formatNumber, formatYear } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { annualStatementCertificate, creditCertificate, getCredits, volunteerHoursCertificate } from './api';
import { CertificateDownload } from './CertificateDownload';
import { messages } from './messages';
import { VerifyBox } from './VerifyBox';
import './certificates.css';

register('certificates', messages);

/** The years a person can choose: this year (the server's) and the four before it. */
const YEARS_BACK = 4;

function Downloads({ accountId }: { accountId: string }) {
  const { t, lang } = useT('certificates');
  const [year, setYear] = useState<number | undefined>(undefined);
  const credits = useAsync(() => getCredits(accountId, year), [accountId, year]);
  // The first answer (no year asked) tells which year is "this year" on the server.
  const [thisYear, setThisYear] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (credits.data && thisYear === undefined) setThisYear(credits.data.year);
  }, [credits.data, thisYear]);

  if (credits.error && !credits.data) return <ErrorMessage error={credits.error} onRetry={credits.reload} />;
  if (!credits.data || thisYear === undefined) return <Loading />;
  const shown = credits.data.year;
  const yearText = formatYear(shown, lang);
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);
  const n = (v: number) => formatNumber(v, lang);

  return (
    <>
      <Field id="certificate-year" label={t('year')} hint={t('yearHint')}>
        <select
          id="certificate-year"
          aria-describedby="certificate-year-hint"
          value={String(year ?? shown)}
          onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {formatYear(y, lang)}
            </option>
          ))}
        </select>
      </Field>

      {/* Keyed by year: a download shown for one year is not left standing under another. */}
      <div key={shown}>
        <section class="card" aria-labelledby="annual-title">
          <h2 id="annual-title">{t('annualTitle', { year: yearText })}</h2>
          <p>{t('annualWhat')}</p>
          <CertificateDownload
            kind="annual-statement"
            load={() => annualStatementCertificate(accountId, shown)}
            yearText={yearText}
            label={t('downloadNamed', { name: t('annualTitle', { year: yearText }) })}
          />
        </section>

        <section class="card" aria-labelledby="volunteer-title">
          <h2 id="volunteer-title">{t('volunteerTitle', { year: yearText })}</h2>
          <p>{t('volunteerWhat')}</p>
          <CertificateDownload
            kind="volunteer-hours"
            load={() => volunteerHoursCertificate(accountId, shown)}
            yearText={yearText}
            label={t('downloadNamed', { name: t('volunteerTitle', { year: yearText }) })}
          />
        </section>

        <section aria-labelledby="credits-title">
          <h2 id="credits-title">{t('creditsTitle', { year: yearText })}</h2>
          <p>{t('creditsWhat')}</p>
          {credits.data.items.length === 0 ? <p>{t('noCredits')}</p> : null}
          <ul class="plain-list certificate-credits">
            {credits.data.items.map((cr) => {
              const name = pick(cr.indicatorName, lang) || cr.indicator;
              return (
                <li key={cr.id} class="credit" data-testid="certificate-credit" data-credit={cr.id}>
                  <h3 class="credit-title">{name}</h3>
                  <p class="small">{t('creditLine', { date: formatDate(cr.occurredAt, lang), points: n(cr.points) })}</p>
                  {cr.reversal ? (
                    <p class="notice small" data-testid="certificate-credit-reversed">
                      {t('creditReversed', { agency: pick(cr.reversal.by.name, lang), date: formatDate(cr.reversal.reversedAt, lang) })}
                    </p>
                  ) : (
                    <CertificateDownload
                      kind="credit"
                      load={() => creditCertificate(accountId, cr.id)}
                      yearText={yearText}
                      label={t('downloadNamed', { name })}
                      summaryHeading="h4"
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </>
  );
}

export default function CertificatesPage() {
  const { t } = useT('certificates');
  const { t: c } = useT();
  const { me, error } = useMe();
  if (error) return <ErrorMessage error={error} />;
  if (!me) return <Loading />;
  const account = me.account;
  return (
    <Page title={me.signedIn ? t('title') : t('titlePublic')} lead={t('lead')}>
      {!me.signedIn ? (
        <>
          <p>{t('signInFirst')}</p>
          {me.signInAvailable ? (
            <a class="button" href={signInUrl('/me/certificates')}>
              {c('signIn')}
            </a>
          ) : null}
        </>
      ) : !account ? (
        <>
          <p>{t('notEnrolled')}</p>
          <a class="button" href="/enrol">
            {t('enrolNow')}
          </a>
        </>
      ) : (
        <Downloads accountId={account.id} />
      )}

      <section aria-labelledby="check-title">
        <h2 id="check-title">{t('checkTitle')}</h2>
        <p>{t('checkHow')}</p>
        <ol class="check-ways">
          <li>{t('checkWays.box')}</li>
          <li>{t('checkWays.api')}</li>
          <li>{t('checkWays.offline')}</li>
        </ol>
        <VerifyBox />
      </section>

      {account ? (
        <p>
          <a href="/me/privileges">{t('privilegesLink')}</a>
        </p>
      ) : null}
    </Page>
  );
}

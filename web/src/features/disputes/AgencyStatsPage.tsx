// Public figures per agency (/stats/agencies): dispute answer times and citizens' ratings, with
// every figure from fewer than 10 people withheld by the API and said so in words.
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { getAgencyStats, type AgencyFigures } from './api';
import { messages } from './messages';
import './disputes.css';

register('disputes', messages);

export default function AgencyStatsPage() {
  const { t, lang } = useT('disputes');
  const stats = useAsync(() => getAgencyStats(), []);
  const num = (n: number | null, f: (n: number) => string = (x) => formatNumber(x, lang)) => (n === null ? <span class="muted">{t('stats.withheld')}</span> : f(n));
  // Only agencies that answer disputes or are rated (not the committee, not the reviewer).
  const shown = (a: AgencyFigures) => a.roles.some((r) => r === 'issuer' || r === 'certifier' || r === 'partner');
  const none = <span class="muted">{t('stats.none')}</span>;
  return (
    <Page title={t('stats.title')} lead={stats.data ? t('stats.lead', { min: stats.data.minimumCount }) : undefined} wide>
      <p>
        <a href="/stats">{t('stats.backToStats')}</a>
      </p>
      {stats.error ? <ErrorMessage error={stats.error} onRetry={stats.reload} /> : null}
      {!stats.data && !stats.error ? <Loading /> : null}
      {stats.data ? (
        <>
          <p class="small muted">{t('stats.asOf', { date: formatDate(stats.data.asOf, lang) })}</p>
          <ul class="agency-figures" data-testid="agency-table">
            {stats.data.items.filter(shown).map((a) => (
              <li key={a.code} class="card" data-agency={a.code}>
                <h2 class="agency-name">{pick(a.name, lang)}</h2>
                <dl>
                  <div>
                    <dt>{t('stats.answered')}</dt>
                    <dd>{num(a.disputes.answered)}</dd>
                  </div>
                  <div>
                    <dt>{t('stats.median')}</dt>
                    <dd>{a.disputes.answered === 0 ? none : num(a.disputes.medianAnswerDays, (d) => t('stats.days', { count: d }))}</dd>
                  </div>
                  <div>
                    <dt>{t('stats.onTime')}</dt>
                    <dd>
                      {a.disputes.answered === 0
                        ? none
                        : num(a.disputes.onTimeShare, (x) => new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { style: 'percent' }).format(x))}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('stats.reversalRate')}</dt>
                    <dd>
                      {num(a.disputes.reversalRate, (x) => new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(x))}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('stats.ratings')}</dt>
                    <dd>{num(a.ratings.count)}</dd>
                  </div>
                  <div>
                    <dt>{t('stats.mean')}</dt>
                    <dd>
                      {a.ratings.count === 0 ? none : num(a.ratings.mean, (m) => new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 2 }).format(m))}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <p class="small">{t('stats.withheldNote')}</p>
        </>
      ) : null}
    </Page>
  );
}

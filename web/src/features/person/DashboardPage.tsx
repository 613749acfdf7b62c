// A member's own good deeds: this year's points against the scale with the five domains, and every
// credit explained in words (the deed, the rule version, who attested and certified it, the date).
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { bangkokYear, formatDate, formatNumber, formatYear } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { getAgencies, getCredits, getScore } from './api';
import { messages } from './messages';

register('person', messages);

const DOMAINS = ['health', 'learning', 'community', 'safety', 'environment'] as const;

export default function DashboardPage() {
  const { t, lang } = useT('person');
  const { t: c } = useT();
  const { me } = useMe();
  const year = bangkokYear();
  const id = me?.account?.id;
  const data = useAsync(async () => {
    if (!id) return undefined;
    const [score, credits, agencies] = await Promise.all([getScore(id, year), getCredits(id, year), getAgencies()]);
    return { score, credits, agencies: new Map(agencies.items.map((a) => [a.code, a.name])) };
  }, [id, year]);

  if (me && !me.signedIn)
    return (
      <Page title={t('title')}>
        <a class="button" href={signInUrl('/me')}>
          {c('signIn')}
        </a>
      </Page>
    );
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { score, credits, agencies } = data.data;
  const agencyName = (code: string | null) => (code ? pick(agencies.get(code), lang) || code : '');

  return (
    <Page title={t('title')}>
      <section class="card score-card" aria-labelledby="score-title">
        <h2 id="score-title">{t('scoreTitle', { year: formatYear(year, lang) })}</h2>
        <p class="score" data-testid="score-points">
          {t('scoreOf', { points: formatNumber(score.points, lang), max: formatNumber(score.max, lang) })}
        </p>
        <meter class="meter" min={0} max={score.max} value={score.points} aria-labelledby="score-title" />
        <h3>{t('byDomain')}</h3>
        <ul class="domains">
          {DOMAINS.map((d) => (
            <li key={d} data-testid={`domain-${d}`}>
              <span>{c(`domains.${d}`)}</span>
              <strong>{formatNumber(score.byDomain[d], lang)}</strong>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="credits-title">
        <h2 id="credits-title">{t('creditsTitle', { year: formatYear(year, lang) })}</h2>
        {credits.items.length === 0 ? <p>{t('noCredits')}</p> : null}
        <ul class="credit-list">
          {credits.items.map((cr) => (
            <li key={cr.id} class="credit" data-testid="credit">
              <p class="credit-title">{t('creditLine', { indicator: pick(cr.indicatorName, lang) || cr.indicator, points: formatNumber(cr.points, lang) })}</p>
              <p class="small">
                {t('occurredOn', { date: formatDate(cr.occurredAt, lang) })} · {cr.issuer === 'self' ? t('selfDeclared') : t('attestedBy', { issuer: agencyName(cr.issuer) })}
                {cr.certifier ? ` · ${t('certifiedBy', { certifier: agencyName(cr.certifier) })}` : ''} · {t('ruleVersion', { version: cr.ruleVersion })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

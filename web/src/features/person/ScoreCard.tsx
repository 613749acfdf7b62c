// The year's points against the scale maximum, and the five domains they came from.
import { useT } from '../../i18n';
import { formatNumber, formatYear } from '../../lib/format';
import type { Score } from './api';

export const DOMAINS = ['health', 'learning', 'community', 'safety', 'environment'] as const;

export function ScoreCard({ score }: { score: Score }) {
  const { t, lang } = useT('person');
  const { t: c } = useT();
  const n = (x: number) => formatNumber(x, lang);
  return (
    <section class="card person-card score-card" aria-labelledby="score-title">
      <h2 id="score-title">{t('scoreTitle', { year: formatYear(score.year, lang) })}</h2>
      <p class="score" data-testid="score-points">
        {t('scoreOf', { points: n(score.points), max: n(score.max) })}
      </p>
      <meter class="meter" min={0} max={score.max} value={score.points} aria-labelledby="score-title" />
      {score.earned > score.points ? <p class="small muted">{t('earnedMore', { earned: n(score.earned), max: n(score.max) })}</p> : null}
      <h3>{t('byDomain')}</h3>
      <ul class="domains">
        {DOMAINS.map((d) => (
          <li key={d} data-testid={`domain-${d}`}>
            <span>{c(`domains.${d}`)}</span>
            <strong>{n(score.byDomain[d])}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

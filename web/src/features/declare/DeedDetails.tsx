// What the chosen deed is worth and its limits, in words, before the person sends it.
import { pick, useT } from '../../i18n';
import type { Indicator } from './deeds';

export function DeedDetails({ deed }: { deed: Indicator }) {
  const { t, lang } = useT('declare');
  const { caps } = deed;
  const lines = [
    deed.unit === 'hour' ? t('pointsHour', { points: deed.points }) : t('pointsEach', { points: deed.points }),
    caps.oncePerLifetime ? t('capLifetime') : null,
    caps.maxPerYear !== undefined ? t('capPerYear', { count: caps.maxPerYear }) : null,
    caps.minIntervalDays !== undefined ? t('capInterval', { count: caps.minIntervalDays }) : null,
    caps.maxPointsPerYear !== undefined ? t('capPoints', { count: caps.maxPointsPerYear }) : null,
    deed.evidence === 'none' ? null : t('evidenceNeeded'),
  ].filter((l): l is string => l !== null);
  return (
    <section class="deed-details" aria-labelledby="deed-details-title" data-testid="deed-details">
      <h2 id="deed-details-title" class="deed-details-title">
        {t('aboutDeed')}
      </h2>
      {deed.description ? <p>{pick(deed.description, lang)}</p> : null}
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </section>
  );
}

// Past years as a bar chart drawn with plain elements (no chart library: a handful of bars does not
// need 40 KB), each bar against the scale maximum. The drawing is hidden from screen readers; the
// table beside it, visually hidden, carries the same numbers with the five domains.
import { useT } from '../../i18n';
import { formatNumber, formatYear } from '../../lib/format';
import type { YearScore } from './api';
import { DOMAINS } from './ScoreCard';

export function YearsChart({ years, selected }: { years: YearScore[]; selected: number }) {
  const { t, lang } = useT('person');
  const { t: c } = useT();
  const n = (x: number) => formatNumber(x, lang);
  const newestFirst = [...years].reverse();
  const max = years[0]?.max ?? 1000;
  return (
    <section class="card person-card" aria-labelledby="years-title">
      <h2 id="years-title">{t('yearsTitle')}</h2>
      <p class="small muted">{t('yearsHint', { max: n(max) })}</p>
      <ul class="year-bars" aria-hidden="true" data-testid="years-chart">
        {newestFirst.map((y) => (
          <li key={y.year} class={y.year === selected ? 'year-bar year-bar-selected' : 'year-bar'}>
            <span class="year-bar-label">{formatYear(y.year, lang)}</span>
            <span class="year-bar-track">
              <span class="year-bar-fill" style={{ width: `${Math.min(100, (y.points / Math.max(1, y.max)) * 100)}%` }} />
            </span>
            <span class="year-bar-value">{n(y.points)}</span>
          </li>
        ))}
      </ul>
      <div class="visually-hidden">
        <table data-testid="years-table">
          <caption>{t('yearsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colYear')}</th>
              <th scope="col">{t('colPoints')}</th>
              {DOMAINS.map((d) => (
                <th key={d} scope="col">
                  {c(`domains.${d}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((y) => (
              <tr key={y.year}>
                <th scope="row">{formatYear(y.year, lang)}</th>
                <td>{t('pointsOf', { points: n(y.points), max: n(y.max) })}</td>
                {DOMAINS.map((d) => (
                  <td key={d}>{n(y.byDomain[d])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

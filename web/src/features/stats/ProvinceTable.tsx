// The text alternative to the map: every province with its three figures, sortable by name or by a
// figure. Withheld figures read as withheld and stay after the published ones whichever way it sorts.
import { useState } from 'preact/hooks';
import { pick, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import type { ProvinceStats } from './api';
import { figureOf, type SortKey, sortProvinces } from './figures';

export function ProvinceTable({ provinces, caption, minimum }: { provinces: ProvinceStats[]; caption: string; minimum: number }) {
  const { t, lang } = useT('stats');
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'name', ascending: true });
  const rows = sortProvinces(provinces, sort.key, sort.ascending, lang);
  const columns: Array<{ key: SortKey; label: string }> = [
    { key: 'name', label: t('province') },
    { key: 'people', label: t('colPeople') },
    { key: 'credits', label: t('colCredits') },
    { key: 'points', label: t('colPoints') },
  ];
  const choose = (key: SortKey) => setSort((s) => (s.key === key ? { key, ascending: !s.ascending } : { key, ascending: key === 'name' }));
  const state = sort.key === 'name' ? t('sortedAlphabetically') : sort.ascending ? t('sortedAscending') : t('sortedDescending');
  return (
    <div class="table-wrap">
      <table class="province-table" data-testid="province-table">
        <caption>
          {caption}
          <span class="visually-hidden">
            {' '}
            ({columns.find((c) => c.key === sort.key)?.label}, {state})
          </span>
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={c.key === 'name' ? undefined : 'num'} aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : undefined}>
                <button type="button" class="sort-button" onClick={() => choose(c.key)}>
                  {c.label}
                  <span aria-hidden="true" class="sort-mark">
                    {sort.key === c.key ? (sort.ascending ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.code} id={`province-${p.code}`} data-code={p.code}>
              <th scope="row">{pick(p.name, lang)}</th>
              {p.suppressed ? (
                // One withheld figure set: people, deeds and points are withheld together.
                <td colSpan={3} class="withheld" data-measure="people">
                  {t('withheldPeople', { min: minimum })}
                </td>
              ) : (
                (['people', 'credits', 'points'] as const).map((m) => (
                  <td key={m} class="num" data-measure={m}>
                    {formatNumber(figureOf(p, m) ?? 0, lang)}
                  </td>
                ))
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The public picture of good deeds (no sign-in): the year's national figures, a chart per year and
// per domain, and the 77 provinces on a map and in a table. Figures describing fewer than the
// published minimum of people are never shown as numbers. The map's code loads after the figures.
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatDate, formatNumber, formatYear } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { type Cell, getYear, getYears, type YearStats } from './api';
import { type Bar, BarChart } from './BarChart';
import { classBreaks, classLabels, classOf, MEASURES, type Measure, figureOf } from './figures';
import { messages } from './messages';
import type { MapProvince } from './ProvinceMap';
import { ProvinceTable } from './ProvinceTable';
import './stats.css';

register('stats', messages);

type MapComponent = ComponentType<{
  id: string;
  label: string;
  loadingText: string;
  provinces: MapProvince[];
  onFailed: () => void;
  onFocus: (code: string | undefined) => void;
}>;

function parseYear(q: string | undefined): number | undefined {
  return q && /^\d{4}$/.test(q) ? Number(q) : undefined;
}

export default function StatsPage() {
  const { t, lang } = useT('stats');
  const { query, route } = useLocation();
  const requested = parseYear(query.year);
  const [measure, setMeasure] = useState<Measure>('people');
  const data = useAsync(async () => {
    const [year, years] = await Promise.all([getYear(requested), getYears()]);
    return { year, years };
  }, [requested]);

  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { year: stats, years } = data.data;
  const min = stats.minimumCount;
  const yearOptions = [...new Set([stats.year, ...years.items.map((y) => y.year), ...(requested ? [requested] : [])])].sort((a, b) => b - a);

  const text = (cell: Cell, m: Measure) => {
    const v = figureOf(cell, m);
    if (v === undefined) return m === 'people' ? t('withheldPeople', { min }) : t('withheld');
    return t(`${m}Value`, { value: formatNumber(v, lang) });
  };
  const bar = (key: string, label: string, cell: Cell): Bar => ({ key, label, value: figureOf(cell, measure), text: text(cell, measure) });

  return (
    <Page title={t('title')} lead={t('lead')} wide>
      <HatchDefs />
      <p>
        <a href="/stats/agencies">{t('agencies')}</a>
      </p>
      <div class="stats-controls">
        <div class="field">
          <label for="stats-year">{t('year')}</label>
          <select id="stats-year" value={String(stats.year)} onChange={(e) => route(`/stats?year=${(e.target as HTMLSelectElement).value}`, true)}>
            {yearOptions.map((y) => (
              <option key={y} value={String(y)}>
                {formatYear(y, lang)}
              </option>
            ))}
          </select>
        </div>
        <p class="muted small as-of">{t('asOf', { date: formatDate(stats.asOf, lang) })}</p>
      </div>

      <section class="card totals-card" aria-labelledby="totals-title">
        <h2 id="totals-title">{t('totalsTitle', { year: formatYear(stats.year, lang) })}</h2>
        <dl class="totals" data-testid="national">
          {MEASURES.map((m) => (
            <div key={m}>
              <dt>{t(m)}</dt>
              <dd class={stats.national.suppressed ? 'withheld' : undefined}>{text(stats.national, m)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <fieldset class="measure-choice">
        <legend>{t('measure')}</legend>
        {MEASURES.map((m) => (
          <div class="radio" key={m}>
            <input type="radio" id={`measure-${m}`} name="measure" value={m} checked={measure === m} onChange={() => setMeasure(m)} />
            <label for={`measure-${m}`}>{t(m)}</label>
          </div>
        ))}
      </fieldset>

      <div class="stats-charts">
        <section aria-labelledby="years-title">
          <h2 id="years-title">{t('byYearTitle')}</h2>
          {years.items.length === 0 ? (
            <p>{t('noYears')}</p>
          ) : (
            <BarChart id="by-year" caption={t('byYearCaption', { measure: t(measure) })} bars={years.items.map((y) => bar(String(y.year), formatYear(y.year, lang), y))} />
          )}
        </section>
        <section aria-labelledby="domains-title">
          <h2 id="domains-title">{t('byDomainTitle')}</h2>
          <BarChart
            id="by-domain"
            caption={t('byDomainCaption', { measure: t(measure), year: formatYear(stats.year, lang) })}
            bars={stats.domains.map((d) => bar(d.code, pick(d.name, lang), d))}
          />
          {measure === 'people' ? <p class="muted small">{t('domainNote')}</p> : null}
        </section>
      </div>

      <ProvincesSection stats={stats} />

      <section aria-labelledby="why-title" class="why">
        <h2 id="why-title">{t('whyTitle')}</h2>
        <p>{t('why1', { min })}</p>
        <p>{t('why2', { min })}</p>
        <p>{t('why3')}</p>
        <p class="notice">{t('notRanking')}</p>
      </section>
    </Page>
  );
}

function ProvincesSection({ stats }: { stats: YearStats }) {
  const { t, lang } = useT('stats');
  const min = stats.minimumCount;
  const [MapView, setMapView] = useState<MapComponent | 'failed' | undefined>(undefined);
  const [focused, setFocused] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    import('./ProvinceMap').then(
      (m) => live && setMapView(() => m.default),
      () => live && setMapView('failed'),
    );
    return () => {
      live = false;
    };
  }, []);

  const breaks = useMemo(
    () =>
      classBreaks(
        stats.provinces.map((p) => figureOf(p, 'people') ?? 0),
        min,
      ),
    [stats, min],
  );
  const legend = classLabels(breaks, lang, (n) => t('orMore', { n }));
  const provinces: MapProvince[] = useMemo(
    () =>
      stats.provinces.map((p) => {
        const v = figureOf(p, 'people');
        const figure = v === undefined ? t('withheldPeople', { min }) : t('peopleValue', { value: formatNumber(v, lang) });
        return {
          code: p.code,
          label: t('provinceFigure', { province: pick(p.name, lang), figure }),
          fill: v === undefined ? 'withheld' : v === 0 ? 'zero' : shade(classOf(v, breaks), breaks.length),
        };
      }),
    [stats, breaks, lang, t, min],
  );
  const detail = provinces.find((p) => p.code === focused)?.label;

  return (
    <section aria-labelledby="map-title" class="stats-provinces">
      <h2 id="map-title">{t('mapTitle')}</h2>
      <div class="map-and-table">
        <div class="map-column">
          <p class="hint">{t('mapHint')}</p>
          <a class="skip-map" href="#province-table-title">
            {t('skipMap')}
          </a>
          {MapView === 'failed' ? (
            <p class="notice">{t('mapFailed')}</p>
          ) : MapView ? (
            <MapView
              id="province-map"
              label={t('mapLabel', { year: formatYear(stats.year, lang) })}
              loadingText={t('mapLoading')}
              provinces={provinces}
              onFailed={() => setMapView('failed')}
              onFocus={setFocused}
            />
          ) : (
            <p class="loading" role="status">
              {t('mapLoading')}
            </p>
          )}
          <p class="map-detail" aria-hidden="true">
            {detail ?? '\u00a0'}
          </p>
          <div class="legend">
            <p id="legend-title" class="legend-title">
              {t('legendTitle')}
            </p>
            <ul aria-labelledby="legend-title">
              <li>
                <Swatch fill="zero" />
                {t('legendZero')}
              </li>
              {legend.map((label, i) => (
                <li key={label}>
                  <Swatch fill={shade(i, legend.length)} />
                  {label}
                </li>
              ))}
              <li>
                <Swatch fill="withheld" />
                {t('legendWithheld')}
              </li>
            </ul>
          </div>
          <p class="muted small">{t('credit')}</p>
        </div>
        <div class="table-column">
          <h3 id="province-table-title" tabIndex={-1}>
            {t('tableTitle')}
          </h3>
          <ProvinceTable provinces={stats.provinces} minimum={min} caption={t('tableCaption', { year: formatYear(stats.year, lang) })} />
        </div>
      </div>
    </section>
  );
}

/** The shade (0 lightest … SHADES−1 darkest) of class `i` of `n`: fewer classes take the darker shades, so one class still stands out. */
const SHADES = 4;
const shade = (i: number, n: number) => SHADES - Math.min(n, SHADES) + i;

function Swatch({ fill }: { fill: MapProvince['fill'] }) {
  return (
    <svg class="swatch" width="28" height="18" aria-hidden="true" focusable="false">
      <rect class={`province fill-${fill}`} x="1" y="1" width="26" height="16" />
    </svg>
  );
}

/** The hatching of withheld figures, defined once for every chart, swatch and the map. */
function HatchDefs() {
  return (
    <svg class="hatch-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="stats-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#4a5560" stroke-width="2.5" />
        </pattern>
      </defs>
    </svg>
  );
}

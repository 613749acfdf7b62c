// /indicators — the public catalogue of indicators by domain: points per unit, caps in words, who
// records the deed, whether local certification is needed. Searchable on the device (the whole
// catalogue is one small answer), so typing filters at once without leaving the page.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { type Agency, type Indicator, getAgencies, getArea, getIndicators } from './api';
import { capsInWords, matchesScope } from './describe';
import { DOMAINS } from './filters';
import { indicatorMessages } from './indicators-messages';
import './catalogue.css';

register('indicators', indicatorMessages);

const KINDS = ['person', 'community', 'organisation'] as const;
type Kind = (typeof KINDS)[number];
type Names = { agencies: Map<string, Agency>; areas: Map<string, string>; groups: Map<string, Indicator[]> };

function matches(i: Indicator, words: string): boolean {
  if (!words) return true;
  const hay = [i.code, i.name.th, i.name.en, i.description?.th, i.description?.en, i.virtue?.name.th, i.virtue?.name.en].filter(Boolean).join(' ').toLocaleLowerCase();
  return words
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

function IndicatorCard({ i, names }: { i: Indicator; names: Names }) {
  const { t, lang } = useT('indicators');
  const agencyName = (code: string) => pick(names.agencies.get(code)?.name, lang) || code;
  const attesters = [...names.agencies.values()].filter((a) => a.roles.includes('issuer') && matchesScope(a.indicatorScopes, i.code));
  const caps = capsInWords(i.caps);
  const sameAct = (names.groups.get(i.equivalenceGroup) ?? []).filter((x) => x.code !== i.code);
  const owner =
    i.owner.kind === 'national'
      ? t('owner.national')
      : i.owner.kind === 'agency'
        ? t('owner.agency', { agency: agencyName(i.owner.agency) })
        : t('owner.local', { agency: agencyName(i.owner.agency), area: names.areas.get(i.owner.area) ?? i.owner.area });
  return (
    <article class="card ind" aria-labelledby={`ind-${i.code}`} data-testid="indicator" data-code={i.code}>
      <h3 id={`ind-${i.code}`} class="ind-title">
        {pick(i.name, lang)}
      </h3>
      <p class="small muted">{owner}</p>
      {i.description ? <p>{pick(i.description, lang)}</p> : null}
      <dl class="opp-facts">
        <div>
          <dt>{t('points')}</dt>
          <dd>
            <strong>{t(i.unit === 'hour' ? 'perHour' : 'perOccurrence', { points: formatNumber(i.points, lang) })}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('caps.title')}</dt>
          <dd>
            {caps.length ? (
              <ul class="ind-caps">
                {caps.map((cap) => (
                  <li key={cap.key}>{t(cap.key, cap.count === undefined ? {} : { n: formatNumber(cap.count, lang) })}</li>
                ))}
              </ul>
            ) : (
              t('caps.none')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('attests')}</dt>
          <dd>
            {attesters.length || i.selfDeclarable ? (
              <ul class="ind-caps">
                {attesters.map((a) => (
                  <li key={a.code}>{pick(a.name, lang)}</li>
                ))}
                {i.selfDeclarable ? <li>{t('selfDeclare')}</li> : null}
              </ul>
            ) : (
              t('nobody')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('certification')}</dt>
          <dd data-testid="certification">{t(i.certification === 'local' ? 'local' : 'auto')}</dd>
        </div>
        <div>
          <dt>{t('forKinds')}</dt>
          <dd>{i.accountKinds.map((k) => t(`kinds.${k}`)).join(', ')}</dd>
        </div>
      </dl>
      {i.sensitive === 'health' ? <p class="opp-note">{t('health')}</p> : null}
      {sameAct.length ? <p class="opp-note">{t('sameAct', { names: sameAct.map((x) => pick(x.name, lang)).join(', ') })}</p> : null}
      {i.virtue ? <p class="small">{t('virtue', { name: pick(i.virtue.name, lang) })}</p> : null}
      <p class="small muted">
        {t(`evidence.${i.evidence}`)} · {t('version', { code: i.code, version: i.version, date: formatDate(i.effectiveFrom, lang) })}
      </p>
    </article>
  );
}

export default function IndicatorsPage() {
  const { t, lang } = useT('indicators');
  const { t: c } = useT();
  const { query } = useLocation();
  const [q, setQ] = useState(query.q ?? '');
  const [domain, setDomain] = useState<string>((DOMAINS as readonly string[]).includes(query.domain ?? '') ? query.domain! : '');
  const [kind, setKind] = useState<Kind | ''>((KINDS as readonly string[]).includes(query.kind ?? '') ? (query.kind as Kind) : '');
  const data = useAsync(async () => {
    const [indicators, agencies] = await Promise.all([getIndicators(), getAgencies()]);
    const localAreas = [...new Set(indicators.items.flatMap((i) => (i.owner.kind === 'local' ? [i.owner.area] : [])))];
    const areas = await Promise.all(localAreas.map((code) => getArea(code).catch(() => undefined)));
    return { indicators: indicators.items, agencies: new Map(agencies.items.map((a) => [a.code, a])), areas };
  }, []);

  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { indicators, agencies } = data.data;
  const groups = new Map<string, Indicator[]>();
  for (const i of indicators) groups.set(i.equivalenceGroup, [...(groups.get(i.equivalenceGroup) ?? []), i]);
  const names: Names = {
    agencies,
    groups,
    areas: new Map(
      data.data.areas.flatMap((a) =>
        a
          ? [
              [
                a.code,
                [a, ...a.path]
                  .sort((x, y) => y.code.length - x.code.length)
                  .map((p) => pick(p.name, lang))
                  .join(', '),
              ],
            ]
          : [],
      ),
    ),
  };
  const shown = indicators.filter((i) => (!domain || i.domain === domain) && (!kind || i.accountKinds.includes(kind)) && matches(i, q.trim()));
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

  return (
    <Page title={t('title')} lead={t('lead')} wide>
      <p>
        <a href="/catalogue">{t('activitiesLink')}</a>
      </p>
      <search class="card opp-filters" aria-labelledby="ind-search-title">
        <h2 id="ind-search-title">{t('search')}</h2>
        <form onSubmit={(e) => e.preventDefault()}>
          <div class="opp-filter-grid">
            <div class="field">
              <label for="i-q">{t('q')}</label>
              <p class="hint" id="i-q-hint">
                {t('qHint')}
              </p>
              <input id="i-q" type="search" maxLength={100} value={q} aria-describedby="i-q-hint" onInput={(e) => setQ(value(e))} />
            </div>
            <div class="field">
              <label for="i-domain">{t('domain')}</label>
              <select id="i-domain" value={domain} onChange={(e) => setDomain(value(e))}>
                <option value="">{t('anyDomain')}</option>
                {DOMAINS.map((d) => (
                  <option key={d} value={d}>
                    {c(`domains.${d}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="i-kind">{t('kind')}</label>
              <select id="i-kind" value={kind} onChange={(e) => setKind(value(e) as Kind | '')}>
                <option value="">{t('anyKind')}</option>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </form>
      </search>
      <p role="status" class="muted" data-testid="indicator-count">
        {shown.length ? t('shown', { n: formatNumber(shown.length, lang) }) : t('none')}
      </p>
      {DOMAINS.map((d) => {
        const items = shown.filter((i) => i.domain === d);
        if (!items.length) return null;
        return (
          <section key={d} aria-labelledby={`domain-${d}`}>
            <h2 id={`domain-${d}`}>{c(`domains.${d}`)}</h2>
            <ul class="opp-list ind-list">
              {items.map((i) => (
                <li key={i.code}>
                  <IndicatorCard i={i} names={names} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Page>
  );
}

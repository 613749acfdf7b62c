// Searching the catalogue by words, domain and area (province, then district). Nothing happens
// until the person presses Search, so changing a select never moves them to another page.
import { useEffect, useState } from 'preact/hooks';
import { pick, useT } from '../../i18n';
import { type AreaLevel, getAreas } from './api';
import { DOMAINS, type Filters } from './filters';

type Area = Awaited<ReturnType<typeof getAreas>>[number];

function useAreas(level: AreaLevel, parent: string | undefined, enabled: boolean): Area[] {
  const { lang } = useT();
  const [areas, setAreas] = useState<Area[]>([]);
  useEffect(() => {
    if (!enabled) {
      setAreas([]);
      return;
    }
    let live = true;
    getAreas(level, parent).then(
      (items) => live && setAreas(items),
      () => live && setAreas([]),
    );
    return () => {
      live = false;
    };
  }, [level, parent, enabled]);
  return areas.slice().sort((a, b) => pick(a.name, lang).localeCompare(pick(b.name, lang), lang));
}

export function FilterForm({ initial, onSearch, onClear }: { initial: Filters; onSearch: (f: Filters) => void; onClear: () => void }) {
  const { t, lang } = useT('catalogue');
  const { t: c } = useT();
  const [f, setF] = useState<Filters>(initial);
  const provinces = useAreas('province', undefined, true);
  const districts = useAreas('district', f.province, f.province.length === 2);
  const set = (patch: Partial<Filters>) => setF((x) => ({ ...x, ...patch }));
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

  return (
    <search class="card opp-filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('filters.title')}</h2>
      <form
        method="get"
        action="/catalogue"
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(f);
        }}
      >
        <div class="opp-filter-grid">
          <div class="field">
            <label for="f-q">{t('filters.q')}</label>
            <p class="hint" id="f-q-hint">
              {t('filters.qHint')}
            </p>
            <input id="f-q" name="q" type="search" maxLength={100} value={f.q} aria-describedby="f-q-hint" onInput={(e) => set({ q: value(e) })} />
          </div>
          <div class="field">
            <label for="f-domain">{t('filters.domain')}</label>
            <select id="f-domain" name="domain" value={f.domain} onChange={(e) => set({ domain: value(e) as Filters['domain'] })}>
              <option value="">{t('filters.anyDomain')}</option>
              {DOMAINS.map((d) => (
                <option key={d} value={d}>
                  {c(`domains.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-province">{t('filters.province')}</label>
            <select id="f-province" name="province" value={f.province} onChange={(e) => set({ province: value(e), district: '' })}>
              <option value="">{t('filters.anyProvince')}</option>
              {provinces.map((a) => (
                <option key={a.code} value={a.code}>
                  {pick(a.name, lang)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-district">{t('filters.district')}</label>
            <select id="f-district" name="district" value={f.district} disabled={!f.province} onChange={(e) => set({ district: value(e) })}>
              <option value="">{t('filters.anyDistrict')}</option>
              {districts.map((a) => (
                <option key={a.code} value={a.code}>
                  {pick(a.name, lang)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="opp-actions">
          <button type="submit" class="button">
            {t('filters.search')}
          </button>
          <button type="button" class="button-link" onClick={onClear}>
            {t('filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}

// Choosing a home subdistrict the way an address is written: province, then district, then
// subdistrict, each a plain <select> that works with a keyboard and a screen reader.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import { pick, useT } from '../i18n';

type Level = 'province' | 'district' | 'subdistrict';
type Area = { code: string; name: { th: string; en: string } };

async function areas(level: Level, parent?: string): Promise<Area[]> {
  const r = await unwrap(api.GET('/api/v1/areas', { params: { query: { level, limit: 200, ...(parent ? { parent } : {}) } } }));
  return r.items;
}

export function AreaPicker(props: {
  id: string;
  value: string;
  onChange: (subdistrict: string) => void;
  error?: string | undefined;
  labels: { province: string; district: string; subdistrict: string; choose: string };
}) {
  const { lang } = useT();
  const { id, value, onChange, labels } = props;
  const [province, setProvince] = useState(value.slice(0, 2));
  const [district, setDistrict] = useState(value.slice(0, 4));
  const [lists, setLists] = useState<Record<Level, Area[]>>({ province: [], district: [], subdistrict: [] });

  useEffect(() => {
    void areas('province').then((province) => setLists((l) => ({ ...l, province })));
  }, []);
  useEffect(() => {
    if (province.length === 2) void areas('district', province).then((district) => setLists((l) => ({ ...l, district, subdistrict: [] })));
  }, [province]);
  useEffect(() => {
    // Subdistricts are searched under their district (4 digits) — the areas API takes a district as parent.
    if (district.length === 4) void areas('subdistrict', district).then((subdistrict) => setLists((l) => ({ ...l, subdistrict })));
  }, [district]);

  // The subdistrict select carries the picker's own id, so an error summary can link to it.
  const select = (level: Level, selected: string, set: (v: string) => void, disabled: boolean) => {
    const selectId = level === 'subdistrict' ? id : `${id}-${level}`;
    return (
      <div class="field">
        <label for={selectId}>{labels[level]}</label>
        <select
          id={selectId}
          value={selected}
          disabled={disabled}
          aria-invalid={level === 'subdistrict' && props.error ? true : undefined}
          onChange={(e) => set((e.target as HTMLSelectElement).value)}
        >
          <option value="">{labels.choose}</option>
          {lists[level]
            .slice()
            .sort((a, b) => pick(a.name, lang).localeCompare(pick(b.name, lang), lang))
            .map((a) => (
              <option key={a.code} value={a.code}>
                {pick(a.name, lang)}
              </option>
            ))}
        </select>
      </div>
    );
  };

  return (
    <fieldset class="area-picker">
      {props.error ? <p class="field-message">{props.error}</p> : null}
      {select(
        'province',
        province,
        (v) => {
          setProvince(v);
          setDistrict('');
          onChange('');
        },
        false,
      )}
      {select(
        'district',
        district,
        (v) => {
          setDistrict(v);
          onChange('');
        },
        province.length !== 2,
      )}
      {select('subdistrict', value, onChange, district.length !== 4)}
    </fieldset>
  );
}

// The whole catalogue as the committee keeps it: every indicator with the version in force and the
// history of its versions (effective dates in B.E., status, refusal reasons), searchable by name or
// code and by owner. Each indicator folds open, so a hundred of them stay readable on a phone.
import { useState } from 'preact/hooks';
import { pick, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import type { CatalogueEntry, IndicatorVersion } from './api';
import { pointsPerUnit } from './rule-text';

const NATIONAL = 'national';

function VersionLine({ v, current }: { v: IndicatorVersion; current: boolean }) {
  const { t, lang } = useT('committee');
  const dates =
    v.status === 'approved'
      ? [t('catalogue.effectiveFrom', { date: formatDate(v.effectiveFrom, lang) })]
      : [t('catalogue.proposedOn', { date: formatDate(v.proposedAt, lang) }), t('catalogue.requested', { date: formatDate(v.requestedEffectiveFrom, lang) })];
  if (v.decidedAt && v.status === 'refused') dates.push(t('catalogue.decidedOn', { date: formatDate(v.decidedAt, lang) }));
  return (
    <li class={`version version-${v.status}`} data-testid="version" data-version={v.version} data-status={v.status}>
      <p class="version-head">
        <strong>{t('catalogue.version', { version: v.version })}</strong> <span class={`status status-${v.status}`}>{t(`status.${v.status}`)}</span>
        {current ? <span class="status status-current">{t('catalogue.inForce')}</span> : null}
      </p>
      <p class="small">
        {pointsPerUnit(t, v, lang)} · {dates.join(' · ')}
      </p>
      {v.refusalReason ? <p class="small refusal">{t('catalogue.reason', { reason: v.refusalReason })}</p> : null}
    </li>
  );
}

export function CatalogueHistory({ items }: { items: CatalogueEntry[] }) {
  const { t, lang } = useT('committee');
  const [query, setQuery] = useState('');
  const [owner, setOwner] = useState('');
  const owners = [...new Map(items.map((e) => [e.ownerAgency?.code ?? NATIONAL, e.ownerAgency ? pick(e.ownerAgency.name, lang) || e.ownerAgency.code : t('national')])).entries()];
  const q = query.trim().toLowerCase();
  const shown = items.filter(
    (e) =>
      (!owner || (e.ownerAgency?.code ?? NATIONAL) === owner) &&
      (!q || e.code.toLowerCase().includes(q) || e.name.th.toLowerCase().includes(q) || e.name.en.toLowerCase().includes(q)),
  );
  return (
    <>
      <div class="catalogue-filters">
        <div class="field">
          <label for="catalogue-search">{t('catalogue.search')}</label>
          <p class="hint" id="catalogue-search-hint">
            {t('catalogue.searchHint')}
          </p>
          <input id="catalogue-search" type="search" value={query} aria-describedby="catalogue-search-hint" onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="catalogue-owner">{t('catalogue.owner')}</label>
          <select id="catalogue-owner" value={owner} onChange={(e) => setOwner((e.target as HTMLSelectElement).value)}>
            <option value="">{t('catalogue.allOwners')}</option>
            {owners.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p class="small muted" role="status">
        {shown.length ? t('catalogue.shown', { n: shown.length, total: items.length }) : t('catalogue.none')}
      </p>
      <ul class="plain-list catalogue">
        {shown.map((e) => {
          const pending = e.versions.some((v) => v.status === 'proposed');
          return (
            <li key={e.code} data-testid="catalogue-entry" data-code={e.code}>
              <details>
                <summary>
                  <span class="entry-name">{pick(e.name, lang)}</span> <span class="code">{e.code}</span>
                  <span class="small entry-current">
                    {e.current ? t('catalogue.current', { version: e.current.version, points: pointsPerUnit(t, e.current, lang) }) : t('catalogue.neverApproved')}
                    {pending ? <span class="status status-proposed">{t('catalogue.hasPending')}</span> : null}
                  </span>
                </summary>
                <ol class="plain-list versions">
                  {e.versions.map((v) => (
                    <VersionLine key={v.version} v={v} current={e.current?.version === v.version} />
                  ))}
                </ol>
              </details>
            </li>
          );
        })}
      </ul>
    </>
  );
}

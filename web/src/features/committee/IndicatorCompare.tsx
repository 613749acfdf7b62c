// An indicator proposal: for a change, only what changes, the version in force beside the proposed
// one, with the effective dates, and what stays the same folded beneath; for a new one, every rule.
import { Fragment } from 'preact';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import type { IndicatorProposal } from './api';
import { AreaName } from './AreaName';
import { RULE_ROWS, otherChanges } from './rule-text';

export function IndicatorCompare({ proposal }: { proposal: IndicatorProposal }) {
  const { t, lang } = useT('committee');
  const { t: c } = useT();
  const { previous, proposed, changes } = proposal;
  const changed = (key: string) => changes.includes(key) || (key === 'points' && changes.includes('unit'));
  const others = otherChanges(t, changes);
  // A revision shows what changes side by side; what stays the same folds away beneath it.
  const rows = previous ? RULE_ROWS.filter((r) => changed(r.change)) : RULE_ROWS;
  const same = previous ? RULE_ROWS.filter((r) => !changed(r.change)) : [];
  const owner = proposed.owner;
  const asked = proposal.requestedEffectiveFrom;
  const whenApproved = proposal.effectiveIfApprovedNow;
  const reporting = proposal.reportingOnOthers;
  return (
    <>
      {reporting.length ? (
        <div class="notice notice-warn" data-testid="reporting-flag">
          <p class="notice-title">
            <strong>{t('reporting.title')}</strong>
          </p>
          <p>{t('reporting.terms', { terms: reporting.map((x) => `“${x}”`).join(', ') })}</p>
          <p class="small">{t('reporting.body')}</p>
        </div>
      ) : null}
      {owner.kind === 'local' ? (
        <p class="small">
          {t('localFor')}
          <AreaName code={owner.area} />
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="compare">
          <caption>{previous ? t('compare.caption') : t('compare.captionNew')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compare.field')}</th>
              {previous ? <th scope="col">{t('compare.previous', { version: previous.version })}</th> : null}
              <th scope="col">{t('compare.proposed', { version: proposed.version })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const isChanged = previous !== null && changed(row.change);
              return (
                <tr key={row.change} class={isChanged ? 'changed' : undefined} data-testid={isChanged ? `changed-${row.change}` : undefined}>
                  <th scope="row">{t(row.label)}</th>
                  {previous ? <td>{row.text(t, previous, lang, c)}</td> : null}
                  <td>{row.text(t, proposed, lang, c)}</td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">{t('field.effective')}</th>
              {previous ? <td>{formatDate(previous.effectiveFrom, lang)}</td> : null}
              <td>{formatDate(asked, lang)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {whenApproved !== asked ? <p class="small">{t('compare.ifApprovedNow', { date: formatDate(whenApproved, lang) })}</p> : null}
      {previous && changes.length === 0 ? <p class="small">{t('compare.noChanges')}</p> : null}
      {others.length ? <p class="small">{t('compare.alsoChanged', { fields: others.join(', ') })}</p> : null}
      {same.length ? (
        <details class="unchanged">
          <summary>{t('compare.unchanged', { n: same.length })}</summary>
          <dl class="facts">
            {same.map((row) => (
              <Fragment key={row.change}>
                <dt>{t(row.label)}</dt>
                <dd>{row.text(t, proposed, lang, c)}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
      ) : null}
    </>
  );
}

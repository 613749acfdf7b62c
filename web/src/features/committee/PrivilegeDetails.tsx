// A proposed privilege as the committee weighs it: who offers what, on which condition, how many, for
// how long and where; with a warning when it mentions something close to a basic right, and a note
// when it is not usable nationwide.
import { pick, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import type { PrivilegeProposal } from './api';
import { AreaName } from './AreaName';
import { counted } from './rule-text';

export function PrivilegeDetails({ proposal }: { proposal: PrivilegeProposal }) {
  const { t, lang } = useT('committee');
  const p = proposal.privilege;
  const conditions =
    p.kind === 'threshold'
      ? [
          p.criteria?.minScore ? counted(t, 'privilege.minScore', p.criteria.minScore, lang) : '',
          p.criteria?.minDistinctVirtues ? counted(t, 'privilege.minDistinctVirtues', p.criteria.minDistinctVirtues, lang) : '',
          p.criteria?.minDistinctIndicators ? counted(t, 'privilege.minDistinctIndicators', p.criteria.minDistinctIndicators, lang) : '',
        ]
      : [p.cost ? counted(t, 'privilege.cost', p.cost, lang) : '', p.minBalanceAfter ? counted(t, 'privilege.minBalanceAfter', p.minBalanceAfter, lang) : ''];
  return (
    <>
      {proposal.basicRights.length ? (
        <div class="notice notice-warn" data-testid="basic-rights-flag">
          <p class="notice-title">
            <strong>{t('privilege.basicRightsTitle')}</strong>
          </p>
          <ul>
            {proposal.basicRights.map((m) => (
              <li key={m.area}>{t('privilege.basicRightsTerms', { area: t(`rightsArea.${m.area}`), terms: m.terms.map((x) => `“${x}”`).join(', ') })}</li>
            ))}
          </ul>
          <p class="small">{t('privilege.basicRightsBody')}</p>
        </div>
      ) : (
        <p class="small muted">{t('privilege.basicRightsNone')}</p>
      )}
      {!p.nationwide ? <p class="notice notice-warn small">{t('privilege.localFlag')}</p> : null}
      <dl class="facts">
        <dt>{t('privilege.partner')}</dt>
        <dd>{pick(proposal.ownerAgency?.name, lang) || p.partner}</dd>
        <dt>{t('privilege.category')}</dt>
        <dd>{t(`category.${p.category}`)}</dd>
        <dt>{t('privilege.kind')}</dt>
        <dd>{t(`privilegeKind.${p.kind}`)}</dd>
        <dt>{t('privilege.condition')}</dt>
        <dd>{conditions.filter(Boolean).join(' · ')}</dd>
        <dt>{t('privilege.stock')}</dt>
        <dd>{p.stock ? counted(t, 'privilege.stockN', p.stock, lang) : t('value.unlimited')}</dd>
        <dt>{t('privilege.validity')}</dt>
        <dd>{t('privilege.range', { from: formatDate(p.validFrom, lang), to: formatDate(p.validUntil, lang) })}</dd>
        <dt>{t('privilege.where')}</dt>
        <dd>
          {p.nationwide
            ? t('privilege.nationwide')
            : (p.areas ?? []).map((a, i) => (
                <span key={a}>
                  {i ? '; ' : ''}
                  <AreaName code={a} />
                </span>
              ))}
        </dd>
        <dt>{t('privilege.who')}</dt>
        <dd>{p.accountKinds.map((k) => t(`accountKind.${k}`)).join(', ')}</dd>
        {p.description ? (
          <>
            <dt>{t('privilege.description')}</dt>
            <dd>{pick(p.description, lang)}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

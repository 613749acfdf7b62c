// /catalogue — the good-deed catalogue (D-Catalog): upcoming opportunities anyone can search by
// words, domain and area. A signed-in member sees those nearest home first, each with the points it
// would give them (the platform's prediction, by the rules that will credit it).
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { signInUrl, useMe } from '../../session';
import { FilterForm } from './FilterForm';
import { filtersToQuery, filtersToSearch, readFilters } from './filters';
import { messages } from './messages';
import { OpportunityItem } from './OpportunityItem';
import { useOpportunities } from './use-opportunities';
import './catalogue.css';

register('catalogue', messages);

export default function CataloguePage() {
  const { t, lang } = useT('catalogue');
  const { query, route, url } = useLocation();
  const { me, error: meError } = useMe();
  const filters = readFilters(query);
  const member = me?.account?.status === 'active' ? me.account : undefined;
  // Wait for who is signed in: a member's list is a different one (nearest home, with points).
  const accountId = me ? (member?.id ?? null) : meError ? null : undefined;
  const list = useOpportunities(accountId, filtersToQuery(filters));

  // After "more", focus goes to the first new opportunity once it is on the screen.
  const [focusId, setFocusId] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(`opp-${focusId}-link`)?.focus();
    setFocusId(undefined);
  }, [focusId, list.items]);
  async function more() {
    setFocusId(await list.more());
  }

  return (
    <Page title={t('title')} lead={member ? t('leadMember') : t('lead')} wide>
      {me && !me.signedIn && me.signInAvailable ? (
        <p class="notice opp-invite">
          <a href={signInUrl(url)}>{t('signInForPoints')}</a>
        </p>
      ) : null}
      {me?.signedIn && !member ? (
        <p class="notice opp-invite">
          {t('enrolForPoints')} <a href="/enrol">{t('enrol')}</a>
        </p>
      ) : null}
      <p>
        <a href="/indicators">{t('indicatorsLink')}</a>
      </p>
      <FilterForm key={url} initial={filters} onSearch={(f) => route(`/catalogue${filtersToSearch(f)}`)} onClear={() => route('/catalogue')} />
      <section aria-labelledby="results-title">
        <h2 id="results-title">{t('results')}</h2>
        <p role="status" class="muted" data-testid="result-count">
          {list.loading ? '' : list.items.length === 0 ? t('none') : t(list.nextCursor ? 'shownMore' : 'shown', { n: formatNumber(list.items.length, lang) })}
        </p>
        {list.loading ? <Loading /> : null}
        {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
        {!list.loading ? (
          <ul class="opp-list">
            {list.items.map((o) => (
              <li key={o.id}>
                <OpportunityItem o={o} />
              </li>
            ))}
          </ul>
        ) : null}
        {list.nextCursor && !list.loading ? (
          <p>
            <button type="button" class="button button-secondary" disabled={list.loadingMore} onClick={() => void more()}>
              {list.loadingMore ? t('loadingMore') : t('more')}
            </button>
          </p>
        ) : null}
      </section>
    </Page>
  );
}

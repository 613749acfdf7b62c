// One opportunity in the list: its title (a link to its own page), what it is about, the facts
// and, for a signed-in member, what it would earn them.
import { pick, useT } from '../../i18n';
import { OpportunityDetails } from './OpportunityDetails';
import { PredictionBox } from './PredictionBox';
import type { ListedOpportunity } from './use-opportunities';

export function OpportunityItem({ o }: { o: ListedOpportunity }) {
  const { t, lang } = useT('catalogue');
  const { t: c } = useT();
  return (
    <article class="card opp" aria-labelledby={`opp-${o.id}-title`} data-testid="opportunity" data-id={o.id}>
      <ul class="tags opp-tags">
        <li>{c(`domains.${o.indicator.domain}`)}</li>
        {o.proximity ? <li class={`opp-near opp-near-${o.proximity}`}>{t(`proximity.${o.proximity}`)}</li> : null}
      </ul>
      <h3 id={`opp-${o.id}-title`} class="opp-title">
        <a id={`opp-${o.id}-link`} href={`/catalogue/${encodeURIComponent(o.id)}`} lang={lang === 'en' && !o.title.en ? 'th' : undefined}>
          {pick(o.title, lang)}
        </a>
      </h3>
      <OpportunityDetails o={o} personal={o.prediction !== undefined} />
      {o.prediction ? <PredictionBox prediction={o.prediction} /> : null}
    </article>
  );
}

// /catalogue/:id — one opportunity, public: everything about it, whether it was cancelled or has
// ended, and for a signed-in member what it would earn them.
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session';
import { getOpportunity, predictOpportunity } from './api';
import { messages } from './messages';
import { OpportunityDetails } from './OpportunityDetails';
import { PredictionBox } from './PredictionBox';
import './catalogue.css';

register('catalogue', messages);

export default function OpportunityPage({ id }: { id?: string }) {
  const { t, lang } = useT('catalogue');
  const { t: c } = useT();
  const { me } = useMe();
  const member = me?.account?.status === 'active' ? me.account : undefined;
  const o = useAsync(() => getOpportunity(id ?? ''), [id]);
  const live = o.data?.status === 'published' && Date.parse(o.data.endsAt) > Date.now();
  const prediction = useAsync(async () => (member && live && id ? predictOpportunity(member.id, id) : undefined), [member?.id, id, live]);

  if (o.error instanceof ApiError && o.error.status === 404)
    return (
      <Page title={t('notFound')}>
        <p>
          <a href="/catalogue">{t('backToList')}</a>
        </p>
      </Page>
    );
  if (o.error) return <ErrorMessage error={o.error} onRetry={o.reload} />;
  if (!o.data) return <Loading />;
  const opp = o.data;
  return (
    <Page title={pick(opp.title, lang)}>
      <ul class="tags opp-tags">
        <li>{c(`domains.${opp.indicator.domain}`)}</li>
      </ul>
      {opp.status === 'cancelled' ? (
        <p class="notice notice-warn" data-testid="cancelled">
          {t('cancelled')}
        </p>
      ) : !live ? (
        <p class="notice notice-warn">{t('ended')}</p>
      ) : null}
      {opp.description ? (
        <section aria-labelledby="details-title">
          <h2 id="details-title">{t('details')}</h2>
          <p class="opp-description">{pick(opp.description, lang)}</p>
        </section>
      ) : null}
      <OpportunityDetails o={opp} personal={prediction.data !== undefined} />
      {prediction.data ? <PredictionBox prediction={prediction.data} /> : null}
      {prediction.error ? <ErrorMessage error={prediction.error} onRetry={prediction.reload} /> : null}
      <p>
        <a href="/catalogue">{t('backToList')}</a>
      </p>
    </Page>
  );
}

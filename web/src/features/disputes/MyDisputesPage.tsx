// A member's disputes (/me/disputes): each with its state, the deadline in B.E., the answer, and
// the member's turn to accept or contest it. Another person's dispute is never listed (the API
// answers only the account holder).
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { getMyDisputes } from './api';
import { DisputeCard } from './DisputeCard';
import { messages } from './messages';
import { PersonActions } from './PersonActions';
import './disputes.css';

register('disputes', messages);

export default function MyDisputesPage() {
  const { t } = useT('disputes');
  const { t: c } = useT();
  const { me, error } = useMe();
  const id = me?.account?.id;
  const list = useAsync(async () => (id ? getMyDisputes(id) : undefined), [id]);
  if (error) return <ErrorMessage error={error} />;
  if (!me) return <Loading />;
  if (!me.signedIn || !id)
    return (
      <Page title={t('myTitle')}>
        <a class="button" href={me.signedIn ? '/enrol' : signInUrl('/me/disputes')}>
          {me.signedIn ? c('nav.myGoodDeeds') : c('signIn')}
        </a>
      </Page>
    );
  return (
    <Page title={t('myTitle')} lead={t('myLead')}>
      <p>
        <a class="button button-secondary" href="/me/disputes/new">
          {t('newDispute')}
        </a>
      </p>
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.data === undefined && !list.error ? <Loading /> : null}
      {list.data?.items.length === 0 ? <p>{t('noDisputes')}</p> : null}
      {list.data?.items.length ? (
        <ul class="dispute-list">
          {list.data.items.map((d) => (
            <DisputeCard key={d.id} d={d}>
              <PersonActions d={d} onDone={() => list.reload()} />
            </DisputeCard>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

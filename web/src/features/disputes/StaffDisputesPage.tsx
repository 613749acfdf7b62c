// /staff/:agency/disputes: the respondent's queue (oldest first, with age and deadline in B.E.),
// the independent reviewer's queue, and the comments citizens left for this agency (no names).
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { StaffGate, type Membership } from '../staff/use-staff';
import { getAgencyRatings, getQueue } from './api';
import { DisputeCard } from './DisputeCard';
import { messages } from './messages';
import { StaffActions } from './StaffActions';
import './disputes.css';

register('disputes', messages);

export const DISPUTE_ROLES = ['issuer', 'certifier', 'reviewer', 'partner'] as const;

export default function StaffDisputesPage({ agency }: { agency?: string }) {
  return (
    <StaffGate agency={agency} role={DISPUTE_ROLES}>
      {(m) => <Queues m={m} />}
    </StaffGate>
  );
}

function Queue({ agency, as }: { agency: string; as: 'respondent' | 'reviewer' }) {
  const { t } = useT('disputes');
  const q = useAsync(() => getQueue(agency, as), [agency, as]);
  const title = as === 'respondent' ? 'staff.respondentTitle' : 'staff.reviewerTitle';
  return (
    <section aria-labelledby={`${as}-title`} data-testid={`queue-${as}`}>
      <h2 id={`${as}-title`}>{t(title)}</h2>
      <p class="small muted">{t(as === 'respondent' ? 'staff.respondentLead' : 'staff.reviewerLead')}</p>
      {q.error ? <ErrorMessage error={q.error} onRetry={q.reload} /> : null}
      {!q.data && !q.error ? <Loading /> : null}
      {q.data?.items.length === 0 ? <p>{t('staff.empty')}</p> : null}
      {q.data?.items.length ? (
        <ul class="dispute-list">
          {q.data.items.map((d) => (
            <DisputeCard key={d.id} d={d} showAccount>
              <p class="small muted">{t('staff.age', { count: d.ageDays })}</p>
              <StaffActions d={d} onDone={() => q.reload()} />
            </DisputeCard>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Comments({ agency }: { agency: string }) {
  const { t } = useT('disputes');
  const r = useAsync(() => getAgencyRatings(agency), [agency]);
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">{t('staff.ratingsTitle')}</h2>
      <p class="small muted">{t('staff.ratingsLead')}</p>
      {r.error ? <ErrorMessage error={r.error} onRetry={r.reload} /> : null}
      {r.data?.items.length === 0 ? <p>{t('staff.noRatings')}</p> : null}
      {r.data?.items.length ? (
        <ul class="plain-list comment-list" data-testid="comments">
          {r.data.items.map((c, i) => (
            <li key={`${c.month}-${i}`} class="card comment">
              <p class="comment-stars">{t('rate.star', { count: c.stars })}</p>
              {c.comment ? <p>{c.comment}</p> : null}
              <p class="small muted">
                {t(`kindOf.${c.context}`)} · {c.month}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Queues({ m }: { m: Membership }) {
  const { t } = useT('disputes');
  const respondent = m.roles.includes('issuer') || m.roles.includes('certifier');
  return (
    <Page title={t('staff.title')}>
      {respondent ? <Queue agency={m.agency} as="respondent" /> : null}
      {m.roles.includes('reviewer') ? <Queue agency={m.agency} as="reviewer" /> : null}
      {m.roles.some((r) => r !== 'reviewer') ? <Comments agency={m.agency} /> : null}
    </Page>
  );
}

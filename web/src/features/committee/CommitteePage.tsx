// The national committee's screen: proposals waiting for a decision, oldest first, and the catalogue
// with the history of every indicator. A decision another member made first (409 already_decided)
// is said plainly and the list is read again.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { StaffGate } from '../staff/use-staff';
import { type Proposal, approvePrivilege, approveVersion, getCatalogue, getProposals, refusePrivilege, refuseVersion } from './api';
import { CatalogueHistory } from './CatalogueHistory';
import { messages } from './messages';
import { ProposalCard, proposalKey } from './ProposalCard';
import './committee.css';

register('committee', messages);

/** What the last decision did, kept as words to render so that it follows a change of language. */
type Outcome = { kind: 'ok' | 'warn'; key: string; name: { th: string; en: string }; date?: string };

function Committee({ agency }: { agency: string }) {
  const { t, lang } = useT('committee');
  const proposals = useAsync(() => getProposals(agency), [agency]);
  const catalogue = useAsync(() => getCatalogue(agency), [agency]);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusing, setRefusing] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ key: string; error: unknown } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Decided here: hidden at once, before the list is read again.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const outcomeBox = useRef<HTMLDivElement>(null);

  function settle(key: string, next: Outcome) {
    setGone((g) => new Set(g).add(key));
    setOutcome(next);
    proposals.reload();
    catalogue.reload();
    // The card is gone: keyboard and screen-reader users land on what happened.
    setTimeout(() => outcomeBox.current?.focus(), 0);
  }

  async function decide(p: Proposal, decision: { approve: true } | { reason: string }) {
    const key = proposalKey(p);
    const name = p.name;
    setBusy(key);
    setFailure(null);
    setOutcome(null);
    try {
      if (p.type === 'privilege') {
        if ('approve' in decision) await approvePrivilege(agency, p.code);
        else await refusePrivilege(agency, p.code, decision.reason);
        settle(key, { kind: 'ok', key: 'approve' in decision ? 'decide.approvedPrivilege' : 'decide.refused', name });
      } else if ('approve' in decision) {
        const v = await approveVersion(agency, p.code, p.version);
        settle(key, { kind: 'ok', key: 'decide.approved', name, date: v.effectiveFrom });
      } else {
        await refuseVersion(agency, p.code, p.version, decision.reason);
        settle(key, { kind: 'ok', key: 'decide.refused', name });
      }
      setRefusing(null);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_decided') {
        setRefusing(null);
        settle(key, { kind: 'warn', key: 'decide.alreadyDecided', name });
      } else setFailure({ key, error: err });
    } finally {
      setBusy(null);
    }
  }

  const items = proposals.data?.items.filter((p) => !gone.has(proposalKey(p)));
  return (
    <Page title={t('title')} lead={t('lead')} wide>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">{t('queueTitle', { n: items?.length ?? 0 })}</h2>
        <div ref={outcomeBox} tabIndex={-1} role="status" data-testid="outcome" class={outcome ? `notice notice-${outcome.kind}` : 'outcome-empty'}>
          {outcome ? <p class="notice-title">{t(outcome.key, { name: pick(outcome.name, lang), date: outcome.date ? formatDate(outcome.date, lang) : '' })}</p> : null}
        </div>
        {proposals.error ? <ErrorMessage error={proposals.error} onRetry={proposals.reload} /> : null}
        {!items && !proposals.error ? <Loading /> : null}
        {items && items.length === 0 ? <p>{t('queueEmpty')}</p> : null}
        {items && items.length > 0 ? <p class="small muted">{t('queueHint')}</p> : null}
        {items?.map((p) => {
          const key = proposalKey(p);
          return (
            <ProposalCard
              key={key}
              proposal={p}
              busy={busy !== null}
              failure={failure?.key === key ? failure.error : undefined}
              refusing={refusing === key}
              onRefusing={(open) => setRefusing(open ? key : null)}
              onApprove={() => void decide(p, { approve: true })}
              onRefuse={(reason) => void decide(p, { reason })}
            />
          );
        })}
      </section>
      <section aria-labelledby="catalogue-title">
        <h2 id="catalogue-title">{t('catalogue.title')}</h2>
        <p class="hint">{t('catalogue.hint')}</p>
        {catalogue.error ? <ErrorMessage error={catalogue.error} onRetry={catalogue.reload} /> : null}
        {catalogue.data ? <CatalogueHistory items={catalogue.data.items} /> : catalogue.error ? null : <Loading />}
      </section>
    </Page>
  );
}

export default function CommitteePage({ agency }: { agency?: string }) {
  return (
    <StaffGate agency={agency} role="committee">
      {(m) => <Committee agency={m.agency} />}
    </StaffGate>
  );
}

// Each credit in words: the deed, its points and domain, the rule version, who attested and who
// certified it (names, not codes), the day in B.E., and the mark the browser earned by checking the
// public log itself.
import { pick, useT } from '../../i18n';
import { formatDate, formatNumber, formatYear } from '../../lib/format';
import type { Credits } from './api';
import type { FailReason, ProofState } from './proof';

const FAIL_TEXT: Record<FailReason, string> = { entry: 'proof.failedEntry', proof: 'proof.failedProof', size: 'proof.failedProof', signature: 'proof.failedSignature' };

function ProofMark({ proof, index }: { proof: ProofState; index: number | null }) {
  const { t, lang } = useT('person');
  switch (proof.state) {
    case 'verified':
      return (
        <div class="proof proof-ok" data-testid="proof" data-state="verified">
          <p class="proof-title">
            <span aria-hidden="true">✓ </span>
            {t('proof.verified')}
          </p>
          <p class="small">
            {t('proof.verifiedDetail', { index: proof.index, size: formatNumber(proof.size, lang) })} · <a href="/log">{t('proof.logLink')}</a>
          </p>
        </div>
      );
    case 'pending':
      return (
        <div class="proof proof-pending" data-testid="proof" data-state="pending">
          <p class="proof-title">
            <span aria-hidden="true">⏳ </span>
            {t('proof.pending')}
          </p>
          <p class="small">{t('proof.pendingDetail')}</p>
        </div>
      );
    case 'failed':
      return (
        <div class="proof proof-failed" data-testid="proof" data-state="failed">
          <p class="proof-title">
            <span aria-hidden="true">✗ </span>
            {t('proof.failed')}
          </p>
          <p>{t(FAIL_TEXT[proof.reason])}</p>
          <p class="small">{t('proof.failedMeaning', { index: index ?? '—' })}</p>
        </div>
      );
    case 'unavailable':
      return (
        <p class="proof small muted" data-testid="proof" data-state="unavailable">
          {t('proof.unavailable')}
        </p>
      );
    default:
      return (
        <p class="proof small muted" data-testid="proof" data-state="checking">
          {t('proof.checking')}
        </p>
      );
  }
}

type Reversal = NonNullable<Credits['items'][number]['reversal']>;

/** A reversed credit says so in words: who reversed it, when (B.E.), why, and what it did to the balance. */
function ReversalNote({ reversal }: { reversal: Reversal }) {
  const { t, lang } = useT('person');
  return (
    <div class="notice notice-warn reversal-note" data-testid="reversal">
      <p class="notice-title">{t('reversal.title', { agency: pick(reversal.by.name, lang), date: formatDate(reversal.reversedAt, lang) })}</p>
      <p>{t('reversal.reason', { reason: pick(reversal.reason.label, lang) })}</p>
      <p class="reversal-text">{reversal.reason.text}</p>
      <p class="small">{pick(reversal.explanation, lang)}</p>
    </div>
  );
}

export function CreditList({ credits, proofs }: { credits: Credits; proofs: Map<string, ProofState> }) {
  const { t, lang } = useT('person');
  const { t: c } = useT();
  const states = credits.items.map((cr) => proofs.get(cr.id)?.state ?? 'checking');
  const failed = states.filter((s) => s === 'failed').length;
  const verified = states.filter((s) => s === 'verified').length;
  // The summaries speak once every check has answered, not at each one.
  const done = !states.includes('checking');
  return (
    <section aria-labelledby="credits-title">
      <h2 id="credits-title">{t('creditsTitle', { year: formatYear(credits.year, lang) })}</h2>
      {credits.items.length === 0 ? <p>{t('noCredits')}</p> : null}
      {done && failed ? (
        <p class="notice notice-error proof-summary" role="alert" data-testid="proof-alert">
          {t('proof.summaryFailed', { count: failed })}
        </p>
      ) : null}
      {credits.items.length ? (
        <p class="small muted" role="status" data-testid="proof-summary">
          {done ? t('proof.summary', { verified: formatNumber(verified, lang), total: formatNumber(credits.items.length, lang) }) : t('proof.checking')}
        </p>
      ) : null}
      <ul class="credit-list">
        {credits.items.map((cr) => (
          <li key={cr.id} class={cr.reversal ? 'credit credit-reversed' : 'credit'} data-testid="credit" data-credit-id={cr.id} data-reversed={cr.reversal ? 'true' : undefined}>
            <p class="credit-head">
              <span class="credit-title">{pick(cr.indicatorName, lang) || cr.indicator}</span>
              <span class="credit-points">
                {cr.reversal ? t('reversal.points', { points: formatNumber(cr.points, lang) }) : t('plusPoints', { points: formatNumber(cr.points, lang) })}
              </span>
            </p>
            {cr.reversal ? <ReversalNote reversal={cr.reversal} /> : null}
            <ul class="credit-facts small">
              <li>{t('occurredOn', { date: formatDate(cr.occurredAt, lang) })}</li>
              <li>{t('domainOf', { domain: c(`domains.${cr.domain}`) })}</li>
              <li>{cr.issuer === 'self' ? t('selfDeclared') : t('attestedBy', { issuer: pick(cr.issuerName, lang) || cr.issuer })}</li>
              {cr.certifier ? <li>{t('certifiedBy', { certifier: pick(cr.certifierName, lang) || cr.certifier })}</li> : null}
              <li>{t('ruleVersion', { version: cr.ruleVersion })}</li>
            </ul>
            <ProofMark proof={proofs.get(cr.id) ?? { state: 'checking' }} index={cr.logIndex} />
            <p class="small">
              <a href={`/me/disputes/new?credit=${cr.id}&year=${credits.year}`}>{t('contestCredit')}</a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

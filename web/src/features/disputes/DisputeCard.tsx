// One dispute in words: what it is about, who answers and by when (B.E.), the answer, the
// escalation, the reviewer's decision and the correction. Actions are given by the screen.
import type { ComponentChildren } from 'preact';
import { pick, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import type { Dispute } from './api';

/** A Bangkok calendar day (YYYY-MM-DD) as people read it. */
export const dayText = (day: string, lang: 'th' | 'en') => formatDate(`${day}T12:00:00+07:00`, lang);

export function DisputeCard({ d, children, showAccount }: { d: Dispute; children?: ComponentChildren; showAccount?: boolean }) {
  const { t, lang } = useT('disputes');
  const deed = pick(d.subject.indicator.name, lang) || d.subject.indicator.code;
  const agency = pick(d.respondent.name, lang) || d.respondent.code;
  return (
    <li class={`card dispute dispute-${d.status}`} data-testid="dispute" data-dispute-id={d.id} data-status={d.status}>
      <p class="dispute-head">
        <span class="dispute-kind">{t(`kind.${d.kind}`)}</span>
        <span class={`tag dispute-status status-${d.status}`}>{t(`status.${d.status}`)}</span>
      </p>
      <p>{t('about', { deed, date: dayText(d.subject.occurredOn, lang) })}</p>
      <ul class="dispute-facts small">
        <li>{t('respondent', { agency })}</li>
        <li>{t('filedOn', { date: formatDate(d.filedAt, lang) })}</li>
        {d.status === 'open' ? (
          <li class={d.overdue ? 'dispute-due overdue' : 'dispute-due'} data-testid="due">
            {d.overdue ? t('overdue') : t('dueBy', { date: dayText(d.dueOn, lang) })}
          </li>
        ) : null}
        {showAccount ? <li>{t('staff.person', { id: d.accountId })}</li> : null}
      </ul>
      <p class="dispute-text">{t(showAccount ? 'theirStatement' : 'yourStatement', { text: d.statement })}</p>
      {d.answer ? (
        <div class="dispute-answer">
          <p>{t(d.answer.decision === 'accept' ? 'answerAccept' : 'answerReject', { text: d.answer.text })}</p>
          <p class="small muted">
            {t('answeredOn', { date: formatDate(d.answer.answeredAt, lang) })}
            {d.answer.onTime ? '' : ` · ${t('answeredLate')}`}
          </p>
        </div>
      ) : null}
      {d.escalation ? <p class="small">{t(d.escalation.reason === 'contested' ? 'escalatedContested' : 'escalatedOverdue')}</p> : null}
      {d.escalation?.statement ? <p class="dispute-text">{d.escalation.statement}</p> : null}
      {d.review ? (
        <p class="dispute-review" data-testid="review">
          {t(d.review.decision === 'upheld' ? 'reviewUpheld' : 'reviewDismissed', { reviewer: pick(d.review.reviewer.name, lang) || d.review.reviewer.code, text: d.review.text })}
        </p>
      ) : null}
      {d.correction ? <p class="notice notice-ok small">{t('corrected')}</p> : null}
      {children}
    </li>
  );
}

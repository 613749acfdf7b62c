// Deeds of the year that have no points (yet): those waiting for the certifier of the area or the
// village meeting, and those refused, each with its reason in plain words.
import { pick, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import type { Attestations, Deed } from './api';

function DeedHead({ deed }: { deed: Deed }) {
  const { t, lang } = useT('person');
  return (
    <>
      <p class="credit-title">{pick(deed.indicatorName, lang) || deed.indicator}</p>
      <p class="small">
        {t('occurredOn', { date: formatDate(deed.occurredAt, lang) })} ·{' '}
        {deed.issuer === 'self' ? t('selfDeclared') : t('attestedBy', { issuer: pick(deed.issuerName, lang) || deed.issuer })}
      </p>
    </>
  );
}

export function PendingDeeds({ deeds }: { deeds: Attestations }) {
  const { t, lang } = useT('person');
  const pending = deeds.items.filter((d) => d.status === 'pending');
  if (pending.length === 0) return null;
  const names = new Intl.ListFormat(lang === 'th' ? 'th' : 'en', { type: 'disjunction' }).format(deeds.areaCertifiers.map((a) => pick(a.name, lang)));
  const why = (d: Deed) =>
    deeds.areaCertifiers.length === 0 ? t('waitNobody') : d.issuer === 'self' ? t('waitMeeting', { certifiers: names }) : t('waitCertifier', { certifiers: names });
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t('pendingTitle')}</h2>
      <p class="small muted">{t('pendingLead')}</p>
      <ul class="credit-list">
        {pending.map((d) => (
          <li key={d.id} class="credit deed-pending" data-testid="deed-pending">
            <DeedHead deed={d} />
            <p class="deed-why">{why(d)}</p>
            <p class="small muted">{t('submittedOn', { date: formatDate(d.submittedAt, lang) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RefusedDeeds({ deeds }: { deeds: Attestations }) {
  const { t, lang } = useT('person');
  const refused = deeds.items.filter((d) => d.status === 'rejected');
  if (refused.length === 0) return null;
  return (
    <section aria-labelledby="refused-title">
      <h2 id="refused-title">{t('refusedTitle')}</h2>
      <p class="small muted">{t('refusedLead')}</p>
      <ul class="credit-list">
        {refused.map((d) => (
          <li key={d.id} class="credit deed-refused" data-testid="deed-refused">
            <DeedHead deed={d} />
            {d.reason ? <p class="deed-why">{t('reason', { reason: pick(d.reason.message, lang) })}</p> : null}
            {d.reason?.note ? <p>{t('certifierNote', { note: d.reason.note })}</p> : null}
            {d.certifier && d.decidedAt ? (
              <p class="small muted">{t('decidedBy', { certifier: pick(d.certifierName, lang) || d.certifier, date: formatDate(d.decidedAt, lang) })}</p>
            ) : null}
            {d.meeting ? <p class="small muted">{t('decidedAtMeeting', { date: formatDate(d.meeting.date, lang), ref: d.meeting.minutesRef })}</p> : null}
            <p class="small">
              <a href={`/me/disputes/new?attestation=${d.id}&year=${deeds.year}`}>{t('contestRefused')}</a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

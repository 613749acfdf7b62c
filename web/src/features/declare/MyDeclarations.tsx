// The deeds the person recorded themself this year and where each stands: waiting for the
// certifier of their area, certified, or not certified with the certifier's reason.
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { pick, useT } from '../../i18n';
import { formatDate, formatYear } from '../../lib/format';
import type { Async } from '../../lib/use-async';
import type { MyDeed } from './api';

export function MyDeclarations({ deeds, year, areaName }: { deeds: Async<MyDeed[]>; year: number; areaName: string }) {
  const { t, lang } = useT('declare');
  const own = (deeds.data ?? []).filter((d) => d.issuer === 'self').sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return (
    <section aria-labelledby="mine-title" class="mine">
      <h2 id="mine-title">{t('mineTitle', { year: formatYear(year, lang) })}</h2>
      {deeds.error ? <ErrorMessage error={deeds.error} onRetry={deeds.reload} /> : null}
      {!deeds.data && !deeds.error ? <Loading /> : null}
      {deeds.data && own.length === 0 ? <p>{t('mineNone')}</p> : null}
      <ul class="plain-list">
        {own.map((d) => (
          <li key={d.id} class={`my-deed my-deed-${d.status}`} data-testid="my-deed" data-status={d.status}>
            <p class="my-deed-title">{pick(d.indicatorName, lang) || d.indicator}</p>
            <p class="small">
              {t('onDay', { date: formatDate(d.occurredAt, lang) })}
              {d.meeting ? ` · ${t('atMeeting', { date: formatDate(`${d.meeting.date}T12:00:00+07:00`, lang), ref: d.meeting.minutesRef })}` : ''}
            </p>
            <p class={`status status-${d.status}`}>
              {d.status === 'pending' && areaName ? t('pendingAt', { area: areaName }) : t(`status.${d.status}`)}
              {d.status !== 'pending' && d.certifierName ? ` ${t('certifiedBy', { name: pick(d.certifierName, lang) })}` : ''}
            </p>
            {d.status === 'rejected' && d.reason ? (
              <p class="small">
                {pick(d.reason.message, lang)}
                {d.reason.note ? ` — ${d.reason.note}` : ''}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <a href="/me">{t('seeAll')}</a>
      </p>
    </section>
  );
}

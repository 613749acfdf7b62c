// What a person needs to take part in an opportunity: when (Buddhist Era, Bangkok time), where with
// its area names, who organises it, how many places, how to get in touch, and the good deed it
// records with its nominal points. Links are only ever http(s), tel: or mailto:.
import { pick, register, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import type { Opportunity } from './api';
import { safeHttpUrl, schedule, telHref } from './describe';
import { messages } from './messages';

// Also shown on other features' screens (an issuer's list), so the words come with the component.
register('catalogue', messages);

export function When({ o }: { o: Pick<Opportunity, 'startsAt' | 'endsAt'> }) {
  const { t, lang } = useT('catalogue');
  const s = schedule(o.startsAt, o.endsAt, lang);
  return <>{t(s.sameDay ? 'sameDay' : 'manyDays', s)}</>;
}

/** The area names smallest first: ข่วงเปา, จอมทอง, เชียงใหม่. */
export function areaNames(o: Pick<Opportunity, 'place'>, lang: 'th' | 'en'): string {
  return o.place.areas
    .slice()
    .reverse()
    .map((a) => pick(a.name, lang))
    .join(', ');
}

/** `personal`: a prediction follows, which says itself whether certification or consent stands in the way. */
export function OpportunityDetails({ o, personal = false }: { o: Opportunity; personal?: boolean }) {
  const { t, lang } = useT('catalogue');
  const url = safeHttpUrl(o.contact?.url);
  const tel = telHref(o.contact?.phone);
  const points = formatNumber(o.indicator.points, lang);
  return (
    <dl class="opp-facts">
      <div>
        <dt>{t('when')}</dt>
        <dd>
          <When o={o} />
        </dd>
      </div>
      <div>
        <dt>{t('where')}</dt>
        <dd>
          {o.place.name}
          {o.place.address ? <span class="opp-address">{o.place.address}</span> : null}
          <span class="opp-areas">{areaNames(o, lang)}</span>
        </dd>
      </div>
      <div>
        <dt>{t('by')}</dt>
        <dd>{pick(o.agency.name, lang)}</dd>
      </div>
      {o.capacity !== null ? (
        <div>
          <dt>{t('capacity')}</dt>
          <dd>{t('capacityValue', { n: formatNumber(o.capacity, lang) })}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('deed')}</dt>
        <dd>
          {pick(o.indicator.name, lang)} · <strong>{t(o.indicator.unit === 'hour' ? 'perHour' : 'perOccurrence', { points })}</strong>
          {!personal && o.indicator.certification === 'local' ? <span class="opp-note">{t('localCertification')}</span> : null}
          {!personal && o.indicator.sensitive === 'health' ? <span class="opp-note">{t('healthConsent')}</span> : null}
        </dd>
      </div>
      {o.contact ? (
        <div>
          <dt>{t('contact')}</dt>
          <dd>
            <ul class="opp-contact">
              {o.contact.phone ? <li>{tel ? <a href={tel}>{t('phone', { phone: o.contact.phone })}</a> : t('phone', { phone: o.contact.phone })}</li> : null}
              {o.contact.email ? (
                <li>
                  <a href={`mailto:${encodeURIComponent(o.contact.email).replace('%40', '@')}`}>{o.contact.email}</a>
                </li>
              ) : null}
              {url ? (
                <li>
                  <a href={url} target="_blank" rel="noopener noreferrer external" class="opp-url">
                    {url}
                    <span class="visually-hidden"> {t('newWindow')}</span>
                  </a>
                </li>
              ) : null}
            </ul>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

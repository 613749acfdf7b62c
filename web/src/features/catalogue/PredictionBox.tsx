// "How many points would this give me?": the platform's own prediction, by the rules that credit
// the deed, in words — the points and how much counts toward the year's score, or why not and from
// when, or how to give the consent a health deed needs.
import { pick, register, useT } from '../../i18n';
import { formatNumber, formatYear } from '../../lib/format';
import type { Prediction } from './api';
import { messages } from './messages';

// Also shown on other features' screens (an issuer's list), so the words come with the component.
register('catalogue', messages);

export function PredictionBox({ prediction: p }: { prediction: Prediction }) {
  const { t, lang } = useT('catalogue');
  const n = (x: number) => formatNumber(x, lang);
  const year = formatYear(p.year, lang);
  const footer = <p class="small muted">{t('prediction.onDay', { date: lang === 'th' ? p.on.th : p.on.en, version: p.indicator.ruleVersion })}</p>;

  if (p.points > 0)
    return (
      <section class="prediction prediction-yes" data-testid="prediction" aria-label={t('prediction.title')}>
        <p class="prediction-title">
          <span data-testid="predicted-points" data-points={p.points}>
            {t('prediction.points', { points: n(p.points) })}
          </span>
        </p>
        {p.points < p.nominalPoints ? <p>{t('prediction.reduced', { nominal: n(p.nominalPoints) })}</p> : null}
        <p data-testid="score-gain" data-gain={p.scoreGain}>
          {t(p.scoreGain < p.points ? 'prediction.countsPartly' : 'prediction.counts', { year, gain: n(p.scoreGain), now: n(p.score.points), max: n(p.score.max) })}
        </p>
        {p.outcome === 'pending' ? <p>{t('prediction.pending')}</p> : null}
        {footer}
      </section>
    );

  if (p.reason?.code === 'consent_missing' && p.consent)
    return (
      <section class="prediction prediction-consent" data-testid="prediction" aria-label={t('prediction.title')}>
        <p class="prediction-title">{t('prediction.consentTitle')}</p>
        <p>{pick(p.consent.howTo, lang)}</p>
        {footer}
      </section>
    );

  const caps = p.caps;
  const kind = p.nextEligibleOn ? 'notYet' : p.reason?.code === 'duplicate_deed' ? 'already' : caps.includes('oncePerLifetime') ? 'onceDone' : 'noPoints';
  // The platform's explanation, unless the lines above already say all of it.
  const because = caps.includes('minIntervalDays') ? t('prediction.interval') : caps.length ? t('prediction.yearCap') : undefined;
  return (
    <section class="prediction prediction-later" data-testid="prediction" aria-label={t('prediction.title')}>
      <p class="prediction-title">{t(`prediction.${kind}`)}</p>
      {p.nextEligibleOn ? (
        <>
          <p data-testid="next-eligible" data-date={p.nextEligibleOn.date}>
            {t('prediction.againFrom', { indicator: pick(p.indicator.name, lang), date: lang === 'th' ? p.nextEligibleOn.th : p.nextEligibleOn.en })}
          </p>
          {because ? <p>{because}</p> : null}
        </>
      ) : kind === 'noPoints' ? (
        <p>{pick(p.explanation, lang)}</p>
      ) : null}
      {footer}
    </section>
  );
}

// A privilege for the year's score (or virtues, or deeds): whether the person has reached it, criterion
// by criterion, and when they have, a 5-minute code to show at the counter with a live countdown.
import { useEffect, useRef, useState } from 'preact/hooks';
import { pick, useT } from '../../i18n';
import { formatNumber, formatYear } from '../../lib/format';
import { type Achievements, type EligibilityPass, type Privilege, newEligibilityToken } from './api';
import { QrImage } from './QrImage';
import { Refusal } from './Refusal';

type Criterion = 'minScore' | 'minDistinctVirtues' | 'minDistinctIndicators';
const HAVE: Record<Criterion, 'score' | 'distinctVirtues' | 'distinctIndicators'> = {
  minScore: 'score',
  minDistinctVirtues: 'distinctVirtues',
  minDistinctIndicators: 'distinctIndicators',
};

export function criteriaOf(p: Privilege, a: Achievements) {
  return (Object.keys(HAVE) as Criterion[]).flatMap((k) => {
    const n = p.criteria?.[k];
    return n === undefined ? [] : [{ key: k, n, have: a[HAVE[k]], met: a[HAVE[k]] >= n }];
  });
}

/** Seconds left until `deadline` (ms, this device's clock), ticking every second. */
function useSecondsLeft(deadline: number | undefined): number {
  const left = () => (deadline === undefined ? 0 : Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  const [s, setS] = useState(left);
  useEffect(() => {
    setS(left());
    if (deadline === undefined) return;
    const timer = setInterval(() => {
      const v = left();
      setS(v);
      if (v === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return s;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

export function ThresholdCard(props: { accountId: string; privilege: Privilege; achievements: Achievements; partnerName: string }) {
  const { t, lang } = useT('privileges');
  const { privilege: p, achievements, partnerName } = props;
  const name = pick(p.name, lang);
  const criteria = criteriaOf(p, achievements);
  const reached = criteria.every((c) => c.met);
  const [pass, setPass] = useState<(EligibilityPass & { deadline: number }) | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const secondsLeft = useSecondsLeft(pass?.deadline);
  const passBox = useRef<HTMLDivElement>(null);

  async function makePass() {
    setBusy(true);
    setFailure(undefined);
    try {
      const received = await newEligibilityToken(props.accountId, p.code);
      // Counted from the seconds the API gives, so a phone with a wrong clock still counts right.
      setPass({ ...received, deadline: Date.now() + received.expiresIn * 1000 });
      requestAnimationFrame(() => passBox.current?.focus());
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  const titleId = `privilege-${p.code}`;
  return (
    <li class="privilege card" data-testid="threshold-privilege" data-code={p.code}>
      <h3 id={titleId}>{name}</h3>
      <p class="muted small">{t('byPartner', { partner: partnerName })}</p>
      {p.description ? <p>{pick(p.description, lang)}</p> : null}
      <ul class="criteria">
        {criteria.map((c) => (
          <li key={c.key} class={c.met ? 'criterion met' : 'criterion'}>
            <span class="criterion-mark" aria-hidden="true">
              {c.met ? '✓' : '○'}
            </span>
            <span class="visually-hidden">{t(c.met ? 'criteria.met' : 'criteria.notMet')} </span>
            {t(`criteria.${c.key}`, { n: formatNumber(c.n, lang), have: formatNumber(c.have, lang), year: formatYear(achievements.year, lang) })}
          </li>
        ))}
      </ul>
      <p class={reached ? 'reach reach-yes' : 'reach'} data-testid="reached">
        {reached ? t('reached') : t('notReached')}
      </p>
      {reached && !pass ? (
        <>
          <p class="small">{t('shareNotice', { partner: partnerName })}</p>
          <button type="button" class="button" disabled={busy} onClick={() => void makePass()}>
            {busy ? t('making') : t('showAtCounter')}
          </button>
        </>
      ) : null}
      {failure ? <Refusal error={failure} /> : null}
      {pass ? (
        <div class="pass" ref={passBox} tabIndex={-1} data-testid="eligibility-pass">
          <h4 id={`${titleId}-pass`}>{t('passTitle', { partner: partnerName })}</h4>
          {secondsLeft > 0 ? (
            <>
              <QrImage svg={pass.qrSvg} alt={t('passAlt', { privilege: name })} testId="eligibility-qr" />
              <p class="countdown" role="timer" data-testid="countdown">
                {t('timeLeft', { time: clock(secondsLeft) })}
              </p>
            </>
          ) : null}
          <p role="status" class={secondsLeft > 0 ? 'visually-hidden' : 'notice notice-warn'}>
            {secondsLeft > 0 ? '' : t('passExpired')}
          </p>
          <p class="small muted">{t('passPrivacy')}</p>
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => void makePass()}>
            {busy ? t('making') : t('newPass')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

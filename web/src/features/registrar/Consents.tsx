// Consent per purpose, read out by the officer: each purpose in its own group with the Thai text to
// read and one box the officer ticks only when the person says yes. Nothing is ticked in advance.
import { useT } from '../../i18n';

export const PURPOSES = ['enrolment', 'health', 'privileges', 'statistics'] as const;
export type Purpose = (typeof PURPOSES)[number];

export function Consents(props: { given: ReadonlySet<Purpose>; onToggle: (p: Purpose) => void; error?: string | undefined }) {
  const { t, lang } = useT('registrar');
  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">{t('consentsTitle')}</h2>
      <p class="hint">{t('consentsHint')}</p>
      {PURPOSES.map((p) => (
        <fieldset key={p} class={props.error && p === 'enrolment' ? 'consent field-error' : 'consent'}>
          <legend>{t(`purpose.${p}`)}</legend>
          {props.error && p === 'enrolment' ? (
            <p class="field-message" id="consent-enrolment-error">
              {props.error}
            </p>
          ) : null}
          <blockquote class="read-aloud" lang="th">
            <p>{t(`consent.${p}`)}</p>
          </blockquote>
          {lang === 'en' ? <p class="small muted">{t(`consentEn.${p}`)}</p> : null}
          <div class="checkbox">
            <input
              id={`consent-${p}`}
              type="checkbox"
              checked={props.given.has(p)}
              aria-describedby={props.error && p === 'enrolment' ? 'consent-enrolment-error' : undefined}
              onChange={() => props.onToggle(p)}
            />
            <label for={`consent-${p}`}>{t('agreed')}</label>
          </div>
        </fieldset>
      ))}
    </section>
  );
}

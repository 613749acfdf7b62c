// What a certificate says, in words and in the reader's language: its statement, the figures it
// carries, the deeds it refers to, for whom, over which period, and who signed it when.
import { useT } from '../../i18n';
import { formatDate, formatNumber, formatYear } from '../../lib/format';
import type { Credential } from './api';
import { nameIn, paragraphIn } from './certificate-text';

const DOMAINS = ['health', 'learning', 'community', 'safety', 'environment'];

export function CertificateSummary({ credential, headingLevel = 'h3' }: { credential: Credential; headingLevel?: 'h3' | 'h4' }) {
  const { t, lang } = useT('certificates');
  const { t: c } = useT();
  const subject = credential.credentialSubject;
  const descriptions = new Map(subject.achievement.resultDescription.map((d) => [d.id, d]));
  const Heading = headingLevel;

  /** A figure labelled by what it is (the fragment of its description id), in the reader's words. */
  function figure(r: { resultDescription: string; value: string }): { label: string; value: string } {
    const d = descriptions.get(r.resultDescription);
    const key = r.resultDescription.slice(r.resultDescription.lastIndexOf('#') + 1);
    const num = Number(r.value);
    const value = Number.isFinite(num) ? formatNumber(num, lang) : r.value;
    if (key === 'score' && d?.valueMax) return { label: t('results.score'), value: t('results.scoreOf', { value, max: formatNumber(Number(d.valueMax), lang) }) };
    if (key === 'year') return { label: t('results.year'), value: formatYear(num, lang) };
    if (key.startsWith('domain-') && DOMAINS.includes(key.slice(7))) return { label: t('results.domain', { domain: c(`domains.${key.slice(7)}`) }), value };
    if (['points', 'hours', 'score', 'credits', 'deeds'].includes(key)) return { label: t(`results.${key}`), value };
    return { label: d ? nameIn(d.name, lang) : key, value };
  }

  const oneDay = subject.activityStartDate === subject.activityEndDate;
  return (
    <div class="certificate-summary" data-testid="certificate-summary">
      <Heading class="certificate-name">{nameIn(credential.name, lang)}</Heading>
      <p class="small muted">{t('summaryTitle')}</p>
      <p class="certificate-statement">{paragraphIn(credential.description, lang)}</p>
      <ul class="plain-list small">
        <li>{t('holder', { name: subject.name })}</li>
        <li>
          {oneDay
            ? t('periodDay', { day: formatDate(subject.activityStartDate, lang) })
            : t('period', { from: formatDate(subject.activityStartDate, lang), to: formatDate(subject.activityEndDate, lang) })}
        </li>
        <li>{t('issuedBy', { issuer: nameIn(credential.issuer.name, lang), date: formatDate(credential.validFrom, lang) })}</li>
      </ul>
      <p class="figures-title">{t('resultsTitle')}</p>
      <dl class="figures">
        {subject.result.map((r) => {
          const f = figure(r);
          return (
            <div key={r.resultDescription}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          );
        })}
      </dl>
      {credential.evidence.length ? (
        <details class="evidence">
          <summary>{t('evidenceTitle', { count: formatNumber(credential.evidence.length, lang) })}</summary>
          <ul>
            {credential.evidence.map((e, i) => (
              // Evidence items have no id of their own; their order is the certificate's and never changes.
              <li key={i}>
                <strong>{nameIn(e.name, lang)}</strong>: {paragraphIn(e.narrative, lang)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p class="small muted certificate-id">{t('credentialId', { id: credential.id })}</p>
    </div>
  );
}

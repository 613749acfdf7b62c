// The front door: a signed-in member goes straight to their good deeds; a signed-in person who has
// not enrolled is shown how to; everyone else sees what the bank is and what they can look at.
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { signInUrl, useMe } from '../../session';
import { messages } from './messages';

register('home', messages);

export default function HomePage() {
  const { t, lang } = useT('home');
  const { t: c } = useT();
  const { me, error } = useMe();
  const { route, query } = useLocation();
  useEffect(() => {
    if (me?.account) route('/me', true);
  }, [me, route]);
  if (error) return <ErrorMessage error={error} />;
  if (!me || me.account) return <Loading />;
  return (
    <Page title={t('title')} lead={t('lead')}>
      {query.erased === '1' && !me.signedIn ? (
        <div class="notice notice-ok" role="status" data-testid="erased">
          <p>
            <strong>{t('erasedTitle')}</strong>
          </p>
          <p>{t('erasedBody')}</p>
        </div>
      ) : null}
      {me.signedIn ? (
        <section class="card" aria-labelledby="enrol-title">
          <h2 id="enrol-title">{t('notEnrolledTitle')}</h2>
          <p>{t('notEnrolledBody')}</p>
          <a class="button" href="/enrol">
            {t('enrolNow')}
          </a>
        </section>
      ) : me.signInAvailable ? (
        <p>
          <a class="button button-large" href={signInUrl('/')}>
            {c('signIn')}
          </a>
        </p>
      ) : (
        <p class="notice">{t('unavailable')}</p>
      )}
      {me.staff.length ? (
        <section class="card" aria-labelledby="staff-title">
          <h2 id="staff-title">{t('staffTitle')}</h2>
          <ul class="link-list">
            {me.staff.map((s) => (
              <li key={s.agency}>
                <a href={`/staff/${s.agency}`}>{pick(s.agencyName, lang)}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="how-title">
        <h2 id="how-title">{t('howTitle')}</h2>
        <ol class="steps">
          <li>{t('how1')}</li>
          <li>{t('how2')}</li>
          <li>{t('how3')}</li>
        </ol>
      </section>
      <section aria-labelledby="explore-title">
        <h2 id="explore-title">{t('explore')}</h2>
        <ul class="link-list">
          <li>
            <a href="/catalogue">{c('nav.catalogue')}</a>
          </li>
          <li>
            <a href="/stats">{c('nav.stats')}</a>
          </li>
          <li>
            <a href="/log">{c('nav.log')}</a>
          </li>
        </ul>
      </section>
    </Page>
  );
}

// The frame of every screen: skip link, the bank's name, who is signed in and as what, the language
// switch, and a short menu that depends on what the person may do. Mobile first: one column.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { pick, setLanguage, useT } from '../i18n';
import { signInUrl, signOut, useMe } from '../session';

export function Layout({ children }: { children: ComponentChildren }) {
  const { t, lang } = useT();
  const { me } = useMe();
  const { path } = useLocation();
  const staffMatch = /^\/staff\/([a-z0-9-]+)/.exec(path);
  const actingFor = staffMatch ? me?.staff.find((s) => s.agency === staffMatch[1]) : undefined;
  const link = (href: string, label: string) => (
    <li>
      <a href={href} aria-current={path === href ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <>
      <a class="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header class="site-header">
        <div class="site-header-inner">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">
              ♥
            </span>
            {t('appName')}
          </a>
          <button type="button" class="lang-switch" onClick={() => setLanguage(lang === 'th' ? 'en' : 'th')} lang={lang === 'th' ? 'en' : 'th'}>
            {lang === 'th' ? t('switchToEnglish') : t('switchToThai')}
          </button>
        </div>
        {actingFor ? <p class="acting-for">{t('nav.actingFor', { agency: pick(actingFor.agencyName, lang) })}</p> : null}
        <nav aria-label={t('nav.main')} class="site-nav">
          <ul>
            {me?.account ? link('/me', t('nav.myGoodDeeds')) : null}
            {me?.account ? link('/me/declare', t('nav.declare')) : null}
            {me?.account ? link('/me/privileges', t('nav.privileges')) : null}
            {me?.account ? link('/me/certificates', t('nav.certificates')) : null}
            {me?.account ? link('/me/data', t('nav.myData')) : null}
            {link('/catalogue', t('nav.catalogue'))}
            {link('/stats', t('nav.stats'))}
            {link('/log', t('nav.log'))}
            {me?.staff.map((s) => link(`/staff/${s.agency}`, `${t('nav.staff')}: ${pick(s.agencyName, lang)}`))}
          </ul>
        </nav>
        <div class="session-bar">
          {me?.signedIn ? (
            <>
              <span class="muted small">{t('signedInAs', { name: me.account?.displayName ?? me.name ?? '' })}</span>
              <button type="button" class="button-link" onClick={() => void signOut()}>
                {t('signOut')}
              </button>
            </>
          ) : me && !me.signedIn && me.signInAvailable ? (
            <a class="button button-small" href={signInUrl(path)}>
              {t('signInShort')}
            </a>
          ) : null}
        </div>
      </header>
      <main id="main" class="site-main">
        {children}
      </main>
      <footer class="site-footer">
        <p class="small muted">{t('tagline')}</p>
      </footer>
    </>
  );
}

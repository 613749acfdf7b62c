// Where a failed or cancelled sign-in lands, and where a link that needs sign-in points to.
import { useLocation } from 'preact-iso';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { signInUrl } from '../../session';
import { messages } from './messages';

register('signin', messages);

export default function SignInPage() {
  const { t } = useT('signin');
  const { t: c } = useT();
  const { query } = useLocation();
  const error = query.error;
  const known = ['access_denied', 'invalid_pid', 'no_sign_in_in_progress'];
  return (
    <Page title={t('title')} lead={t('lead')}>
      {error ? (
        <div class="notice notice-error" role="alert">
          <p>{t(`errors.${known.includes(error) ? error : 'default'}`)}</p>
        </div>
      ) : null}
      <p>
        <a class="button button-large" href={signInUrl(query.returnTo ?? '/')}>
          {c('signIn')}
        </a>
      </p>
    </Page>
  );
}

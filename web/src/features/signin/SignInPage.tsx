// Where a failed or cancelled sign-in lands, and where a link that needs sign-in points to.
import { useLocation } from 'preact-iso';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { signInUrl } from '../../session';

register('signin', {
  th: {
    title: 'เข้าสู่ระบบ',
    lead: 'ใช้บัตรประชาชนดิจิทัล (ThaID) ยืนยันตัวตน ระบบไม่เก็บเลขประจำตัวประชาชนของท่านเป็นข้อความ',
    errors: {
      access_denied: 'ท่านยกเลิกการเข้าสู่ระบบ',
      invalid_pid: 'ผู้ให้บริการยืนยันตัวตนไม่ได้ส่งเลขประจำตัวประชาชนที่ถูกต้อง',
      no_sign_in_in_progress: 'การเข้าสู่ระบบหมดเวลา กรุณาเริ่มใหม่',
      default: 'เข้าสู่ระบบไม่สำเร็จ กรุณาลองใหม่',
    },
  },
  en: {
    title: 'Sign in',
    lead: 'Prove who you are with your digital ID (ThaID). Your national ID number is never stored as text.',
    errors: {
      access_denied: 'You cancelled signing in.',
      invalid_pid: 'The identity provider did not send a valid national ID.',
      no_sign_in_in_progress: 'Signing in timed out; please start again.',
      default: 'Signing in did not succeed; please try again.',
    },
  },
});

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

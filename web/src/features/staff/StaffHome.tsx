// A staff member's starting point for one agency: the tools of the roles granted to them there.
import { useEffect } from 'preact/hooks';
import { setActingFor } from '../../api/client';
import { Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { useMe } from '../../session';

register('staff', {
  th: { notMember: 'ท่านไม่ได้เป็นเจ้าหน้าที่ของหน่วยงานนี้', yourRoles: 'บทบาทของท่าน', tools: 'งานที่ทำได้' },
  en: { notMember: 'You are not on the staff of this agency', yourRoles: 'Your roles', tools: 'What you can do' },
});

export default function StaffHome({ agency }: { agency?: string }) {
  const { t, lang } = useT('staff');
  const { t: c } = useT();
  const { me } = useMe();
  const membership = me?.staff.find((s) => s.agency === agency);
  useEffect(() => {
    setActingFor(membership ? membership.agency : null);
    return () => setActingFor(null);
  }, [membership]);
  if (!me) return <Loading />;
  if (!membership) return <Page title={t('notMember')} />;
  return (
    <Page title={pick(membership.agencyName, lang)}>
      <h2>{t('yourRoles')}</h2>
      <ul class="tags">
        {membership.roles.map((r) => (
          <li key={r}>{c(`roles.${r}`)}</li>
        ))}
      </ul>
    </Page>
  );
}

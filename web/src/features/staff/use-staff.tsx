// Every staff screen lives under /staff/:agency/…: the agency in the address is the one the officer
// acts for, sent with each API call (x-khwamdee-agency). The server decides what the roles allow.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { setActingFor } from '../../api/client';
import { Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { type Me, signInUrl, useMe } from '../../session';
import { messages } from './messages';

// The gate's own words: a tool's screen may be the first one opened, before StaffHome ever loaded.
register('staff', messages);

export type Membership = Me['staff'][number];

/** The signed-in person's membership of `agency`, and the header set for the calls of this screen. */
export function useStaff(agency: string | undefined): { me: Me | undefined; membership: Membership | undefined } {
  const { me } = useMe();
  const membership = me?.staff.find((s) => s.agency === agency);
  useEffect(() => {
    setActingFor(membership ? membership.agency : null);
    return () => setActingFor(null);
  }, [membership]);
  return { me, membership };
}

/**
 * Renders `children` only for a member of the agency holding `role` (granted and held by the agency);
 * otherwise says why, with a way to sign in.
 */
export function StaffGate(props: { agency: string | undefined; role?: string; children: (m: Membership) => ComponentChildren }) {
  const { t } = useT('staff');
  const { t: c } = useT();
  const { me, membership } = useStaff(props.agency);
  if (!me) return <Loading />;
  if (!me.signedIn)
    return (
      <Page title={t('signInFirst')}>
        <a class="button" href={signInUrl(window.location.pathname)}>
          {c('signIn')}
        </a>
      </Page>
    );
  if (!membership) return <Page title={t('notMember')} />;
  if (props.role && !membership.roles.includes(props.role)) return <Page title={t('roleMissing', { role: c(`roles.${props.role}`) })} />;
  return <>{props.children(membership)}</>;
}

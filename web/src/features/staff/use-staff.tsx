// Every staff screen lives under /staff/:agency/…: the agency in the address is the one the officer
// acts for, sent with each API call (x-khwamdee-agency). The server decides what the roles allow.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { type StatedPurpose, setActingFor, setStatedPurpose } from '../../api/client';
import { Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { type Me, signInUrl, useMe } from '../../session';
import { messages } from './messages';

// The gate's own words: a tool's screen may be the first one opened, before StaffHome ever loaded.
register('staff', messages);

export type Membership = Me['staff'][number];

/** The mounted gate whose agency the API client sends. */
let headerOwner: object | undefined;

/**
 * The signed-in person's membership of `agency`, and the header set for the calls of this screen.
 * `ready` turns true once the header is set, and the gate renders its screen only then, so a screen's
 * first calls act for the agency. The screen it replaces may unmount later (preact-iso keeps it while
 * the new one loads): only the gate that set the header clears it.
 */
export function useStaff(agency: string | undefined, purpose?: StatedPurpose): { me: Me | undefined; membership: Membership | undefined; ready: boolean } {
  const { me } = useMe();
  const membership = me?.staff.find((s) => s.agency === agency);
  const [actingFor, setActing] = useState<string | null>(null);
  useLayoutEffect(() => {
    const gate = {};
    headerOwner = gate;
    const code = membership ? membership.agency : null;
    setActingFor(code);
    // Why this screen reads people's records: each read appears in that person's access log.
    setStatedPurpose(purpose ?? null);
    setActing(code);
    return () => {
      if (headerOwner !== gate) return;
      headerOwner = undefined;
      setActingFor(null);
      setStatedPurpose(null);
    };
  }, [membership?.agency, purpose]);
  return { me, membership, ready: membership !== undefined && actingFor === membership.agency };
}

/**
 * Renders `children` only for a member of the agency holding `role` (granted and held by the agency);
 * otherwise says why, with a way to sign in.
 */
export function StaffGate(props: {
  agency: string | undefined;
  role?: string | readonly string[];
  /** Why the tool reads people's records (required by the server for every such read). */
  purpose?: StatedPurpose;
  children: (m: Membership) => ComponentChildren;
}) {
  const { t } = useT('staff');
  const { t: c } = useT();
  const { me, membership, ready } = useStaff(props.agency, props.purpose);
  // Any one of the roles opens the tool (the scan of a card: registrar or certifier).
  const roles = props.role === undefined ? [] : typeof props.role === 'string' ? [props.role] : props.role;
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
  if (roles.length && !roles.some((r) => membership.roles.includes(r))) return <Page title={t('roleMissing', { role: roles.map((r) => c(`roles.${r}`)).join(' / ') })} />;
  if (!ready) return <Loading />;
  return <>{props.children(membership)}</>;
}

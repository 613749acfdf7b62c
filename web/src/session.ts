// Who is signed in, shared by every screen: loaded once from /api/v1/me and reloaded after sign-in
// changes (enrolment, sign-out). Components subscribe with useMe().
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken, unwrap } from './api/client';

export type Me = Awaited<ReturnType<typeof loadMe>>;

async function loadMe() {
  return unwrap(api.GET('/api/v1/me'));
}

let current: Me | undefined;
let pending: Promise<Me> | undefined;
const listeners = new Set<(me: Me) => void>();

export function reloadMe(): Promise<Me> {
  pending = loadMe().then((me) => {
    current = me;
    setCsrfToken(me.csrfToken);
    for (const l of listeners) l(me);
    return me;
  });
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}

export function useMe(): { me: Me | undefined; error: unknown } {
  const [me, setMe] = useState<Me | undefined>(current);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    listeners.add(setMe);
    // It may have arrived between the first render and this effect.
    if (current) setMe(current);
    else (pending ?? reloadMe()).then(setMe, setError);
    return () => {
      listeners.delete(setMe);
    };
  }, []);
  return { me, error };
}

export async function signOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: current?.csrfToken ? { 'x-csrf-token': current.csrfToken } : {} });
  current = undefined;
  setCsrfToken(null);
  window.location.assign('/');
}

export const signInUrl = (returnTo: string) => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;

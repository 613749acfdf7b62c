// An agency administrator's screen: who acts for the agency and in which role; grant a role to a
// person by national ID (checked here for speed, by the server for good; never shown back), and
// revoke one after a confirmation. Roles come from here, never from the sign-in provider.
import { useEffect, useRef, useState } from 'preact/hooks';
import { isValidThaiNationalId, normaliseThaiNationalId } from '../../../../src/core/ids';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { reloadMe } from '../../session';
import { StaffGate, type Membership } from '../staff/use-staff';
import { type Grant, type StaffRole, getStaff, grantRole, revokeRole } from './api';
import { messages } from './messages';
import './people.css';

register('people', messages);

/** Every role a person can be granted, in the order they are offered. */
const ROLE_ORDER: readonly StaffRole[] = ['admin', 'issuer', 'certifier', 'registrar', 'partner', 'committee'];

/** The roles this agency can grant: its administrator always, and the roles the agency itself holds. */
const grantable = (m: Membership) => ROLE_ORDER.filter((r) => r === 'admin' || m.agencyRoles.includes(r));

/** Which field a catalogue error belongs to. */
const FIELD_OF: Record<string, string> = { invalid_national_id: 'nationalId', role_not_held: 'role' };

/** Asks before a role is revoked; the question takes focus so a keyboard user hears it. */
function ConfirmRevoke(props: { text: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useT('people');
  const { t: c } = useT();
  const box = useRef<HTMLParagraphElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <fieldset class="confirm">
      <legend class="visually-hidden">{t('revoke')}</legend>
      <p ref={box} tabIndex={-1}>
        {props.text}
      </p>
      <div class="actions">
        <button type="button" class="button button-danger" disabled={props.busy} onClick={props.onConfirm}>
          {t('confirmRevoke')}
        </button>
        <button type="button" class="button button-secondary" disabled={props.busy} onClick={props.onCancel}>
          {c('cancel')}
        </button>
      </div>
    </fieldset>
  );
}

function People({ membership }: { membership: Membership }) {
  const { t, lang } = useT('people');
  const { t: c } = useT();
  const agency = membership.agency;
  const staff = useAsync(() => getStaff(agency), [agency]);
  const roles = grantable(membership);
  const [name, setName] = useState('');
  const [nationalId, setNationalId] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  // Kept as words to render, so that it follows a change of language.
  const [notice, setNotice] = useState<{ key: 'granted' | 'revoked'; role: string; name: string } | null>(null);
  const noticeBox = useRef<HTMLDivElement>(null);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const roleName = (r: string) => c(`roles.${r}`);

  function announce(next: { key: 'granted' | 'revoked'; role: string; name: string }) {
    setNotice(next);
    setTimeout(() => noticeBox.current?.focus(), 0);
  }

  async function grant(e: Event) {
    e.preventDefault();
    const id = normaliseThaiNationalId(nationalId);
    const found: FieldError[] = [];
    if (!name.trim()) found.push({ field: 'name', message: t('errors.name') });
    if (!isValidThaiNationalId(id)) found.push({ field: 'nationalId', message: t('errors.nationalId') });
    if (!role) found.push({ field: 'role', message: t('errors.role') });
    setErrors(found);
    setFailure(undefined);
    setNotice(null);
    if (found.length || !role) return;
    setBusy(true);
    try {
      const g = await grantRole(agency, { nationalId: id, role, label: name.trim() });
      // Nothing of the ID stays on screen once it has been used.
      setName('');
      setNationalId('');
      setRole('');
      announce({ key: 'granted', role: g.role, name: g.label });
      staff.reload();
    } catch (err) {
      const field = err instanceof ApiError ? FIELD_OF[err.code] : undefined;
      if (field && err instanceof ApiError) setErrors([{ field, message: err.error.messages[lang] }]);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(g: Grant) {
    setBusy(true);
    setFailure(undefined);
    try {
      await revokeRole(agency, g.id);
      setConfirming(null);
      announce({ key: 'revoked', role: g.role, name: g.label });
      staff.reload();
      // If it was the administrator's own role, the screen should know at once.
      await reloadMe();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  const items = staff.data?.items;
  return (
    <Page title={t('title')} lead={t('lead')}>
      <div ref={noticeBox} tabIndex={-1} role="status" class={notice ? 'notice notice-ok' : 'notice-empty'} data-testid="people-notice">
        {notice ? <p class="notice-title">{t(notice.key, { role: roleName(notice.role), name: notice.name })}</p> : null}
      </div>
      {failure ? <ErrorMessage error={failure} /> : null}
      <section aria-labelledby="grant-title" class="card grant-card">
        <h2 id="grant-title">{t('grantTitle')}</h2>
        <ErrorSummary errors={errors} />
        <form onSubmit={grant} noValidate>
          <Field id="name" label={t('name')} error={errorOf('name')}>
            <input
              id="name"
              type="text"
              autocomplete="off"
              maxLength={200}
              value={name}
              aria-describedby={describedBy('name', undefined, errorOf('name'))}
              aria-invalid={errorOf('name') ? true : undefined}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
            />
          </Field>
          <Field id="nationalId" label={t('nationalId')} hint={t('nationalIdHint')} error={errorOf('nationalId')}>
            <input
              id="nationalId"
              type="text"
              inputMode="numeric"
              autocomplete="off"
              spellcheck={false}
              maxLength={17}
              value={nationalId}
              aria-describedby={describedBy('nationalId', t('nationalIdHint'), errorOf('nationalId'))}
              aria-invalid={errorOf('nationalId') ? true : undefined}
              onInput={(e) => setNationalId((e.target as HTMLInputElement).value)}
            />
          </Field>
          <fieldset class={errorOf('role') ? 'field-error' : undefined} aria-describedby="role-hint">
            <legend>{t('role')}</legend>
            <p class="hint" id="role-hint">
              {t('roleHint')}
            </p>
            {errorOf('role') ? <p class="field-message">{errorOf('role')}</p> : null}
            {roles.map((r, i) => (
              <div class="radio" key={r}>
                <input id={i === 0 ? 'role' : `role-${r}`} type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
                <label for={i === 0 ? 'role' : `role-${r}`}>
                  <strong>{roleName(r)}</strong>
                  <span class="role-info">{t(`roleInfo.${r}`)}</span>
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button" disabled={busy}>
            {t('grant')}
          </button>
        </form>
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('listTitle', { n: items?.length ?? 0 })}</h2>
        {staff.error ? <ErrorMessage error={staff.error} onRetry={staff.reload} /> : null}
        {!items && !staff.error ? <Loading /> : null}
        {items && items.length === 0 ? <p>{t('empty')}</p> : null}
        <ul class="plain-list staff-list">
          {items?.map((g) => (
            <li key={g.id} class="staff-grant" data-testid="grant">
              <p class="grant-name">{g.label}</p>
              <p class="small">
                {roleName(g.role)} · {t('colGranted')} {formatDate(g.grantedAt, lang)}
              </p>
              {confirming === g.id ? (
                <ConfirmRevoke
                  text={t('confirmText', { role: roleName(g.role), name: g.label })}
                  busy={busy}
                  onConfirm={() => void revoke(g)}
                  onCancel={() => setConfirming(null)}
                />
              ) : (
                <button type="button" class="button button-secondary button-small" disabled={busy} onClick={() => setConfirming(g.id)}>
                  {t('revoke')}
                  <span class="visually-hidden">
                    {' '}
                    {roleName(g.role)} {g.label}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

export default function PeoplePage({ agency }: { agency?: string }) {
  return (
    <StaffGate agency={agency} role="admin">
      {(m) => <People membership={m} />}
    </StaffGate>
  );
}

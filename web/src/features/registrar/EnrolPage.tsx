// /staff/:agency/enrol — a registrar enrols a person who has no smartphone: national ID (check digit
// checked here, decided by the server), name, home subdistrict within the agency's areas, consent read
// out and ticked per purpose; then the membership card to print. Already a member: find them instead.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { ErrorSummary, Field, type FieldError, describedBy } from '../../components/Form';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { StaffGate } from '../staff/use-staff';
import { type Member, enrol, findByNationalId } from './api';
import { agencySubdistricts, sortByName } from './areas';
import { Consents, type Purpose } from './Consents';
import { MemberSummary } from './MemberSummary';
import { messages } from './messages';
import { nationalIdProblem, normaliseNationalId } from './national-id';
import './registrar.css';

register('registrar', messages);

const NOTICE_VERSION = '2026-11';
/** Server refusals that belong to one field of the form. */
const FIELD_OF: Record<string, { field: string; message: string }> = {
  invalid_national_id: { field: 'nationalId', message: 'errors.nationalIdCheck' },
  forbidden: { field: 'area', message: 'errors.areaForbidden' },
  area_not_found: { field: 'area', message: 'errors.area' },
  consent_required: { field: 'consent-enrolment', message: 'errors.enrolment' },
};

function Done({ title, lead, member, onNext }: { title: string; lead?: string; member: Member; onNext: () => void }) {
  const { t } = useT('registrar');
  const heading = useRef<HTMLHeadingElement>(null);
  // The officer (and a screen reader) lands on the result.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="notice notice-ok" aria-labelledby="done-title">
      <h2 id="done-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {lead ? <p>{lead}</p> : null}
      <MemberSummary member={member} />
      <button type="button" class="button button-secondary" onClick={onNext}>
        {t('next')}
      </button>
    </section>
  );
}

function EnrolForm({ agency }: { agency: string }) {
  const { t, lang } = useT('registrar');
  const areas = useAsync(() => agencySubdistricts(agency), [agency]);
  const [nationalId, setNationalId] = useState('');
  const [name, setName] = useState('');
  const [area, setArea] = useState('');
  const [consents, setConsents] = useState<Set<Purpose>>(new Set());
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [already, setAlready] = useState<'yes' | 'elsewhere' | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ member: Member; found: boolean } | undefined>(undefined);

  if (areas.error) return <ErrorMessage error={areas.error} onRetry={areas.reload} />;
  if (!areas.data) return <Loading />;
  const subdistricts = sortByName(areas.data, lang);
  if (subdistricts.length === 0) return <p class="notice notice-warn">{t('noAreas')}</p>;
  const chosenArea = area || (subdistricts.length === 1 ? (subdistricts[0]?.code ?? '') : '');

  const reset = () => {
    setNationalId('');
    setName('');
    setArea('');
    setConsents(new Set());
    setErrors([]);
    setFailure(undefined);
    setAlready(undefined);
    setDone(undefined);
  };
  if (done) return <Done title={done.found ? t('found') : t('enrolled')} lead={done.found ? undefined : t('enrolledLead')} member={done.member} onNext={reset} />;

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const toggle = (p: Purpose) => {
    const next = new Set(consents);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    setConsents(next);
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    const idProblem = nationalIdProblem(nationalId);
    if (idProblem) found.push({ field: 'nationalId', message: t(idProblem === 'length' ? 'errors.nationalIdLength' : 'errors.nationalIdCheck') });
    if (!name.trim()) found.push({ field: 'displayName', message: t('errors.name') });
    if (!/^\d{6}$/.test(chosenArea)) found.push({ field: 'area', message: t('errors.area') });
    if (!consents.has('enrolment')) found.push({ field: 'consent-enrolment', message: t('errors.enrolment') });
    setErrors(found);
    setFailure(undefined);
    setAlready(undefined);
    if (found.length) return;
    setBusy(true);
    try {
      const member = await enrol({ kind: 'person', nationalId: normaliseNationalId(nationalId), displayName: name.trim(), areaCode: chosenArea, consents: [...consents] });
      setDone({ member, found: false });
      // The number is not kept on the screen once it has done its work.
      setNationalId('');
    } catch (err) {
      const mapped = err instanceof ApiError ? FIELD_OF[err.code] : undefined;
      if (mapped) setErrors([{ field: mapped.field, message: t(mapped.message) }]);
      else if (err instanceof ApiError && err.code === 'already_enrolled') setAlready('yes');
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  async function findPerson() {
    setBusy(true);
    setFailure(undefined);
    try {
      setDone({ member: await findByNationalId(normaliseNationalId(nationalId)), found: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'account_not_found') setAlready('elsewhere');
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  const hints = { nationalId: t('nationalIdHint'), displayName: t('nameHint'), area: t('areaHint') };
  const input = (id: 'nationalId' | 'displayName', value: string, set: (v: string) => void, extra: Record<string, string>) => (
    <input
      id={id}
      type="text"
      value={value}
      maxLength={id === 'nationalId' ? 20 : 200}
      aria-describedby={describedBy(id, hints[id], errorOf(id))}
      aria-invalid={errorOf(id) ? true : undefined}
      onInput={(e) => set((e.target as HTMLInputElement).value)}
      {...extra}
    />
  );
  return (
    <>
      <ErrorSummary errors={errors} />
      {failure ? <ErrorMessage error={failure} /> : null}
      {already === 'yes' ? (
        <div class="notice notice-warn" role="alert">
          <p class="notice-title">{t('already')}</p>
          <p>{t('alreadyBody')}</p>
          <button type="button" class="button" disabled={busy} onClick={() => void findPerson()}>
            {busy ? t('finding') : t('find')}
          </button>
        </div>
      ) : already === 'elsewhere' ? (
        <div class="notice notice-warn" role="alert">
          <p class="notice-title">{t('elsewhere')}</p>
          <p>{t('elsewhereBody')}</p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Field id="nationalId" label={t('nationalId')} hint={hints.nationalId} error={errorOf('nationalId')}>
          {input('nationalId', nationalId, setNationalId, { inputMode: 'numeric', autocomplete: 'off', class: 'national-id' })}
        </Field>
        <Field id="displayName" label={t('name')} hint={hints.displayName} error={errorOf('displayName')}>
          {input('displayName', name, setName, { autocomplete: 'off' })}
        </Field>
        <Field id="area" label={t('area')} hint={hints.area} error={errorOf('area')}>
          <select
            id="area"
            value={chosenArea}
            aria-describedby={describedBy('area', hints.area, errorOf('area'))}
            aria-invalid={errorOf('area') ? true : undefined}
            onChange={(e) => setArea((e.target as HTMLSelectElement).value)}
          >
            {subdistricts.length > 1 ? <option value="">{t('choose')}</option> : null}
            {subdistricts.map((s) => (
              <option key={s.code} value={s.code}>
                {t('areaLabel', { subdistrict: pick(s.name, lang), district: pick(s.district, lang), province: pick(s.province, lang) })}
              </option>
            ))}
          </select>
        </Field>
        <Consents given={consents} onToggle={toggle} error={errorOf('consent-enrolment')} />
        <p class="small muted">{t('notice', { version: NOTICE_VERSION })}</p>
        <button type="submit" class="button button-large" disabled={busy}>
          {busy ? t('busy') : t('submit')}
        </button>
      </form>
    </>
  );
}

export default function RegistrarEnrolPage({ agency }: { agency?: string }) {
  const { t } = useT('registrar');
  return (
    <StaffGate agency={agency} role="registrar" purpose="assisted_enrolment">
      {(m) => (
        <Page title={t('enrolTitle')} lead={t('enrolLead')}>
          <EnrolForm agency={m.agency} />
        </Page>
      )}
    </StaffGate>
  );
}

// Self-enrolment under the national ID the digital-ID provider has just verified: a name, the home
// subdistrict, and consent per purpose (only "enrolment" is required). One page, one button.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api, unwrap } from '../../api/client';
import { AreaPicker } from '../../components/AreaPicker';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { reloadMe, signInUrl, useMe } from '../../session';
import { messages } from './messages';

register('enrol', messages);

const PURPOSES = ['enrolment', 'health', 'privileges', 'statistics'] as const;
type Purpose = (typeof PURPOSES)[number];
const NOTICE_VERSION = '2026-11';

export default function EnrolPage() {
  const { t } = useT('enrol');
  const { t: c } = useT();
  const { me, error: meError } = useMe();
  const { route } = useLocation();
  const [name, setName] = useState<string | undefined>(undefined);
  const [area, setArea] = useState('');
  const [consents, setConsents] = useState<Set<Purpose>>(new Set(['enrolment']));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  if (meError) return <ErrorMessage error={meError} />;
  if (!me) return <Loading />;
  if (!me.signedIn)
    return (
      <Page title={t('title')} lead={t('signInFirst')}>
        <a class="button" href={signInUrl('/enrol')}>
          {c('signIn')}
        </a>
      </Page>
    );
  if (me.account)
    return (
      <Page title={t('already')}>
        <a class="button" href="/me">
          {t('goToDeeds')}
        </a>
      </Page>
    );

  const displayName = name ?? me.name ?? '';
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const toggle = (p: Purpose) => {
    const next = new Set(consents);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    setConsents(next);
  };

  async function submit(e: Event) {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!displayName.trim()) found.push({ field: 'displayName', message: t('errors.name') });
    if (!/^\d{6}$/.test(area)) found.push({ field: 'area', message: t('errors.area') });
    if (!consents.has('enrolment')) found.push({ field: 'consent-enrolment', message: t('errors.enrolment') });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await unwrap(api.POST('/api/v1/me/enrolment', { body: { displayName: displayName.trim(), areaCode: area, consents: [...consents] } }));
      await reloadMe();
      route('/me');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_enrolled') {
        await reloadMe();
        route('/me');
        return;
      }
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('title')} lead={t('lead')}>
      <p class="verified">{t('verified', { hint: me.nationalIdHint })}</p>
      <ErrorSummary errors={errors} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <form onSubmit={submit} noValidate>
        <Field id="displayName" label={t('name')} hint={t('nameHint')} error={errorOf('displayName')}>
          <input
            id="displayName"
            type="text"
            autocomplete="name"
            maxLength={200}
            value={displayName}
            aria-describedby={describedBy('displayName', t('nameHint'), errorOf('displayName'))}
            aria-invalid={errorOf('displayName') ? true : undefined}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </Field>
        <h2>{t('home')}</h2>
        <p class="hint">{t('homeHint')}</p>
        <AreaPicker
          id="area"
          value={area}
          onChange={setArea}
          error={errorOf('area')}
          labels={{ province: t('province'), district: t('district'), subdistrict: t('subdistrict'), choose: t('choose') }}
        />
        <fieldset class="checkboxes" aria-describedby="consents-hint">
          <legend>{t('consentsTitle')}</legend>
          <p class="hint" id="consents-hint">
            {t('consentsHint')}
          </p>
          {errorOf('consent-enrolment') ? <p class="field-message">{errorOf('consent-enrolment')}</p> : null}
          {PURPOSES.map((p) => (
            <div class="checkbox" key={p}>
              <input id={`consent-${p}`} type="checkbox" checked={consents.has(p)} onChange={() => toggle(p)} />
              <label for={`consent-${p}`}>{t(`consent.${p}`)}</label>
            </div>
          ))}
          <p class="small muted">{t('notice', { version: NOTICE_VERSION })}</p>
        </fieldset>
        <button type="submit" class="button button-large" disabled={busy}>
          {t('submit')}
        </button>
      </form>
    </Page>
  );
}

// A member's own good deeds (/me, /me?year=2025): the year's points against the scale with the five
// domains, past years as a chart, every credit explained and checked against the public log by this
// browser, and the deeds still waiting or refused with the reason. Each part loads on its own, so
// the score shows as soon as it arrives.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { bangkokYear, formatYear } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { getAttestations, getCredits, getScore, getYears } from './api';
import { CreditList } from './CreditList';
import { PendingDeeds, RefusedDeeds } from './DeedList';
import { messages } from './messages';
import { ScoreCard } from './ScoreCard';
import { useProofs } from './use-proofs';
import { RatingPrompt } from '../disputes/RatingPrompt';
import { YearsChart } from './YearsChart';
import './person.css';

register('person', messages);

/** The year asked for in the address, if it is one the API accepts; otherwise this year. */
function yearOf(query: Record<string, string>, now: number): number {
  const y = Number(query.year);
  return Number.isInteger(y) && y >= 2000 && y <= now ? y : now;
}

/** A section of the dashboard; `reserve` (a class) keeps the room it will take, so nothing below it jumps when it arrives. */
function Section<T>({
  state,
  children,
  reserve,
}: {
  state: { data: T | undefined; error: unknown; reload: () => void };
  children: (data: T) => ComponentChildren;
  reserve?: string;
}) {
  if (state.error) return <ErrorMessage error={state.error} onRetry={state.reload} />;
  if (state.data === undefined)
    return reserve ? (
      <div class={reserve} aria-busy="true">
        <Loading />
      </div>
    ) : (
      <Loading />
    );
  return <>{children(state.data)}</>;
}

export default function DashboardPage() {
  const { t, lang } = useT('person');
  const { t: c } = useT();
  const { me, error } = useMe();
  const { query, route } = useLocation();
  const thisYear = bangkokYear();
  const year = yearOf(query, thisYear);
  const id = me?.account?.id;

  const score = useAsync(async () => (id ? getScore(id, year) : undefined), [id, year]);
  const credits = useAsync(async () => (id ? getCredits(id, year) : undefined), [id, year]);
  const deeds = useAsync(async () => (id ? getAttestations(id, year) : undefined), [id, year]);
  const years = useAsync(async () => (id ? getYears(id) : undefined), [id]);
  const proofs = useProofs(id, credits.data);

  if (error) return <ErrorMessage error={error} />;
  if (!me) return <Loading />;
  if (!me.signedIn)
    return (
      <Page title={t('title')}>
        <a class="button" href={signInUrl('/me')}>
          {c('signIn')}
        </a>
      </Page>
    );
  if (!me.account)
    return (
      <Page title={t('title')}>
        <section class="card person-card" aria-labelledby="enrol-title">
          <h2 id="enrol-title">{t('notEnrolledTitle')}</h2>
          <p>{t('notEnrolledBody')}</p>
          <a class="button" href="/enrol">
            {t('enrolNow')}
          </a>
        </section>
      </Page>
    );

  const choices = years.data ? [...years.data.items].reverse().map((y) => y.year) : [thisYear];
  if (!choices.includes(year)) choices.push(year);

  return (
    <Page title={t('title')}>
      <div class="field year-field">
        <label for="year">{t('yearLabel')}</label>
        <select id="year" value={String(year)} onChange={(e) => route(`/me?year=${(e.target as HTMLSelectElement).value}`)}>
          {choices.map((y) => (
            <option key={y} value={String(y)}>
              {formatYear(y, lang)}
            </option>
          ))}
        </select>
      </div>
      <Section state={score} reserve="card person-card score-placeholder">
        {(s) => <ScoreCard score={s} />}
      </Section>
      <nav class="person-next" aria-labelledby="next-title">
        <h2 id="next-title" class="visually-hidden">
          {t('nextTitle')}
        </h2>
        <ul>
          <li>
            <a href="/me/declare">{c('nav.declare')}</a>
          </li>
          <li>
            <a href="/me/privileges">{c('nav.privileges')}</a>
          </li>
          <li>
            <a href="/me/certificates">{c('nav.certificates')}</a>
          </li>
          <li>
            <a href="/me/data">{c('nav.myData')}</a>
          </li>
          <li>
            <a href="/me/disputes">{c('nav.disputes')}</a>
          </li>
          <li>
            <a href="/me/leave">{t('leaveLink')}</a>
          </li>
        </ul>
      </nav>
      <RatingPrompt accountId={me.account.id} />
      {/* A member of this year only has no past to chart; the score card says it all. */}
      {years.error ? (
        <ErrorMessage error={years.error} onRetry={years.reload} />
      ) : years.data && years.data.items.length > 1 ? (
        <YearsChart years={years.data.items} selected={year} />
      ) : null}
      <Section state={credits}>{(cr) => <CreditList credits={cr} proofs={proofs} />}</Section>
      <Section state={deeds}>
        {(d) => (
          <>
            <PendingDeeds deeds={d} />
            <RefusedDeeds deeds={d} />
          </>
        )}
      </Section>
    </Page>
  );
}

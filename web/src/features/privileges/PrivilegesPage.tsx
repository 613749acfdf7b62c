// /me/privileges: what a member's good deeds open for them. The exchangeable balance (and why
// exchanging never lowers the yearly score), privileges for the score with a code to show at the
// counter, privileges to exchange points for, and the vouchers already received.
import { useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { formatDate, formatNumber, formatYear } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { signInUrl, useMe } from '../../session';
import { type Balance, type Privilege, type Voucher, getAchievements, getAgencies, getBalance, getPrivileges, getVouchers } from './api';
import { ExchangeCard } from './ExchangeCard';
import { messages } from './messages';
import { ThresholdCard } from './ThresholdCard';
import { VoucherList } from './VoucherList';
import './privileges.css';

register('privileges', messages);

export default function PrivilegesPage() {
  const { t, lang } = useT('privileges');
  const { t: c } = useT();
  const { me, error: meError } = useMe();
  const account = me?.account;
  const data = useAsync(async () => {
    if (!account) return undefined;
    const [balance, achievements, privileges, agencies, vouchers] = await Promise.all([
      getBalance(account.id),
      getAchievements(account.id),
      getPrivileges(account.areaCode),
      getAgencies(),
      getVouchers(account.id),
    ]);
    return { balance, achievements, privileges: privileges.items, agencies: new Map(agencies.items.map((a) => [a.code, a.name])), vouchers: vouchers.items };
  }, [account?.id]);
  // After an exchange: fresher balance, stock and vouchers; a failed refresh keeps what is shown.
  const [fresh, setFresh] = useState<{ balance: Balance; privileges: Privilege[]; vouchers: Voucher[] } | undefined>(undefined);
  const refresh = async () => {
    if (!account) return;
    try {
      const [balance, privileges, vouchers] = await Promise.all([getBalance(account.id), getPrivileges(account.areaCode), getVouchers(account.id)]);
      setFresh({ balance, privileges: privileges.items, vouchers: vouchers.items });
    } catch {
      // The screen stays as it was; the next visit loads everything again.
    }
  };

  if (meError) return <ErrorMessage error={meError} />;
  if (!me) return <Loading />;
  if (!me.signedIn)
    return (
      <Page title={t('title')} lead={t('signInFirst')}>
        <a class="button" href={signInUrl('/me/privileges')}>
          {c('signIn')}
        </a>
      </Page>
    );
  if (!account)
    return (
      <Page title={t('title')} lead={t('notEnrolled')}>
        <a class="button" href="/enrol">
          {t('enrolNow')}
        </a>
      </Page>
    );
  if (data.error && !data.data) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;

  const { achievements, agencies } = data.data;
  const balance = fresh?.balance ?? data.data.balance;
  const vouchers = fresh?.vouchers ?? data.data.vouchers;
  const privileges = (fresh?.privileges ?? data.data.privileges).filter((p) => p.accountKinds.includes(account.kind));
  const partnerName = (code: string) => pick(agencies.get(code), lang) || code;
  const names = new Map((fresh?.privileges ?? data.data.privileges).map((p) => [p.code, p.name]));
  const privilegeName = (code: string) => pick(names.get(code), lang) || code;
  const n = (v: number) => formatNumber(v, lang);
  const year = formatYear(achievements.year, lang);
  const thresholds = privileges.filter((p) => p.kind === 'threshold');
  const exchanges = privileges.filter((p) => p.kind === 'exchange');

  return (
    <Page title={t('title')} lead={t('lead')} wide>
      <section class="card balance-card" aria-labelledby="balance-title">
        <h2 id="balance-title">{t('balanceTitle')}</h2>
        <p class="balance-points" data-testid="balance">
          {t('balancePoints', { points: n(balance.balance) })}
        </p>
        <p data-testid="year-score">{t('yearScore', { year, score: n(achievements.score) })}</p>
        <p class="small">{t('balanceExplain', { year, score: n(achievements.score) })}</p>
        <ul class="inline-facts small muted">
          <li>{t('earned', { n: n(balance.earned) })}</li>
          <li>{t('redeemed', { n: n(balance.redeemed) })}</li>
          {balance.refunded > 0 ? <li>{t('refunded', { n: n(balance.refunded) })}</li> : null}
          {balance.expired > 0 ? <li>{t('expired', { n: n(balance.expired) })}</li> : null}
        </ul>
        {balance.reminders.length ? (
          <div class="notice notice-warn" data-testid="reminders">
            <h3 class="notice-title">{t('reminderTitle')}</h3>
            <ul>
              {balance.reminders.map((r) => (
                <li key={r.expiresAt}>{t('reminder', { points: n(r.points), date: formatDate(r.expiresAt, lang) })}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="threshold-title">
        <h2 id="threshold-title">{t('thresholdTitle')}</h2>
        <p class="muted">{t('thresholdLead')}</p>
        {thresholds.length === 0 ? <p>{t('none')}</p> : null}
        <ul class="plain-list privileges">
          {thresholds.map((p) => (
            <ThresholdCard key={p.code} accountId={account.id} privilege={p} achievements={achievements} partnerName={partnerName(p.partner)} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="exchange-title">
        <h2 id="exchange-title">{t('exchangeTitle')}</h2>
        <p class="muted">{t('exchangeLead')}</p>
        {exchanges.length === 0 ? <p>{t('none')}</p> : null}
        <ul class="plain-list privileges">
          {exchanges.map((p) => (
            <ExchangeCard key={p.code} accountId={account.id} privilege={p} balance={balance.balance} partnerName={partnerName(p.partner)} onChanged={() => void refresh()} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="vouchers-title">
        <h2 id="vouchers-title" tabIndex={-1}>
          {t('vouchersTitle')}
        </h2>
        <VoucherList accountId={account.id} vouchers={vouchers} nameOf={privilegeName} partnerOf={partnerName} />
      </section>

      <p>
        <a href="/me/certificates">{t('certificatesLink')}</a>
      </p>
    </Page>
  );
}

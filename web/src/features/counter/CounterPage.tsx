// /staff/:agency/counter — a cashier at a fuel-station counter (role partner): confirm vouchers and
// check eligibility QR codes, one customer after another, on a phone.
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { StaffGate } from '../staff/use-staff';
import { ownPrivileges } from './api';
import { EligibilityPanel } from './EligibilityPanel';
import { messages } from './messages';
import { VoucherPanel } from './VoucherPanel';
import './counter.css';

register('counter', messages);

function Counter() {
  const { t, lang } = useT('counter');
  // Names only make the answer easier to read; without them the privilege's code is shown.
  const privileges = useAsync(() => ownPrivileges(), []);
  const names = new Map((privileges.data?.items ?? []).map((p) => [p.code, p.name]));
  const privilegeName = (code: string) => pick(names.get(code), lang) || code;
  return (
    <Page title={t('title')} lead={t('lead')} wide>
      <div class="counter-grid">
        <VoucherPanel privilegeName={privilegeName} />
        <EligibilityPanel privilegeName={privilegeName} />
      </div>
    </Page>
  );
}

export default function CounterPage({ agency }: { agency?: string }) {
  return (
    <StaffGate agency={agency} role="partner">
      {() => <Counter />}
    </StaffGate>
  );
}

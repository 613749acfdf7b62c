// A staff member's starting point for one agency: the tools of the roles granted to them there.
import { Page } from '../../components/Page';
import { pick, register, useT } from '../../i18n';
import { messages } from './messages';
import { StaffGate } from './use-staff';

register('staff', messages);

/** Which tool each role opens; a tool appears once even when two roles give it. */
const TOOLS: Array<{ tool: string; roles: string[] }> = [
  { tool: 'attest', roles: ['issuer'] },
  { tool: 'import', roles: ['issuer'] },
  { tool: 'opportunities', roles: ['issuer'] },
  { tool: 'certify', roles: ['certifier'] },
  { tool: 'reversals', roles: ['issuer', 'certifier'] },
  { tool: 'enrol', roles: ['registrar'] },
  { tool: 'scan', roles: ['registrar', 'certifier'] },
  { tool: 'counter', roles: ['partner'] },
  { tool: 'committee', roles: ['committee'] },
  { tool: 'people', roles: ['admin'] },
  { tool: 'disputes', roles: ['issuer', 'certifier', 'reviewer', 'partner'] },
];

export default function StaffHome({ agency }: { agency?: string }) {
  const { t, lang } = useT('staff');
  const { t: c } = useT();
  return (
    <StaffGate agency={agency}>
      {(m) => (
        <Page title={pick(m.agencyName, lang)}>
          <h2>{t('yourRoles')}</h2>
          <ul class="tags">
            {m.roles.map((r) => (
              <li key={r}>{c(`roles.${r}`)}</li>
            ))}
          </ul>
          <h2>{t('tools')}</h2>
          <ul class="link-list tool-list">
            {TOOLS.filter((x) => x.roles.some((r) => m.roles.includes(r))).map((x) => (
              <li key={x.tool}>
                <a class="button button-secondary" href={`/staff/${m.agency}/${x.tool}`}>
                  {t(`tool.${x.tool}`)}
                </a>
              </li>
            ))}
          </ul>
        </Page>
      )}
    </StaffGate>
  );
}

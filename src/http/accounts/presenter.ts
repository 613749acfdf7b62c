// How an account leaves the API: the fields a screen shows and the paths of what it can do next.
import { bangkokYear, toBuddhistEra } from '../../core/calendar.js';
import { memberNumber } from '../../core/cards.js';
import type { AccountRow } from '../../store/repos/accounts.js';

export function accountLinks(id: string) {
  const self = `/api/v1/accounts/${id}`;
  return { self, card: `${self}/card`, cardPdf: `${self}/card.pdf`, personToken: `${self}/tokens`, score: `${self}/score` };
}

export const presentAccount = (a: AccountRow) => ({
  id: a.id,
  kind: a.kind,
  displayName: a.display_name,
  areaCode: a.area_code,
  max: a.scale_max,
  status: a.status,
  enrolledAt: a.created_at,
  enrolledYearBE: toBuddhistEra(bangkokYear(new Date(a.created_at))),
  memberNumber: memberNumber(a.id),
  links: accountLinks(a.id),
});

// An area code as people read it: "ข่วงเปา, จอมทอง, เชียงใหม่" (the code while it loads or if unknown).
import { pick, useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { getArea } from './api';

export function AreaName({ code }: { code: string }) {
  const { lang } = useT();
  const area = useAsync(() => getArea(code), [code]);
  if (!area.data) return <>{code}</>;
  // The path holds the parents, province first.
  return <>{[area.data, ...[...area.data.path].reverse()].map((a) => pick(a.name, lang)).join(', ')}</>;
}

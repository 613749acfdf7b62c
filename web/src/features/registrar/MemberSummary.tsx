// A member as the officer of their area sees them: name, member number (to compare with the card),
// home area, since when, and the membership card to print in either layout.
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { pick, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { type Member, downloadFile, getArea } from './api';

function AreaName({ code }: { code: string }) {
  const { t, lang } = useT('registrar');
  const area = useAsync(() => getArea(code), [code]);
  if (!area.data) return <>{code}</>;
  const [province, district] = area.data.path;
  return <>{t('areaLabel', { subdistrict: pick(area.data.name, lang), district: pick(district?.name, lang), province: pick(province?.name, lang) })}</>;
}

function CardButtons({ member }: { member: Member }) {
  const { t } = useT('registrar');
  const [busy, setBusy] = useState<'a4' | 'card' | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  if (member.status !== 'active') return <p>{t('card.left')}</p>;
  const number = member.memberNumber.replace(/ /g, '');
  async function download(layout: 'a4' | 'card') {
    setBusy(layout);
    setFailure(undefined);
    try {
      const path = layout === 'a4' ? member.links.cardPdf : `${member.links.cardPdf}?layout=card`;
      await downloadFile(path, `khwamdee-card-${number}${layout === 'card' ? '-card-size' : ''}.pdf`);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(null);
    }
  }
  return (
    <div class="card-buttons">
      <h3>{t('card.title')}</h3>
      <p class="hint" id="card-a4-hint">
        {t('card.a4Hint')}
      </p>
      <div class="card-buttons-row">
        <button type="button" class="button" aria-describedby="card-a4-hint" disabled={busy !== null} onClick={() => void download('a4')}>
          {busy === 'a4' ? t('card.busy') : t('card.a4')}
        </button>
        <button type="button" class="button button-secondary" disabled={busy !== null} onClick={() => void download('card')}>
          {busy === 'card' ? t('card.busy') : t('card.cardSize')}
        </button>
      </div>
      {failure ? <ErrorMessage error={failure} /> : null}
    </div>
  );
}

export function MemberSummary({ member }: { member: Member }) {
  const { t, lang } = useT('registrar');
  return (
    <div class="member" data-testid="member">
      <dl class="member-facts">
        <dt>{t('member.name')}</dt>
        <dd class="member-name">{member.displayName}</dd>
        <dt>{t('member.number')}</dt>
        <dd class="member-number">{member.memberNumber}</dd>
        <dt>{t('member.area')}</dt>
        <dd>
          <AreaName code={member.areaCode} />
        </dd>
        <dt>{t('member.enrolledAt')}</dt>
        <dd>{formatDate(member.enrolledAt, lang)}</dd>
        <dt>{t('member.status')}</dt>
        <dd>{t(`member.${member.status}`)}</dd>
      </dl>
      <CardButtons member={member} />
    </div>
  );
}

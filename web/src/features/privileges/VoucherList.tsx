// "My vouchers": every voucher with its state in words. One still to use shows its QR code (fetched
// as an image) and its code; a used one says when; an expired one says its points came back.
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { type Voucher, voucherQr } from './api';
import { VoucherCard } from './VoucherCard';

function IssuedVoucher(props: { accountId: string; voucher: Voucher; privilegeName: string; partnerName: string }) {
  const [qr, setQr] = useState<Blob | undefined>(undefined);
  useEffect(() => {
    let live = true;
    voucherQr(props.accountId, props.voucher.id).then(
      (b) => live && setQr(b),
      () => undefined, // The code below still works at the counter without the picture.
    );
    return () => {
      live = false;
    };
  }, [props.accountId, props.voucher.id]);
  return <VoucherCard voucher={props.voucher} privilegeName={props.privilegeName} partnerName={props.partnerName} qr={qr} />;
}

export function VoucherList(props: { accountId: string; vouchers: Voucher[]; nameOf: (code: string) => string; partnerOf: (code: string) => string }) {
  const { t, lang } = useT('privileges');
  const { vouchers } = props;
  if (vouchers.length === 0) return <p>{t('noVouchers')}</p>;
  return (
    <ul class="plain-list vouchers">
      {vouchers.map((v) => (
        <li key={v.id} class={`voucher-item voucher-${v.status}`} data-testid="my-voucher" data-status={v.status} data-id={v.id}>
          <p class="voucher-status">
            <span class={`chip chip-${v.status}`}>{t(`status.${v.status}`)}</span>
          </p>
          {v.status === 'issued' ? (
            <IssuedVoucher accountId={props.accountId} voucher={v} privilegeName={props.nameOf(v.privilege)} partnerName={props.partnerOf(v.partner)} />
          ) : (
            <>
              <h3 class="voucher-title">{props.nameOf(v.privilege)}</h3>
              <p class="small muted">{props.partnerOf(v.partner)}</p>
            </>
          )}
          <p class="small">{t('issuedOn', { time: formatDateTime(v.issuedAt, lang), points: formatNumber(v.points, lang) })}</p>
          {v.status === 'confirmed' && v.confirmedAt ? <p class="small">{t('usedOn', { time: formatDateTime(v.confirmedAt, lang) })}</p> : null}
          {v.status === 'expired' ? <p class="small">{t('refundedPoints', { time: formatDateTime(v.expiresAt, lang), points: formatNumber(v.points, lang) })}</p> : null}
        </li>
      ))}
    </ul>
  );
}

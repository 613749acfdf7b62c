// A voucher to show at the counter: its QR code, the 8-character code large and spaced so staff can
// type it from hearing it, whose counter it is for and until when.
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { QrImage } from './QrImage';

/** "ABCD2345" → "ABCD 2345": two groups of four are easier to read out and to type. */
export const spacedCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

export function VoucherCard(props: {
  voucher: { id: string; shortCode: string; expiresAt: string; points: number };
  privilegeName: string;
  partnerName: string;
  qr: string | Blob | undefined;
  /** Take focus when shown (right after an exchange), so a screen reader announces the voucher. */
  focus?: boolean;
  heading?: 'h3' | 'h4';
}) {
  const { t, lang } = useT('privileges');
  const { voucher, privilegeName, partnerName } = props;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.focus) box.current?.focus();
  }, [props.focus]);
  const Heading = props.heading ?? 'h3';
  const titleId = `voucher-${voucher.id}`;
  return (
    <div class="voucher" ref={box} tabIndex={props.focus ? -1 : undefined} data-testid="voucher">
      <Heading id={titleId} class="voucher-title">
        {t('voucherTitle')}: {privilegeName}
      </Heading>
      <QrImage svg={props.qr} alt={t('voucherAlt', { privilege: privilegeName })} testId="voucher-qr" />
      <p class="small muted short-code-label" id={`${titleId}-code`}>
        {t('shortCodeLabel')}
      </p>
      <p class="short-code" aria-describedby={`${titleId}-code`} data-testid="short-code" data-code={voucher.shortCode}>
        {/* Each character separately, so a screen reader spells the code instead of reading a word. */}
        <span class="visually-hidden">{voucher.shortCode.split('').join(' ')}</span>
        <span aria-hidden="true">{spacedCode(voucher.shortCode)}</span>
      </p>
      <p>{t('voucherHow', { partner: partnerName })}</p>
      <p class="voucher-until">{t('validUntil', { time: formatDateTime(voucher.expiresAt, lang) })}</p>
      <p class="small muted">{t('refundNote', { points: formatNumber(voucher.points, lang) })}</p>
    </div>
  );
}

// Two ways to read a QR code on a phone: the camera, or a photo the person chooses (a screenshot of the
// voucher, a picture of a printed card). Nothing heavy loads until one of the two buttons is pressed;
// the camera stops as soon as a code is read, when the officer closes it, or when the screen changes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { register, useT } from '../i18n';
import { drawScaled, loadQrReader, readQrFromFile } from '../lib/qr';
import { messages } from './qr-scan-messages';
import './qr-scan.css';

register('qrscan', messages);

type Status = 'idle' | 'starting' | 'aim' | 'reading' | 'read' | 'noCamera' | 'denied' | 'noQr' | 'badImage' | 'loadFailed';
const PROBLEMS: readonly Status[] = ['noCamera', 'denied', 'noQr', 'badImage', 'loadFailed'];

export function QrScan(props: { id: string; onRead: (text: string) => void; disabled?: boolean | undefined }) {
  const { t } = useT('qrscan');
  const { id, onRead, disabled } = props;
  const [status, setStatus] = useState<Status>('idle');
  const video = useRef<HTMLVideoElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onReadRef = useRef(onRead);
  onReadRef.current = onRead;

  const stopCamera = () => {
    clearTimeout(timer.current);
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  };
  useEffect(() => stopCamera, []);

  async function startCamera() {
    if (!navigator.mediaDevices?.getUserMedia) {
      setStatus('noCamera');
      return;
    }
    setStatus('starting');
    let read: Awaited<ReturnType<typeof loadQrReader>>;
    try {
      const [media, reader] = await Promise.all([navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false }), loadQrReader()]);
      stream.current = media;
      read = reader;
    } catch (err) {
      stopCamera();
      const name = err instanceof DOMException ? err.name : '';
      setStatus(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : name ? 'noCamera' : 'loadFailed');
      return;
    }
    const v = video.current;
    if (!v) return stopCamera();
    v.srcObject = stream.current;
    await v.play().catch(() => undefined);
    setStatus('aim');
    const canvas = document.createElement('canvas');
    const tick = async () => {
      if (!stream.current) return;
      if (v.readyState >= 2 && v.videoWidth > 0 && drawScaled(canvas, v, v.videoWidth, v.videoHeight, 800)) {
        const text = await read(canvas).catch(() => undefined);
        if (text && stream.current) {
          stopCamera();
          setStatus('read');
          onReadRef.current(text);
          return;
        }
      }
      timer.current = setTimeout(() => void tick(), 200);
    };
    void tick();
  }

  async function readPhoto(chosen: File | undefined) {
    if (!chosen) return;
    stopCamera();
    setStatus('reading');
    try {
      const text = await readQrFromFile(chosen);
      if (!text) return setStatus('noQr');
      setStatus('read');
      onReadRef.current(text);
    } catch (err) {
      setStatus(err instanceof DOMException || err instanceof TypeError ? 'badImage' : 'loadFailed');
    } finally {
      if (file.current) file.current.value = '';
    }
  }

  const cameraOn = status === 'starting' || status === 'aim';
  return (
    <div class="qr-scan">
      <div class="qr-scan-buttons">
        {cameraOn ? (
          <button
            type="button"
            class="button button-secondary"
            onClick={() => {
              stopCamera();
              setStatus('idle');
            }}
          >
            {t('stop')}
          </button>
        ) : (
          <button type="button" class="button button-secondary" id={`${id}-camera`} disabled={disabled} onClick={() => void startCamera()}>
            <span aria-hidden="true">📷 </span>
            {t('camera')}
          </button>
        )}
        <button type="button" class="button button-secondary" id={`${id}-photo`} disabled={disabled || status === 'reading'} onClick={() => file.current?.click()}>
          <span aria-hidden="true">🖼️ </span>
          {t('photo')}
        </button>
        <input
          ref={file}
          id={`${id}-file`}
          type="file"
          accept="image/*"
          hidden
          aria-label={t('photo')}
          onChange={(e) => void readPhoto((e.target as HTMLInputElement).files?.[0])}
        />
      </div>
      <video ref={video} class="qr-scan-video" hidden={!cameraOn} muted playsInline aria-label={t('preview')} />
      <p class={PROBLEMS.includes(status) ? 'qr-scan-status field-message' : 'qr-scan-status muted'} role="status" aria-live="polite" data-testid={`${id}-scan-status`}>
        {status === 'idle' ? '' : t(status)}
      </p>
    </div>
  );
}

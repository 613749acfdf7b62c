// A QR code from the API shown as an image. The SVG markup is never put into the page: it becomes a
// blob: URL behind an <img>, where a browser runs no script and loads nothing it references.
import { useEffect, useState } from 'preact/hooks';

export function QrImage({ svg, alt, testId }: { svg: string | Blob | undefined; alt: string; testId?: string }) {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (svg === undefined) return;
    const u = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [svg]);
  return <div class="qr">{url ? <img src={url} alt={alt} width={240} height={240} data-testid={testId} /> : null}</div>;
}

// Reading QR codes in the browser: the platform's own BarcodeDetector where it reads QR codes (Chrome on
// Android, Safari), otherwise jsQR. Either is loaded only when a screen first asks to read a code, so
// no screen carries the decoder until the officer presses "scan" or chooses a photo.

type Pixels = HTMLCanvasElement;
export type QrReader = (canvas: Pixels) => Promise<string | undefined>;

/** The parts of the Shape Detection API used here (not yet in TypeScript's DOM library). */
interface BarcodeDetectorLike {
  detect(source: Pixels): Promise<Array<{ rawValue: string }>>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

let reader: Promise<QrReader> | undefined;

async function nativeReader(): Promise<QrReader | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (canvas) => (await detector.detect(canvas))[0]?.rawValue || undefined;
  } catch {
    return undefined;
  }
}

async function jsQrReader(): Promise<QrReader> {
  const mod = await import('jsqr');
  // jsqr is a UMD bundle: depending on the bundler's interop its function is the default export or that export's `default`.
  const exported = mod.default as typeof mod.default | { default: typeof mod.default };
  const jsQR = typeof exported === 'function' ? exported : exported.default;
  return async (canvas) => {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return undefined;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data || undefined;
  };
}

/** The QR reader, loaded on first use (and then shared). */
export function loadQrReader(): Promise<QrReader> {
  reader ??= nativeReader()
    .then((native) => native ?? jsQrReader())
    .catch((err: unknown) => {
      reader = undefined;
      throw err;
    });
  return reader;
}

/** Draws `source` into `canvas`, its longer side at most `maxSide` pixels. */
export function drawScaled(canvas: HTMLCanvasElement, source: CanvasImageSource, width: number, height: number, maxSide: number): boolean {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return false;
  // A white background: a transparent PNG of a QR code reads as black on black otherwise.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return true;
}

/** The text of the QR code in a photo or screenshot, or undefined if none can be read. */
export async function readQrFromFile(file: Blob): Promise<string | undefined> {
  const read = await loadQrReader();
  const bitmap = await createImageBitmap(file);
  try {
    const canvas = document.createElement('canvas');
    // A phone photo is large; the code is found faster scaled down, and a small code is still found at the larger size.
    for (const side of [1200, 2400]) {
      if (!drawScaled(canvas, bitmap, bitmap.width, bitmap.height, side)) return undefined;
      const text = await read(canvas);
      if (text) return text;
      if (Math.max(bitmap.width, bitmap.height) <= side) break;
    }
    return undefined;
  } finally {
    bitmap.close();
  }
}

// Reads a PDF as a person and a scanner would: its pages, its text (pdfjs), its embedded fonts, and
// the QR code drawn on it as vector squares, rasterised and decoded with jsQR.
import jsQRModule from 'jsqr';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

// jsqr is CommonJS whose typings declare an ES default export; at run time the function is both the module and its `default`.
const jsQR = (jsQRModule as unknown as { default: typeof import('jsqr').default }).default;

export interface PdfPage {
  width: number;
  height: number;
  /** Text of the page as extracted, items joined by a space. */
  text: string;
  /** The text of the largest filled path of squares (the QR code), decoded; undefined if none decodes. */
  qr: string | undefined;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Rectangles of one path buffer (moveTo + 3 lineTo + closePath each, as pdfjs builds `re`). */
function rectangles(path: Float32Array): Box[] {
  const out: Box[] = [];
  let i = 0;
  let xs: number[] = [];
  let ys: number[] = [];
  while (i < path.length) {
    const op = path[i++];
    if (op === 0 || op === 1) {
      xs.push(path[i]!);
      ys.push(path[i + 1]!);
      i += 2;
    } else if (op === 2) i += 6;
    else if (op === 3) i += 4;
    else if (op === 4) {
      if (xs.length === 4) out.push({ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
      xs = [];
      ys = [];
    }
  }
  return out;
}

/** Paints the squares onto a white bitmap (4 px per module, with a quiet zone) and decodes it. */
function decodeSquares(boxes: Box[]): string | undefined {
  const unit = Math.min(...boxes.map((b) => b.y1 - b.y0));
  const x0 = Math.min(...boxes.map((b) => b.x0));
  const y0 = Math.min(...boxes.map((b) => b.y0));
  const modules = Math.round((Math.max(...boxes.map((b) => b.x1)) - x0) / unit);
  const px = 4;
  const quiet = 4;
  const size = (modules + 2 * quiet) * px;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const b of boxes) {
    const c0 = Math.round((b.x0 - x0) / unit);
    const c1 = Math.round((b.x1 - x0) / unit);
    const r0 = Math.round((b.y0 - y0) / unit);
    const r1 = Math.round((b.y1 - y0) / unit);
    for (let r = r0; r < r1; r++)
      for (let c = c0; c < c1; c++)
        for (let dy = 0; dy < px; dy++)
          for (let dx = 0; dx < px; dx++) {
            const at = (((quiet + r) * px + dy) * size + (quiet + c) * px + dx) * 4;
            data[at] = data[at + 1] = data[at + 2] = 0;
          }
  }
  return jsQR(data, size, size)?.data;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      const ops = await page.getOperatorList();
      let largest: Box[] = [];
      ops.fnArray.forEach((fn, i) => {
        if (fn !== OPS.constructPath) return;
        const [, [path]] = ops.argsArray[i] as [number, [Float32Array | null]];
        const boxes = path ? rectangles(path) : [];
        if (boxes.length > largest.length) largest = boxes;
      });
      pages.push({ width, height, text, qr: largest.length > 50 ? decodeSquares(largest) : undefined });
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

/** Names of the fonts embedded as font programs (FontFile2), from the PDF's own dictionaries. */
export function embeddedFonts(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const names = [...text.matchAll(/\/FontName\s*\/([A-Z]{6}\+[\w-]+)[^>]*?\/FontFile2/gs)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

// Renders a membership card as PDF with pdfkit, whose fontkit layout applies the font's OpenType
// tables, so Thai vowels and tone marks stack as they should. The font is Sarabun (SIL Open Font
// Licence, which allows embedding), Thai and Latin in one file, from @expo-google-fonts/sarabun.
// The QR code is drawn as vector squares, sharp at any printer resolution.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { PLATFORM_NAME, type CardFace } from '../core/cards.js';

/** `a4`: an A4 sheet, front and back side by side at true size, to cut out, fold and laminate. `card`: two card-size pages for a card printer. */
export const CARD_LAYOUTS = ['a4', 'card'] as const;
export type CardLayout = (typeof CARD_LAYOUTS)[number];

export interface CardRenderer {
  render(face: CardFace, opts: { layout: CardLayout; now: Date }): Promise<Buffer>;
}

const MM = 72 / 25.4;
/** ISO/IEC 7810 ID-1, the size of a bank card. */
export const CARD_WIDTH = 85.6 * MM;
export const CARD_HEIGHT = 53.98 * MM;
const A4: [number, number] = [595.28, 841.89];

const GREEN = '#0b6e4f';
const INK = '#1a1a1a';
const MUTED = '#55615c';

type Doc = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/sarabun/600SemiBold/Sarabun_600SemiBold.ttf'),
};

/** The largest size from `max` down to `min` at which `text` fits on one line of `width`. */
function fittingSize(doc: Doc, text: string, width: number, max: number, min: number): number {
  for (let size = max; size > min; size -= 0.5) if (doc.fontSize(size).widthOfString(text) <= width) return size;
  return min;
}

function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const unit = size / (modules.size + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  // One rectangle per run of dark modules in a row, all filled at once.
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      doc.rect(x + (quiet + start) * unit, y + (quiet + row) * unit, (col - start) * unit, unit);
    }
  }
  doc.fill('#000000');
}

function label(doc: Doc, th: string, en: string, x: number, y: number): void {
  doc.font('regular').fontSize(5.5).fillColor(MUTED).text(`${th} · ${en}`, x, y, { lineBreak: false });
}

function drawFront(doc: Doc, face: CardFace, ox: number, oy: number): void {
  const W = CARD_WIDTH;
  const pad = 9;
  const band = 27;
  doc.save();
  doc.rect(ox, oy, W, band).fill(GREEN);
  doc
    .font('bold')
    .fontSize(11.5)
    .fillColor('#ffffff')
    .text(PLATFORM_NAME, ox + pad, oy + 5.5, { lineBreak: false });
  doc
    .font('regular')
    .fontSize(6)
    .text('บัตรสมาชิก · Member card', ox + pad, oy + 8.5, { width: W - 2 * pad, align: 'right', lineBreak: false });

  const qrSize = 82;
  const qrX = ox + W - pad - qrSize + 4;
  const qrY = oy + band + 7;
  drawQr(doc, face.token, qrX, qrY, qrSize);
  doc.font('regular').fontSize(5.5).fillColor(MUTED);
  doc.text('สแกนเพื่อค้นหาบัญชี', qrX, qrY + qrSize + 1.5, { width: qrSize, align: 'center' });
  doc.fontSize(5).text('Scan to find the account', qrX, doc.y - 1, { width: qrSize, align: 'center' });

  const x = ox + pad;
  const width = qrX - x - 6;
  let y = oy + band + 7;
  label(doc, 'ชื่อ', 'Name', x, y);
  doc.font('bold').fillColor(INK);
  const nameSize = fittingSize(doc, face.displayName, width, 12, 8);
  doc.fontSize(nameSize).text(face.displayName, x, y + 7, { width, height: nameSize * 2.6, ellipsis: true, lineGap: -1 });
  y = Math.max(doc.y + 3, y + 29);

  label(doc, 'เลขสมาชิก', 'Member no.', x, y);
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(INK)
    .text(face.memberNumber, x, y + 6.5, { lineBreak: false, characterSpacing: 0.6 });
  y += 26;

  label(doc, 'พื้นที่', 'Home area', x, y);
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(INK)
    .text(face.home.th, x, y + 6.5, { width, height: 20, ellipsis: true, lineGap: -0.5 });
  y = Math.max(doc.y + 3, y + 22);

  doc.rect(ox, oy + CARD_HEIGHT - 4, W, 4).fill(GREEN);

  label(doc, 'ลงทะเบียนเมื่อ', 'Enrolled', x, y);
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(INK)
    .text(face.enrolledOn.th, x, y + 6.5, { width, lineBreak: false });
  doc.restore();
}

function drawBack(doc: Doc, face: CardFace, ox: number, oy: number): void {
  const W = CARD_WIDTH;
  const pad = 10;
  const width = W - 2 * pad;
  doc.save();
  doc.rect(ox, oy, W, 5).fill(GREEN);
  doc
    .font('bold')
    .fontSize(8.5)
    .fillColor(INK)
    .text('วิธีใช้บัตร · How to use this card', ox + pad, oy + 10, { width, lineBreak: false });
  const points: Array<[string, string]> = [
    ['แสดงบัตรนี้ต่อเจ้าหน้าที่ อบต. หรือผู้รับรองในพื้นที่ เพื่อค้นหาบัญชีของท่านด้วย QR', 'Show it to your local officer: the QR code finds your account.'],
    ['QR นี้ไม่มีเลขประจำตัวประชาชนหรือข้อมูลส่วนตัวใด ๆ', 'The QR code holds no national ID and no personal data.'],
    ['หากบัตรหาย แจ้งเจ้าหน้าที่เพื่อออกบัตรใหม่ บัตรเดิมจะใช้ไม่ได้อีก', 'Lost it? Ask for a new card; the old one stops working.'],
    ['บัตรนี้ไม่ใช่บัตรประจำตัวประชาชน', 'This is not an identity card.'],
  ];
  let y = oy + 26;
  for (const [th, en] of points) {
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(INK)
      .text('•', ox + pad, y, { lineBreak: false });
    doc.text(th, ox + pad + 5, y, { width: width - 5 });
    doc
      .fontSize(6)
      .fillColor(MUTED)
      .text(en, ox + pad + 5, doc.y + 0.5, { width: width - 5 });
    y = doc.y + 3;
  }
  doc
    .font('regular')
    .fontSize(5.5)
    .fillColor(MUTED)
    .text(`บัตรใบที่ ${face.serial} ออกเมื่อ ${face.issuedOn.th} · Card ${face.serial}, issued ${face.issuedOn.en}`, ox + pad, oy + CARD_HEIGHT - 14, { width, lineBreak: false });
  doc.restore();
}

/** Corner marks just outside a rectangle, to cut along. */
function cropMarks(doc: Doc, x: number, y: number, w: number, h: number): void {
  const gap = 3;
  const len = 10;
  doc.save().lineWidth(0.4).strokeColor('#000000');
  for (const [cx, cy, dx, dy] of [
    [x, y, -1, -1],
    [x + w, y, 1, -1],
    [x, y + h, -1, 1],
    [x + w, y + h, 1, 1],
  ] as const) {
    doc
      .moveTo(cx + dx * gap, cy)
      .lineTo(cx + dx * (gap + len), cy)
      .stroke();
    doc
      .moveTo(cx, cy + dy * gap)
      .lineTo(cx, cy + dy * (gap + len))
      .stroke();
  }
  doc.restore();
}

function drawA4(doc: Doc, face: CardFace): void {
  const [pageW] = A4;
  const margin = 56;
  const width = pageW - 2 * margin;
  doc.font('bold').fontSize(16).fillColor(INK).text('บัตรสมาชิก ธนาคารความดี', margin, 48, { width });
  doc.font('regular').fontSize(10).fillColor(MUTED).text('Khwamdee membership card', margin, doc.y, { width });
  doc
    .font('regular')
    .fontSize(10.5)
    .fillColor(INK)
    .text('พิมพ์ขนาดจริง (100% ไม่ย่อหรือขยาย) ตัดตามเครื่องหมายที่มุม พับครึ่งตามเส้นประตรงกลางให้ด้านหน้าและด้านหลังประกบกัน แล้วเคลือบพลาสติก', margin, doc.y + 10, {
      width,
      lineGap: 2,
    });
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text('Print at actual size (100%, no scaling), cut at the corner marks, fold along the dashed middle line so front and back meet, then laminate.', margin, doc.y + 2, {
      width,
    });

  const x = (pageW - 2 * CARD_WIDTH) / 2;
  const y = doc.y + 40;
  drawFront(doc, face, x, y);
  drawBack(doc, face, x + CARD_WIDTH, y);
  // Thin outline so the card's edge shows on white paper, the fold line dashed between the halves.
  doc
    .save()
    .lineWidth(0.3)
    .strokeColor('#b8c2bd')
    .rect(x, y, 2 * CARD_WIDTH, CARD_HEIGHT)
    .stroke()
    .restore();
  doc
    .save()
    .lineWidth(0.5)
    .dash(3, { space: 2 })
    .strokeColor('#7a8580')
    .moveTo(x + CARD_WIDTH, y - 12)
    .lineTo(x + CARD_WIDTH, y + CARD_HEIGHT + 12)
    .stroke()
    .undash()
    .restore();
  cropMarks(doc, x, y, 2 * CARD_WIDTH, CARD_HEIGHT);
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text('ด้านหน้า · front', x, y + CARD_HEIGHT + 16, { width: CARD_WIDTH, align: 'center' })
    .text('ด้านหลัง · back', x + CARD_WIDTH, y + CARD_HEIGHT + 16, { width: CARD_WIDTH, align: 'center' });
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      'เอกสารนี้มีชื่อและพื้นที่ของสมาชิก มอบให้เจ้าของบัตรเท่านั้น ไม่ต้องถ่ายสำเนาหรือเก็บไว้ที่สำนักงาน · This sheet names the member: hand it to them, keep no copy.',
      margin,
      y + CARD_HEIGHT + 48,
      { width, lineGap: 2 },
    );
}

export function createCardRenderer(fonts: { regular: string; bold: string } = FONT_FILES): CardRenderer {
  let loaded: { regular: Buffer; bold: Buffer } | undefined;
  return {
    render(face, { layout, now }) {
      loaded ??= { regular: readFileSync(fonts.regular), bold: readFileSync(fonts.bold) };
      const doc = new PDFDocument({
        size: layout === 'a4' ? A4 : [CARD_WIDTH, CARD_HEIGHT],
        margin: 0,
        autoFirstPage: false,
        font: fonts.regular,
        lang: 'th',
        info: { Title: 'บัตรสมาชิกธนาคารความดี · Khwamdee membership card', Author: PLATFORM_NAME, Creator: PLATFORM_NAME, CreationDate: now },
      });
      doc.registerFont('regular', loaded.regular);
      doc.registerFont('bold', loaded.bold);
      const chunks: Buffer[] = [];
      const done = new Promise<Buffer>((resolve, reject) => {
        doc.on('data', (c: Buffer) => chunks.push(c));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
      });
      if (layout === 'a4') {
        doc.addPage();
        drawA4(doc, face);
      } else {
        doc.addPage();
        drawFront(doc, face, 0, 0);
        doc.addPage();
        drawBack(doc, face, 0, 0);
      }
      doc.end();
      return done;
    },
  };
}

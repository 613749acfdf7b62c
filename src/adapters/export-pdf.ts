// The export as a readable PDF in Thai (pdfkit + Sarabun, like the membership card): who the person
// is to the platform, their consents, good deeds, vouchers and who read their record. The JSON
// export holds every stored field; this copy is for reading.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { bangkokDay, thaiDate, thaiDateTime } from '../core/calendar.js';
import { ACCESS_PURPOSE_LABELS, purposeLabel, type RecordedPurpose } from '../core/consents.js';
import { PLATFORM_NAME } from '../core/cards.js';

type Row = Record<string, unknown>;

export interface ExportRenderer {
  render(
    data: { generatedAt: string; accountId: string; sections: Record<string, Row[]> },
    ctx: { now: Date; areaName: string; agencyNames: Map<string, string> },
  ): Promise<Buffer>;
}

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/sarabun/600SemiBold/Sarabun_600SemiBold.ttf'),
};
const GREEN = '#0b6e4f';
const INK = '#1a1a1a';
const MUTED = '#55615c';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const when = (iso: unknown): string => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? thaiDateTime(new Date(iso)) : '');
const day = (iso: unknown): string => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? thaiDate(bangkokDay(new Date(iso))) : '');

const STATUS_TH: Record<string, string> = { credited: 'ได้รับคะแนน', pending: 'รอรับรอง', rejected: 'ไม่ได้รับคะแนน', issued: 'ออกแล้ว', confirmed: 'ใช้แล้ว', expired: 'หมดอายุ (คืนคะแนน)' };

export function createExportRenderer(): ExportRenderer {
  let fonts: { regular: Buffer; bold: Buffer } | undefined;
  return {
    render(data, ctx) {
      fonts ??= { regular: readFileSync(FONTS.regular), bold: readFileSync(FONTS.bold) };
      const doc = new PDFDocument({
        size: 'A4',
        margin: 48,
        font: FONTS.regular,
        lang: 'th',
        info: { Title: 'ข้อมูลของฉัน · My data', Author: PLATFORM_NAME, Creator: PLATFORM_NAME, CreationDate: ctx.now },
      });
      doc.registerFont('regular', fonts.regular);
      doc.registerFont('bold', fonts.bold);
      const chunks: Buffer[] = [];
      const done = new Promise<Buffer>((resolve, reject) => {
        doc.on('data', (c: Buffer) => chunks.push(c));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
      });
      const s = data.sections;
      const heading = (text: string) => {
        doc.moveDown(0.8).font('bold').fontSize(14).fillColor(GREEN).text(text).moveDown(0.2);
        doc.font('regular').fontSize(10.5).fillColor(INK);
      };
      const line = (text: string) => doc.font('regular').fontSize(10.5).fillColor(INK).text(text, { lineGap: 1.5 });
      const none = () => doc.fillColor(MUTED).text('ไม่มีรายการ').fillColor(INK);

      doc.font('bold').fontSize(20).fillColor(GREEN).text('ข้อมูลของฉันที่ธนาคารความดีเก็บไว้');
      // A plain sara aa before any sara am: pdfkit maps a glyph to the text of its first use, and ำ is
      // drawn with the า glyph, so a leading ำ would make every later า copy out as nothing.
      doc
        .font('regular')
        .fontSize(10)
        .fillColor(MUTED)
        .text(`สร้างเอกสารเมื่อ ${when(data.generatedAt)} · My data held by ${PLATFORM_NAME}`);

      const account = s.accounts?.[0] ?? {};
      heading('บัญชี');
      line(`ชื่อที่แสดง: ${str(account.display_name)}`);
      line(`พื้นที่: ${ctx.areaName}`);
      line(`เป็นสมาชิกตั้งแต่: ${day(account.created_at)}`);
      line(`สถานะ: ${account.status === 'active' ? 'ใช้งาน' : str(account.status)}`);
      line(`รหัสบัญชี: ${data.accountId}`);
      doc.fillColor(MUTED).text('เลขประจำตัวประชาชนเก็บไว้เฉพาะแบบเข้ารหัส จึงไม่แสดงในเอกสารนี้').fillColor(INK);

      heading('ความยินยอม');
      const consents = s.consents ?? [];
      if (!consents.length) none();
      for (const c of consents)
        line(
          `${purposeLabel(str(c.purpose)).th}: ให้เมื่อ ${when(c.given_at)}${c.withdrawn_at ? ` · ถอนเมื่อ ${when(c.withdrawn_at)}` : ' · ยังมีผล'} (ประกาศฉบับ ${str(c.notice_version)})`,
        );

      heading('ความดีที่บันทึก');
      const deeds = s.attestations ?? [];
      const points = new Map((s.credits ?? []).map((c) => [str(c.attestation_id), Number(c.points)]));
      if (!deeds.length) none();
      for (const a of deeds) {
        const pts = points.get(str(a.id));
        line(
          `${day(a.occurred_at)} · ${str(a.indicator_code)} · ${ctx.agencyNames.get(str(a.issuer_code)) ?? str(a.issuer_code)} · ${STATUS_TH[str(a.status)] ?? str(a.status)}${pts !== undefined ? ` · ${pts} คะแนน` : ''}`,
        );
      }

      heading('บัตรกำนัลและการใช้สิทธิ์');
      const vouchers = s.redemptions ?? [];
      if (!vouchers.length) none();
      for (const r of vouchers)
        line(
          `${day(r.issued_at)} · ${str(r.privilege_code)} · ${ctx.agencyNames.get(str(r.partner_code)) ?? str(r.partner_code)} · ${str(r.points)} คะแนน · ${STATUS_TH[str(r.status)] ?? str(r.status)}`,
        );

      heading('ผู้ที่เปิดดูข้อมูลของฉัน');
      const log = [...(s.access_log ?? [])].reverse();
      if (!log.length) none();
      for (const e of log) {
        const who = e.agency_code ? (ctx.agencyNames.get(str(e.agency_code)) ?? str(e.agency_code)) : 'ผู้ดูแลระบบ';
        const purpose = ACCESS_PURPOSE_LABELS[str(e.purpose) as RecordedPurpose]?.th ?? str(e.purpose);
        line(`${when(e.at)} · ${who} · ${purpose}${e.purpose_note ? ` (${str(e.purpose_note)})` : ''}`);
      }

      heading('จำนวนรายการทั้งหมดที่เก็บไว้');
      for (const [name, rows] of Object.entries(s)) line(`${name}: ${rows.length}`);
      doc.moveDown().fillColor(MUTED).fontSize(9).text('ข้อมูลครบทุกช่องอยู่ในไฟล์ JSON ที่ดาวน์โหลดได้จากหน้าเดียวกัน · Every stored field is in the JSON export.');
      doc.end();
      return done;
    },
  };
}

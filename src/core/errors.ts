// One catalogue of error codes: clients switch on `code`; people read the Thai/English message.
import { englishDate, englishDateTime, isCalendarDay, thaiDate, thaiDateTime, toBuddhistEra } from './calendar.js';

interface ErrorSpec {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 414 | 415 | 422 | 429 | 431 | 500 | 503;
  th: string;
  en: string;
}

export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, th: 'ข้อมูลที่ส่งมาไม่ถูกต้อง', en: 'The request is not valid.' },
  invalid_json: { status: 400, th: 'ข้อมูลไม่ใช่ JSON ที่ถูกต้อง', en: 'The body is not valid JSON.' },
  invalid_national_id: { status: 400, th: 'เลขประจำตัวประชาชนไม่ถูกต้อง', en: 'The national ID number is not valid.' },
  invalid_date: {
    status: 400,
    th: 'วันเวลาไม่ถูกต้อง ต้องระบุเขตเวลา เช่น 2026-05-01T09:00:00+07:00',
    en: 'The date is not valid; give an ISO 8601 time with its offset, e.g. 2026-05-01T09:00:00+07:00.',
  },
  invalid_quantity: { status: 400, th: 'จำนวนไม่ถูกต้องสำหรับตัวชี้วัดนี้', en: 'The quantity is not valid for this indicator.' },
  invalid_rule: { status: 400, th: 'กฎตัวชี้วัดไม่ถูกต้อง', en: 'The indicator rule is not valid.' },
  rule_violates_principle: {
    status: 422,
    th: 'ตัวชี้วัดนี้ขัดกับหลักการ: ให้คะแนนเฉพาะความดี ไม่หักคะแนน ไม่ให้รางวัลการรายงานผู้อื่น',
    en: 'This indicator breaks a principle: positive deeds only, no deductions, no rewards for reporting on others.',
  },
  retroactive_change: { status: 422, th: 'การเปลี่ยนกฎต้องมีผลในอนาคต ไม่ย้อนหลัง', en: 'A rule change must take effect in the future, never retroactively.' },
  unauthenticated: { status: 401, th: 'ต้องเข้าสู่ระบบหรือใช้กุญแจ API ที่ถูกต้อง', en: 'A valid bearer token is required.' },
  csrf_invalid: { status: 403, th: 'หน้าเว็บนี้หมดอายุแล้ว กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง', en: 'This page has expired; reload it and try again.' },
  forbidden: { status: 403, th: 'ไม่มีสิทธิ์ทำรายการนี้', en: 'You are not allowed to do this.' },
  out_of_scope: { status: 403, th: 'รายการนี้อยู่นอกขอบเขตที่หน่วยงานของท่านได้รับอนุญาต', en: 'This is outside the scope your agency is authorised for.' },
  own_proposal: {
    status: 403,
    th: 'หน่วยงานพิจารณาข้อเสนอของหน่วยงานตนเองไม่ได้ ต้องให้กรรมการท่านอื่นพิจารณา',
    en: 'An agency cannot decide on its own proposal; another committee member must.',
  },
  not_found: { status: 404, th: 'ไม่พบรายการที่ต้องการ', en: 'Not found.' },
  account_not_found: { status: 404, th: 'ไม่พบบัญชี', en: 'Account not found.' },
  attestation_not_found: { status: 404, th: 'ไม่พบการรับรองความดีนี้', en: 'Attestation not found.' },
  agency_not_found: { status: 404, th: 'ไม่พบหน่วยงาน', en: 'Agency not found.' },
  area_not_found: { status: 404, th: 'ไม่พบพื้นที่ตามรหัสนี้', en: 'No area has this code.' },
  indicator_not_found: { status: 404, th: 'ไม่พบตัวชี้วัดหรือรุ่นของตัวชี้วัดนี้', en: 'Indicator or indicator version not found.' },
  log_size_unknown: { status: 404, th: 'บันทึกสาธารณะยังไม่มีจุดตรวจสอบขนาดนี้', en: 'The log has not published a checkpoint of this size yet.' },
  already_enrolled: { status: 409, th: 'บุคคลนี้ลงทะเบียนแล้ว', en: 'This person is already enrolled.' },
  account_left: { status: 409, th: 'บุคคลนี้ออกจากธนาคารความดีแล้ว จึงออกบัตรไม่ได้', en: 'This person has left the good-deed bank; no card can be issued.' },
  card_replaced: { status: 409, th: 'บัตรนี้ถูกแทนที่ด้วยบัตรใบใหม่แล้ว ใช้ไม่ได้อีก', en: 'This card was replaced by a newer one and no longer works.' },
  indicator_exists: { status: 409, th: 'มีตัวชี้วัดรหัสนี้แล้ว', en: 'An indicator with this code already exists.' },
  ref_conflict: { status: 409, th: 'เลขอ้างอิงนี้ถูกใช้กับข้อมูลอื่นแล้ว', en: 'This ref was already used with different content.' },
  not_pending: { status: 409, th: 'รายการนี้ไม่ได้รอการรับรองแล้ว', en: 'This attestation is no longer pending.' },
  already_decided: { status: 409, th: 'คณะกรรมการพิจารณารายการนี้ไปแล้ว', en: 'The committee has already decided on this.' },
  proposal_pending: {
    status: 409,
    th: 'ตัวชี้วัดนี้มีรุ่นที่เสนอไว้และรอคณะกรรมการพิจารณาอยู่ ต้องรอผลก่อนเสนอรุ่นใหม่',
    en: 'A proposed version of this indicator is waiting for the committee; wait for its decision before proposing another.',
  },
  version_conflict: {
    status: 409,
    th: 'มีการบันทึกตัวชี้วัดนี้รุ่นใหม่ในเวลาเดียวกัน กรุณาดูรุ่นล่าสุดแล้วลองใหม่',
    en: 'Another version of this indicator was written at the same moment; read the latest and try again.',
  },
  unknown_indicator: { status: 422, th: 'ไม่รู้จักตัวชี้วัดนี้', en: 'Unknown indicator.' },
  indicator_not_approved: {
    status: 422,
    th: 'ตัวชี้วัดนี้ยังรอคณะกรรมการอนุมัติ จึงยังให้คะแนนไม่ได้',
    en: 'This indicator is waiting for the committee’s approval; deeds cannot be credited for it yet.',
  },
  indicator_not_applicable: { status: 422, th: 'ตัวชี้วัดนี้ใช้กับบัญชีประเภทนี้ไม่ได้', en: 'This indicator does not apply to this kind of account.' },
  indicator_not_in_force: { status: 422, th: 'ตัวชี้วัดนี้ยังไม่มีผลในวันที่ทำความดี', en: 'This indicator was not in force on the day of the deed.' },
  evidence_required: { status: 422, th: 'ตัวชี้วัดนี้ต้องแนบหลักฐานหรือเลขอ้างอิง', en: 'This indicator needs evidence or a reference.' },
  not_self_declarable: { status: 422, th: 'ตัวชี้วัดนี้ต้องให้หน่วยงานเป็นผู้รับรอง บันทึกเองไม่ได้', en: 'This indicator must be attested by an agency; it cannot be self-declared.' },
  subject_not_enrolled: {
    status: 422,
    th: 'บันทึกความดีนี้ให้บุคคลนี้ไม่ได้: ยังไม่ได้ลงทะเบียนธนาคารความดี หรือตัวชี้วัดนี้ใช้กับบุคคลนี้ไม่ได้',
    en: 'This deed cannot be credited to this person: they are not enrolled in the good-deed bank, or the indicator does not apply to them.',
  },
  consent_required: { status: 422, th: 'ต้องได้รับความยินยอมในวัตถุประสงค์การลงทะเบียน', en: 'Consent to the enrolment purpose is required.' },
  occurred_in_future: { status: 422, th: 'วันที่ทำความดีอยู่ในอนาคต', en: 'The deed is dated in the future.' },
  invalid_privilege: { status: 400, th: 'ข้อมูลสิทธิประโยชน์ไม่ถูกต้อง', en: 'The privilege is not valid.' },
  privilege_touches_basic_rights: {
    status: 422,
    th: 'สิทธิประโยชน์ต้องไม่เกี่ยวกับสิทธิขั้นพื้นฐาน (การรักษาพยาบาล การศึกษา การเดินทาง สวัสดิการแห่งรัฐ)',
    en: 'Privileges may not touch basic rights (healthcare, education access, travel, state welfare).',
  },
  privilege_not_found: { status: 404, th: 'ไม่พบสิทธิประโยชน์นี้', en: 'Privilege not found.' },
  privilege_exists: { status: 409, th: 'มีสิทธิประโยชน์รหัสนี้แล้ว', en: 'A privilege with this code already exists.' },
  privilege_unavailable: { status: 422, th: 'สิทธิประโยชน์นี้ใช้ไม่ได้ในขณะนี้หรือในพื้นที่ของท่าน', en: 'This privilege is not available now or in your area.' },
  wrong_privilege_kind: { status: 422, th: 'สิทธิประโยชน์ประเภทนี้ใช้วิธีนี้ไม่ได้', en: 'This kind of privilege does not work this way.' },
  insufficient_balance: { status: 422, th: 'คะแนนคงเหลือไม่พอ', en: 'Not enough points in the balance.' },
  minimum_balance: { status: 422, th: 'ต้องเหลือคะแนนขั้นต่ำในบัญชีหลังแลก', en: 'The minimum balance must remain after the exchange.' },
  out_of_stock: { status: 409, th: 'สิทธิประโยชน์นี้หมดแล้ว', en: 'This privilege is sold out.' },
  not_eligible: { status: 422, th: 'ยังไม่ผ่านเกณฑ์ของสิทธิประโยชน์นี้', en: 'The criteria of this privilege are not met yet.' },
  voucher_not_found: { status: 404, th: 'ไม่พบบัตรกำนัลนี้', en: 'Voucher not found.' },
  voucher_expired: { status: 409, th: 'บัตรกำนัลหมดอายุแล้ว และคะแนนได้คืนเข้าบัญชีแล้ว', en: 'The voucher expired and its points were refunded.' },
  voucher_already_used: { status: 409, th: 'บัตรกำนัลนี้ถูกใช้ไปแล้ว', en: 'This voucher was already used.' },
  invalid_token: { status: 422, th: 'โทเคนไม่ถูกต้องหรือหมดอายุ', en: 'The token is invalid or expired.' },
  invalid_webhook_url: {
    status: 400,
    th: 'URL ของเว็บฮุกไม่ถูกต้อง ต้องเป็น http หรือ https และห้ามมีชื่อผู้ใช้หรือรหัสผ่านใน URL',
    en: 'The webhook URL is not valid: it must be http or https, without credentials.',
  },
  webhook_not_found: { status: 404, th: 'ยังไม่ได้ลงทะเบียนเว็บฮุก', en: 'No webhook is registered.' },
  token_already_used: { status: 409, th: 'โทเคนนี้ถูกใช้ไปแล้ว', en: 'This token was already used.' },
  token_expired: { status: 422, th: 'QR นี้หมดอายุแล้ว ให้เจ้าของสร้าง QR ใหม่', en: 'This QR code has expired; ask its holder to make a new one.' },
  opportunity_not_found: { status: 404, th: 'ไม่พบกิจกรรมความดีนี้', en: 'Opportunity not found.' },
  opportunity_cancelled: { status: 409, th: 'กิจกรรมนี้ถูกยกเลิกแล้ว แก้ไขไม่ได้', en: 'This opportunity was cancelled; it cannot be changed.' },
  opportunity_ended: { status: 422, th: 'กิจกรรมนี้สิ้นสุดไปแล้ว ประกาศใหม่ไม่ได้', en: 'This opportunity has already ended; it cannot be published.' },
  credit_not_found: { status: 404, th: 'ไม่พบรายการคะแนนความดีนี้', en: 'Credit not found.' },
  nothing_to_certify: { status: 422, th: 'ยังไม่มีความดีที่ได้รับเครดิตในช่วงเวลานี้ให้ออกใบรับรอง', en: 'There are no credited deeds in this period to certify.' },
  invalid_certificate: { status: 422, th: 'ใบรับรองไม่ถูกต้อง ถูกแก้ไข หรือไม่ได้ออกโดยระบบนี้', en: 'The certificate is invalid, was altered, or was not issued by this platform.' },
  reason_required: {
    status: 400,
    th: 'ต้องระบุเหตุผลเมื่อไม่อนุมัติ เหตุผลนี้จะแสดงให้เจ้าของความดีเห็น',
    en: 'A reason is required to reject; the person will see it.',
  },
  invalid_cursor: { status: 400, th: 'ตัวชี้หน้าถัดไป (cursor) ไม่ถูกต้อง', en: 'The cursor is not valid.' },
  evidence_file_missing: {
    status: 400,
    th: 'ไม่พบไฟล์หลักฐาน กรุณาส่งแบบ multipart/form-data ในช่องชื่อ file',
    en: 'No evidence file: send multipart/form-data with one field named "file".',
  },
  evidence_one_file: { status: 400, th: 'ส่งไฟล์หลักฐานได้ครั้งละหนึ่งไฟล์', en: 'Send one evidence file per request.' },
  evidence_empty: { status: 400, th: 'ไฟล์หลักฐานว่างเปล่า', en: 'The evidence file is empty.' },
  evidence_unreadable: { status: 400, th: 'อ่านไฟล์ภาพไม่ได้ ไฟล์อาจเสียหายหรือไม่ครบ', en: 'The image cannot be read; the file may be damaged or incomplete.' },
  evidence_too_large: { status: 413, th: 'ไฟล์หลักฐานมีขนาดใหญ่เกินกำหนด', en: 'The evidence file is larger than allowed.' },
  evidence_type_not_allowed: {
    status: 415,
    th: 'รับเฉพาะภาพถ่าย JPEG, PNG, WebP หรือเอกสาร PDF (ตรวจจากเนื้อไฟล์)',
    en: 'Only JPEG, PNG or WebP photos and PDF documents are accepted (checked by content).',
  },
  evidence_quota_exceeded: {
    status: 429,
    th: 'วันนี้อัปโหลดหลักฐานครบจำนวนที่กำหนดแล้ว กรุณาลองใหม่พรุ่งนี้',
    en: 'The number of evidence uploads for today is reached; try again tomorrow.',
  },
  multipart_required: { status: 415, th: 'ต้องส่งไฟล์แบบ multipart/form-data', en: 'This endpoint takes multipart/form-data.' },
  evidence_not_found: { status: 404, th: 'ไม่พบไฟล์หลักฐานนี้', en: 'Evidence file not found.' },
  meeting_not_found: { status: 404, th: 'ไม่พบบันทึกการประชุมรับรองนี้', en: 'Certification meeting not found.' },
  meeting_date_in_future: { status: 422, th: 'วันประชุมต้องไม่อยู่ในอนาคต', en: 'The meeting date may not be in the future.' },
  deed_after_meeting: {
    status: 422,
    th: 'มีความดีที่เกิดขึ้นหลังวันประชุม จึงรับรองในการประชุมนี้ไม่ได้',
    en: 'Some deeds happened after the meeting date and cannot be decided at this meeting.',
  },
  import_not_found: { status: 404, th: 'ไม่พบรายการนำเข้าไฟล์นี้', en: 'Import not found.' },
  import_empty: { status: 400, th: 'ไฟล์ว่างเปล่า ไม่มีแถวข้อมูล', en: 'The file is empty: it has no data rows.' },
  import_bad_header: {
    status: 400,
    th: 'แถวหัวตารางของไฟล์ CSV ไม่ถูกต้อง ดูชื่อคอลัมน์ที่ใช้ได้ใน docs/exchange/README.md',
    en: 'The CSV header row is not valid; see docs/exchange/README.md for the columns.',
  },
  import_not_utf8: {
    status: 400,
    th: 'ไฟล์ต้องเข้ารหัสเป็น UTF-8 (ใน Excel ให้บันทึกเป็น "CSV UTF-8")',
    en: 'The file must be encoded in UTF-8 (in Excel, save as "CSV UTF-8").',
  },
  import_unsupported_format: {
    status: 415,
    th: 'รองรับเฉพาะไฟล์ CSV (text/csv) และ JSON Lines (application/x-ndjson)',
    en: 'Only CSV (text/csv) and JSON Lines (application/x-ndjson) files are accepted.',
  },
  import_row_columns: { status: 400, th: 'จำนวนคอลัมน์ของแถวนี้ไม่ตรงกับแถวหัวตาราง', en: 'This row does not have the same number of columns as the header.' },
  import_row_too_long: { status: 400, th: 'แถวนี้หรือเซลล์ในแถวนี้ยาวเกินกำหนด จึงอ่านไม่ได้', en: 'This row, or a cell in it, is too long to be read.' },
  import_row_malformed: {
    status: 400,
    th: 'อ่านแถวนี้ไม่ได้ เครื่องหมายคำพูด (") ไม่ครบคู่หรืออยู่ผิดที่',
    en: 'This row cannot be read: a double quote (") is unbalanced or misplaced.',
  },
  import_row_not_json: { status: 400, th: 'บรรทัดนี้ไม่ใช่ออบเจ็กต์ JSON ที่ถูกต้อง', en: 'This line is not a valid JSON object.' },
  import_duplicate_ref: { status: 409, th: 'เลขอ้างอิงนี้ซ้ำกับแถวก่อนหน้าในไฟล์เดียวกัน', en: 'This ref was already used by an earlier row of the same file.' },
  import_errors_truncated: {
    status: 422,
    th: 'มีข้อผิดพลาดมากเกินไป รายงานแสดงเฉพาะรายการแรก ๆ แต่ยอดรวมนับครบทุกแถว',
    en: 'Too many errors: the report lists only the first ones, but the totals count every row.',
  },
  import_queue_full: {
    status: 429,
    th: 'มีไฟล์ของหน่วยงานรอประมวลผลอยู่มากเกินไป กรุณารอให้ไฟล์ก่อนหน้าเสร็จก่อน',
    en: 'Too many of your files are waiting to be processed; wait for them to finish.',
  },
  import_file_lost: {
    status: 500,
    th: 'ไฟล์ที่อัปโหลดหายไปก่อนประมวลผลเสร็จ กรุณาส่งไฟล์อีกครั้ง (แถวที่บันทึกแล้วจะไม่ถูกนับซ้ำ)',
    en: 'The uploaded file was lost before it was processed; send it again (rows already recorded are not counted twice).',
  },
  invalid_url: { status: 400, th: 'ที่อยู่ (URL) ไม่ถูกต้อง มีการเข้ารหัสอักขระที่ผิดรูปแบบ', en: 'The address (URL) is not valid: it has a malformed character encoding.' },
  uri_too_long: { status: 414, th: 'ที่อยู่ (URL) หรือค่าในที่อยู่ยาวเกินกำหนด', en: 'The address (URL) or a value in it is too long.' },
  headers_too_large: { status: 431, th: 'ส่วนหัวของคำขอมีขนาดใหญ่เกินกำหนด', en: 'The request headers are too large.' },
  malformed_request: { status: 400, th: 'คำขอ HTTP ไม่ถูกต้อง', en: 'The HTTP request is malformed.' },
  payload_too_large: { status: 413, th: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด', en: 'The request body is too large.' },
  unsupported_media_type: { status: 415, th: 'รองรับเฉพาะ application/json', en: 'Only application/json is accepted.' },
  sign_in_unavailable: { status: 503, th: 'ระบบยืนยันตัวตนดิจิทัลยังไม่พร้อมให้บริการ กรุณาลองใหม่ภายหลัง', en: 'Sign-in with the digital ID is not available right now; try again later.' },
  sign_in_failed: { status: 401, th: 'เข้าสู่ระบบไม่สำเร็จ กรุณาลองใหม่', en: 'Signing in did not succeed; please try again.' },
  role_not_held: { status: 422, th: 'หน่วยงานนี้ไม่มีบทบาทนี้ จึงมอบให้เจ้าหน้าที่ไม่ได้', en: 'The agency does not hold this role, so it cannot grant it.' },
  rate_limited: { status: 429, th: 'มีคำขอมากเกินไป กรุณาลองใหม่ภายหลัง', en: 'Too many requests; try again later.' },
  overloaded: {
    status: 503,
    th: 'ระบบกำลังรับข้อมูลเต็มกำลัง ยังไม่ได้บันทึกคำขอนี้ กรุณาส่งใหม่ตามเวลาใน Retry-After',
    en: 'The platform is taking in data at full capacity and has not recorded this request; send it again after Retry-After.',
  },
  internal_error: { status: 500, th: 'ระบบขัดข้อง กรุณาลองใหม่ภายหลัง', en: 'Something went wrong on our side; try again later.' },
  processing_restricted: {
    status: 409,
    th: 'เจ้าของบัญชีขอระงับการใช้ข้อมูลไว้ จึงดำเนินการกับบัญชีนี้ไม่ได้จนกว่าจะยกเลิกการระงับ',
    en: 'The account holder has restricted the processing of their data; nothing can be done with it until they lift the restriction.',
  },
  erasure_not_confirmed: {
    status: 400,
    th: 'ต้องพิมพ์ข้อความยืนยันให้ตรงก่อนลบข้อมูล เพราะการลบย้อนกลับไม่ได้',
    en: 'Type the confirmation phrase exactly: erasure cannot be undone.',
  },
  already_reversed: { status: 409, th: 'รายการคะแนนนี้ถูกเพิกถอนแล้วด้วยเหตุผลอื่น', en: 'This credit was already reversed, with another reason.' },
  credit_not_in_log: { status: 409, th: 'รายการคะแนนนี้ยังไม่อยู่ในบันทึกสาธารณะ กรุณาลองใหม่ในอีกสักครู่', en: 'This credit is not in the public log yet; try again in a moment.' },
  reversal_not_found: { status: 404, th: 'ไม่พบรายการเพิกถอนนี้', en: 'Reversal not found.' },
  credit_reversed: { status: 409, th: 'รายการคะแนนนี้ถูกเพิกถอนแล้ว จึงออกใบรับรองไม่ได้', en: 'This credit was reversed, so no certificate can be issued for it.' },
  status_list_not_found: { status: 404, th: 'ไม่พบรายการสถานะใบรับรองนี้', en: 'Status list not found.' },
  equivalence_group_not_assigned: {
    status: 422,
    th: 'กลุ่มความดีเทียบเท่านี้ไม่ได้มอบให้หน่วยงานของท่าน คณะกรรมการเป็นผู้มอบกลุ่มให้หน่วยงาน',
    en: 'This equivalence group is not assigned to your agency; the committee assigns groups to agencies.',
  },
  deed_too_old: {
    status: 422,
    th: 'ความดีนี้เก่าเกินกว่าที่ตัวชี้วัดนี้รับบันทึกได้',
    en: 'This deed is older than this indicator accepts.',
  },
  year_closed: {
    status: 422,
    th: 'ปีของความดีนี้ปิดรับบันทึกแล้ว (พ้นระยะผ่อนผันที่คณะกรรมการกำหนด)',
    en: 'The year of this deed is closed: the committee’s grace period after 31 December has passed.',
  },
  // Consent, access log and export (migration 0011).
  unknown_consent_purpose: {
    status: 400,
    th: 'ไม่รู้จักวัตถุประสงค์ของความยินยอมนี้ (enrolment, health, privileges, statistics หรือ sharing:<รหัสพันธมิตร>)',
    en: 'Unknown consent purpose (enrolment, health, privileges, statistics or sharing:<partner code>).',
  },
  leaving_not_withdrawal: {
    status: 409,
    th: 'การถอนความยินยอมการลงทะเบียนคือการออกจากระบบ กรุณาใช้เมนูออกจากระบบและลบข้อมูล',
    en: 'Withdrawing the enrolment consent is leaving the platform; use the leave and erasure flow.',
  },
  receipt_not_found: { status: 404, th: 'ไม่พบหลักฐานการให้หรือถอนความยินยอมนี้', en: 'Consent receipt not found.' },
  sharing_consent_withdrawn: {
    status: 422,
    th: 'ท่านถอนความยินยอมให้ส่งข้อมูลแก่พันธมิตรรายนี้แล้ว หากต้องการใช้สิทธิ์อีก กรุณาให้ความยินยอมใหม่',
    en: 'You withdrew your consent to share with this partner; give it again to use its privileges.',
  },
  consent_withdrawn: {
    status: 403,
    th: 'เจ้าของสิทธิ์ถอนความยินยอมให้ส่งข้อมูลแก่หน่วยงานของท่านแล้ว',
    en: 'The holder has withdrawn consent to share with your organisation.',
  },
  access_purpose_required: {
    status: 400,
    th: 'การเปิดดูข้อมูลของบุคคลต้องระบุวัตถุประสงค์ (ส่วนหัว x-khwamdee-purpose หรือพารามิเตอร์ purpose)',
    en: 'Reading a person’s record needs a stated purpose (header x-khwamdee-purpose or query purpose).',
  },
  invalid_access_purpose: { status: 400, th: 'วัตถุประสงค์ของการเปิดดูข้อมูลไม่ถูกต้อง', en: 'The stated purpose for reading the record is not valid.' },
  dispute_not_found: { status: 404, th: 'ไม่พบคำร้องนี้', en: 'Dispute not found.' },
  dispute_subject_not_found: { status: 404, th: 'ไม่พบรายการความดีหรือคะแนนที่ต้องการโต้แย้งในบัญชีของท่าน', en: 'The deed or credit to contest was not found in your account.' },
  dispute_not_refused: { status: 422, th: 'รายการนี้ไม่ได้ถูกปฏิเสธ จึงยื่นคำร้องว่าถูกปฏิเสธไม่ได้', en: 'This deed was not refused, so it cannot be contested as refused.' },
  dispute_exists: { status: 409, th: 'ท่านยื่นคำร้องเรื่องนี้ไว้แล้ว ติดตามได้ที่คำร้องเดิม', en: 'You have already filed a dispute about this; follow the existing one.' },
  dispute_no_respondent: {
    status: 422,
    th: 'หน่วยงานนี้ไม่ได้รับรองตัวชี้วัดนี้และไม่ได้รับรองความดีในพื้นที่ของท่าน กรุณาเลือกหน่วยงานที่เกี่ยวข้อง',
    en: 'This agency neither attests this indicator nor certifies deeds in your area; choose the agency concerned.',
  },
  dispute_wrong_state: { status: 409, th: 'คำร้องนี้อยู่ในขั้นตอนที่ทำรายการนี้ไม่ได้แล้ว', en: 'The dispute is no longer at a step where this can be done.' },
  dispute_own_review: { status: 403, th: 'หน่วยงานที่ถูกร้องพิจารณาคำร้องของตนเองไม่ได้', en: 'The agency a dispute is about cannot review it.' },
  correction_not_found: {
    status: 422,
    th: 'ไม่พบรายการแก้ไขนี้ ต้องเป็นคะแนนของผู้ยื่นคำร้องที่หน่วยงานของท่านบันทึกหลังการยื่นคำร้อง',
    en: "No such correction: it must be a credit of the person's, recorded by your agency after the dispute was filed.",
  },
  correction_kind_unavailable: { status: 422, th: 'ยังไม่รองรับการแก้ไขประเภทนี้', en: 'This kind of correction is not available yet.' },
  correction_in_use: { status: 409, th: 'รายการแก้ไขนี้ถูกบันทึกกับคำร้องอื่นแล้ว', en: 'This correction is already recorded on another dispute.' },
  interaction_not_found: { status: 404, th: 'ไม่พบรายการที่จะให้คะแนนในบัญชีของท่าน', en: 'The interaction to rate was not found in your account.' },
  interaction_not_rateable: {
    status: 422,
    th: 'ให้คะแนนได้หลังการรับรอง การพิจารณา หรือการใช้สิทธิประโยชน์เสร็จแล้ว ภายใน 90 วัน',
    en: 'An interaction can be rated once it is decided or redeemed, within 90 days.',
  },
  already_rated: { status: 409, th: 'ท่านให้คะแนนรายการนี้แล้ว', en: 'You have already rated this.' },
  webhook_address_not_allowed: {
    status: 400,
    th: 'ที่อยู่เว็บฮุกต้องเป็นที่อยู่สาธารณะบนอินเทอร์เน็ต ไม่ใช่เครือข่ายภายใน ลูปแบ็ก หรือที่อยู่สงวน',
    en: 'The webhook must be on a public internet address, not a private, loopback, link-local or reserved one.',
  },
  webhook_host_not_found: { status: 400, th: 'ไม่พบชื่อโฮสต์ของที่อยู่เว็บฮุกนี้ในระบบ DNS', en: 'The webhook’s host name does not resolve.' },
  import_xml_dtd: {
    status: 400,
    th: 'ไฟล์ XML มีการประกาศ DOCTYPE หรือเอนทิตี ซึ่งมาตรฐานการแลกเปลี่ยนไม่อนุญาต',
    en: 'The XML file declares a DOCTYPE or entities, which the exchange standard does not allow.',
  },
  import_xml_root: {
    status: 400,
    th: 'ไฟล์ XML ต้องมีราก <attestations> ในเนมสเปซ urn:khwamdee:exchange:attestations:1',
    en: 'The XML file must have the root <attestations> in the namespace urn:khwamdee:exchange:attestations:1.',
  },
  import_xml_malformed: { status: 400, th: 'ส่วนนี้ของไฟล์ XML ไม่ถูกต้องตามรูปแบบ XML จึงอ่านไม่ได้', en: 'This part of the XML file is not well-formed XML, so it cannot be read.' },
  import_xml_element: { status: 400, th: 'องค์ประกอบนี้ไม่ใช่ <attestation>', en: 'This element is not an <attestation>.' },
  signing_key_invalid: {
    status: 400,
    th: 'กุญแจสาธารณะไม่ถูกต้อง ต้องเป็นกุญแจ Ed25519 แบบ JWK หรือ 32 ไบต์เข้ารหัส base64',
    en: 'The public key is not valid: give an Ed25519 key as a JWK or as 32 bytes in base64.',
  },
  signing_key_exists: { status: 409, th: 'หน่วยงานได้ลงทะเบียนกุญแจนี้ไว้แล้ว', en: 'The agency has already registered this key.' },
  signing_key_not_found: { status: 404, th: 'ไม่พบกุญแจลงนามนี้ของหน่วยงาน', en: 'No such signing key of the agency.' },
  manifest_required: {
    status: 400,
    th: 'หน่วยงานนี้ลงทะเบียนกุญแจลงนามไว้แล้ว การส่งไฟล์ทุกครั้งต้องแนบใบกำกับไฟล์ที่ลงนาม',
    en: 'This agency has registered signing keys, so every upload must carry a signed manifest.',
  },
  manifest_invalid: {
    status: 400,
    th: 'ใบกำกับไฟล์ไม่ถูกต้อง (ไม่ใช่ JWS ที่ลงนามด้วย EdDSA หรือเนื้อหาไม่ครบ) หรือลายมือชื่อไม่ถูกต้อง',
    en: 'The manifest is not valid: not an EdDSA-signed JWS with the required content, or the signature does not verify.',
  },
  manifest_unknown_key: { status: 400, th: 'ใบกำกับไฟล์ลงนามด้วยกุญแจที่หน่วยงานนี้ไม่ได้ลงทะเบียนไว้', en: 'The manifest is signed with a key this agency has not registered.' },
  manifest_key_revoked: { status: 400, th: 'ใบกำกับไฟล์ลงนามด้วยกุญแจที่ถูกเพิกถอนแล้ว', en: 'The manifest is signed with a key that has been revoked.' },
  manifest_hash_mismatch: {
    status: 400,
    th: 'ค่า SHA-256 ในใบกำกับไฟล์ไม่ตรงกับไฟล์ที่ส่งมา',
    en: "The manifest's SHA-256 does not match the file sent.",
  },
  receipt_not_ready: {
    status: 409,
    th: 'ใบรับยังไม่พร้อม: การนำเข้ายังไม่เสร็จ หรือบันทึกสาธารณะยังไม่ได้รวมรายการทั้งหมด กรุณาลองใหม่อีกครู่',
    en: 'The receipt is not ready yet: the import is still running or the log has not integrated all its entries; try again shortly.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

const isoAt = (details: unknown, key: string): Date | undefined => {
  const v = typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[key] : undefined;
  const at = typeof v === 'string' ? new Date(v) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
};

const field = (details: unknown, key: string): unknown => (typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[key] : undefined);
const dayAt = (details: unknown, key: string): string | undefined => {
  const v = field(details, key);
  return typeof v === 'string' && isCalendarDay(v) ? v : undefined;
};

const tooOld = (details: unknown) => {
  const earliest = dayAt(details, 'earliestAccepted');
  const days = field(details, 'windowDays');
  if (!earliest || typeof days !== 'number') return undefined;
  return {
    th: `ความดีนี้เก่าเกินกว่าที่ตัวชี้วัดนี้รับบันทึกได้ (ภายใน ${days} วัน) รับเฉพาะความดีตั้งแต่วันที่ ${thaiDate(earliest)}`,
    en: `This deed is older than this indicator accepts (${days} days): only deeds from ${englishDate(earliest)} on are accepted.`,
  };
};

const yearClosed = (details: unknown) => {
  const closed = dayAt(details, 'closedOn');
  const year = field(details, 'year');
  if (!closed || typeof year !== 'number') return undefined;
  return {
    th: `ปี พ.ศ. ${toBuddhistEra(year)} ปิดรับบันทึกความดีแล้วตั้งแต่วันที่ ${thaiDate(closed)} (พ้นระยะผ่อนผันที่คณะกรรมการกำหนด)`,
    en: `The year ${year} closed for new credits on ${englishDate(closed)} (the committee’s grace period has passed).`,
  };
};

/** Codes whose message also states a fact from the details, so a person reads it without a lookup. */
const MESSAGES_FROM_DETAILS: { [C in ErrorCode]?: (details: unknown) => { th: string; en: string } | undefined } = {
  voucher_already_used: (details) => {
    const at = isoAt(details, 'confirmedAt');
    return at && { th: `บัตรกำนัลนี้ถูกใช้ไปแล้ว เมื่อวันที่ ${thaiDateTime(at)}`, en: `This voucher was already used on ${englishDateTime(at)}.` };
  },
  equivalence_group_not_assigned: (details) => {
    const group = field(details, 'group');
    if (typeof group !== 'string') return undefined;
    return {
      th: `กลุ่มความดีเทียบเท่า "${group}" ไม่ได้มอบให้หน่วยงานของท่าน คณะกรรมการเป็นผู้มอบกลุ่มให้หน่วยงาน`,
      en: `The equivalence group "${group}" is not assigned to your agency; the committee assigns groups to agencies.`,
    };
  },
  deed_too_old: tooOld,
  year_closed: yearClosed,
};

/** The Thai and English message of a code, completed from its details where the catalogue says so. */
export function errorMessages(code: ErrorCode, details?: unknown): { th: string; en: string } {
  const spec = ERROR_CATALOGUE[code];
  return MESSAGES_FROM_DETAILS[code]?.(details) ?? { th: spec.th, en: spec.en };
}

/** A failure the caller can act on; the HTTP layer and the CLI present it from the catalogue. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, details?: unknown) {
    super(ERROR_CATALOGUE[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** Reasons an attestation is not credited (status `rejected`), shown to people. */
export const REJECTION_REASONS = {
  cap_exceeded: { th: 'เกินเพดานของตัวชี้วัดนี้ (จำนวนครั้ง ระยะห่าง หรือคะแนนต่อปี)', en: 'A cap of this indicator is reached (count, interval or points per year).' },
  duplicate_deed: { th: 'ความดีเดียวกันนี้ได้รับการบันทึกแล้วในวันเดียวกัน', en: 'The same deed was already recorded for this day.' },
  consent_missing: { th: 'เจ้าของบัญชียังไม่ให้ความยินยอมสำหรับข้อมูลประเภทนี้', en: 'The account holder has not consented to this kind of data.' },
  certifier_rejected: { th: 'ผู้รับรองในพื้นที่ไม่อนุมัติ', en: 'The local certifier did not approve it.' },
  processing_restricted: { th: 'เจ้าของบัญชีขอระงับการใช้ข้อมูลไว้ จึงไม่บันทึกความดีนี้', en: 'The account holder has restricted processing; the deed was not recorded against them.' },
  account_erased: { th: 'เจ้าของบัญชีลบข้อมูลของตนแล้ว', en: 'The account holder erased their data.' },
  yearly_ceiling_reached: {
    th: 'คะแนนของปีนี้ถึงเพดานสูงสุดของบัญชีแล้ว ความดีนี้จึงบันทึกไว้โดยไม่ได้คะแนนเพิ่ม',
    en: 'This year’s points have reached the account’s ceiling, so this deed is recorded without more points.',
  },
  deed_too_old: ERROR_CATALOGUE.deed_too_old,
  year_closed: ERROR_CATALOGUE.year_closed,
} as const;

export type RejectionCode = keyof typeof REJECTION_REASONS;

const CAP_WORDS: Record<string, { th: string; en: string }> = {
  lifetime: { th: 'ครั้งเดียวตลอดชีวิต', en: 'once in a lifetime' },
  per_year: { th: 'จำนวนครั้งต่อปี', en: 'times per year' },
  min_interval: { th: 'ระยะห่างขั้นต่ำระหว่างครั้ง', en: 'minimum interval between deeds' },
  points_per_year: { th: 'คะแนนสูงสุดต่อปีของตัวชี้วัด', en: 'the indicator’s points per year' },
};

/** A rejection's message, completed from its details (which cap, from when possible again; the window; the ceiling). */
export function rejectionMessages(code: RejectionCode, details?: unknown): { th: string; en: string } {
  const base = REJECTION_REASONS[code];
  if (code === 'cap_exceeded') {
    const cap = field(details, 'cap');
    const words = typeof cap === 'string' ? CAP_WORDS[cap] : undefined;
    if (!words) return { th: base.th, en: base.en };
    if (cap === 'lifetime') return { th: `ได้รับคะแนนตัวชี้วัดนี้แล้ว (${words.th})`, en: `Already credited: this indicator counts ${words.en}.` };
    const next = dayAt(details, 'nextEligibleOn');
    return {
      th: `เกินเพดานของตัวชี้วัดนี้ (${words.th})${next ? ` ทำได้อีกครั้งตั้งแต่วันที่ ${thaiDate(next)}` : ''}`,
      en: `A cap of this indicator is reached (${words.en}).${next ? ` It is possible again from ${englishDate(next)}.` : ''}`,
    };
  }
  if (code === 'yearly_ceiling_reached') {
    const max = field(details, 'max');
    const year = field(details, 'year');
    if (typeof max === 'number' && typeof year === 'number')
      return {
        th: `คะแนนปี พ.ศ. ${toBuddhistEra(year)} ถึงเพดานสูงสุดของบัญชี ${max} คะแนนแล้ว ความดีนี้จึงบันทึกไว้โดยไม่ได้คะแนนเพิ่ม`,
        en: `The ${year} points have reached the account’s ceiling of ${max}, so this deed is recorded without more points.`,
      };
  }
  if (code === 'deed_too_old') return tooOld(details) ?? { th: base.th, en: base.en };
  if (code === 'year_closed') return yearClosed(details) ?? { th: base.th, en: base.en };
  return { th: base.th, en: base.en };
}

/** Why a predicted deed would earn nothing: a rejection reason, or why the indicator is not for this account. */
export const PREDICTION_REASONS = {
  cap_exceeded: REJECTION_REASONS.cap_exceeded,
  duplicate_deed: REJECTION_REASONS.duplicate_deed,
  consent_missing: REJECTION_REASONS.consent_missing,
  yearly_ceiling_reached: REJECTION_REASONS.yearly_ceiling_reached,
  deed_too_old: { th: ERROR_CATALOGUE.deed_too_old.th, en: ERROR_CATALOGUE.deed_too_old.en },
  year_closed: { th: ERROR_CATALOGUE.year_closed.th, en: ERROR_CATALOGUE.year_closed.en },
  not_applicable_kind: { th: 'ตัวชี้วัดนี้ใช้กับบัญชีประเภทนี้ไม่ได้', en: 'This indicator does not apply to this kind of account.' },
  not_applicable_area: { th: 'ตัวชี้วัดนี้สำหรับผู้มีภูมิลำเนาในพื้นที่ของท้องถิ่นนั้นเท่านั้น', en: 'This local indicator is only for residents of its area.' },
} as const;

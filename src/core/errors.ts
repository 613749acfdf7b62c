// One catalogue of error codes: clients switch on `code`; people read the Thai/English message.

interface ErrorSpec {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
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
  forbidden: { status: 403, th: 'ไม่มีสิทธิ์ทำรายการนี้', en: 'You are not allowed to do this.' },
  out_of_scope: { status: 403, th: 'รายการนี้อยู่นอกขอบเขตที่หน่วยงานของท่านได้รับอนุญาต', en: 'This is outside the scope your agency is authorised for.' },
  not_found: { status: 404, th: 'ไม่พบรายการที่ต้องการ', en: 'Not found.' },
  account_not_found: { status: 404, th: 'ไม่พบบัญชี', en: 'Account not found.' },
  attestation_not_found: { status: 404, th: 'ไม่พบการรับรองความดีนี้', en: 'Attestation not found.' },
  agency_not_found: { status: 404, th: 'ไม่พบหน่วยงาน', en: 'Agency not found.' },
  area_not_found: { status: 404, th: 'ไม่พบพื้นที่ตามรหัสนี้', en: 'No area has this code.' },
  log_size_unknown: { status: 404, th: 'บันทึกสาธารณะยังไม่มีจุดตรวจสอบขนาดนี้', en: 'The log has not published a checkpoint of this size yet.' },
  already_enrolled: { status: 409, th: 'บุคคลนี้ลงทะเบียนแล้ว', en: 'This person is already enrolled.' },
  indicator_exists: { status: 409, th: 'มีตัวชี้วัดรหัสนี้แล้ว', en: 'An indicator with this code already exists.' },
  ref_conflict: { status: 409, th: 'เลขอ้างอิงนี้ถูกใช้กับข้อมูลอื่นแล้ว', en: 'This ref was already used with different content.' },
  not_pending: { status: 409, th: 'รายการนี้ไม่ได้รอการรับรองแล้ว', en: 'This attestation is no longer pending.' },
  unknown_indicator: { status: 422, th: 'ไม่รู้จักตัวชี้วัดนี้', en: 'Unknown indicator.' },
  indicator_not_applicable: { status: 422, th: 'ตัวชี้วัดนี้ใช้กับบัญชีประเภทนี้ไม่ได้', en: 'This indicator does not apply to this kind of account.' },
  indicator_not_in_force: { status: 422, th: 'ตัวชี้วัดนี้ยังไม่มีผลในวันที่ทำความดี', en: 'This indicator was not in force on the day of the deed.' },
  evidence_required: { status: 422, th: 'ตัวชี้วัดนี้ต้องแนบหลักฐานหรือเลขอ้างอิง', en: 'This indicator needs evidence or a reference.' },
  not_self_declarable: { status: 422, th: 'ตัวชี้วัดนี้ต้องให้หน่วยงานเป็นผู้รับรอง บันทึกเองไม่ได้', en: 'This indicator must be attested by an agency; it cannot be self-declared.' },
  subject_not_enrolled: { status: 422, th: 'บุคคลนี้ยังไม่ได้ลงทะเบียนธนาคารความดี', en: 'This person has not enrolled in the good-deed bank.' },
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
  invalid_token: { status: 422, th: 'โทเคนไม่ถูกต้องหรือหมดอายุ', en: 'The token is invalid or expired.' },
  invalid_webhook_url: {
    status: 400,
    th: 'URL ของเว็บฮุกไม่ถูกต้อง ต้องเป็น http หรือ https และห้ามมีชื่อผู้ใช้หรือรหัสผ่านใน URL',
    en: 'The webhook URL is not valid: it must be http or https, without credentials.',
  },
  webhook_not_found: { status: 404, th: 'ยังไม่ได้ลงทะเบียนเว็บฮุก', en: 'No webhook is registered.' },
  token_already_used: { status: 409, th: 'โทเคนนี้ถูกใช้ไปแล้ว', en: 'This token was already used.' },
  credit_not_found: { status: 404, th: 'ไม่พบรายการคะแนนความดีนี้', en: 'Credit not found.' },
  nothing_to_certify: { status: 422, th: 'ยังไม่มีความดีที่ได้รับเครดิตในช่วงเวลานี้ให้ออกใบรับรอง', en: 'There are no credited deeds in this period to certify.' },
  invalid_certificate: { status: 422, th: 'ใบรับรองไม่ถูกต้อง ถูกแก้ไข หรือไม่ได้ออกโดยระบบนี้', en: 'The certificate is invalid, was altered, or was not issued by this platform.' },
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
  payload_too_large: { status: 413, th: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด', en: 'The request body is too large.' },
  unsupported_media_type: { status: 415, th: 'รองรับเฉพาะ application/json', en: 'Only application/json is accepted.' },
  rate_limited: { status: 429, th: 'มีคำขอมากเกินไป กรุณาลองใหม่ภายหลัง', en: 'Too many requests; try again later.' },
  internal_error: { status: 500, th: 'ระบบขัดข้อง กรุณาลองใหม่ภายหลัง', en: 'Something went wrong on our side; try again later.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

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
} as const;

export type RejectionCode = keyof typeof REJECTION_REASONS;

// Official DOPA codes for the areas that thai-address-universal's geocode overlay leaves without a
// code, or with a wrong one: the whole of Bueng Kan (province code '97' in the package, no district
// or subdistrict codes) and eighteen subdistricts elsewhere whose rows carry no subdistrict code.
//
// Source: kongvut/thai-province-data, formats-v2/csv/districts.csv and formats-v2/csv/sub_districts.csv
// at commit c73fad1e37b7996cfdfd6707b2ed2de2aeb18c14 (release 3.0.0, 2026-09-29). That release renumbered
// Bueng Kan to the DOPA scheme (districts 3801-3808 in the order they had in Nong Khai, each district's
// namesake tambon at xx01) and added the 2552/2560 Bangkok khwaeng; earlier snapshots of the same
// repository (formats/csv before that release) carry a different, non-DOPA numbering for 3802/3804/3805/
// 3807 and every Bueng Kan tambon, so they must not be used to refresh this file. The province code 38
// is the prefix of the source's district ids (its provinces.csv has internal ids only: Bueng Kan is 77).
// Only rows that match a row of the package by province + district + subdistrict Thai name are here.
//
// The data below is taken from that repository, which is under the MIT licence:
//
//   MIT License
//
//   Copyright (c) 2025 Kongvut Sangkla
//
//   Permission is hereby granted, free of charge, to any person obtaining a copy
//   of this software and associated documentation files (the "Software"), to deal
//   in the Software without restriction, including without limitation the rights
//   to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
//   copies of the Software, and to permit persons to whom the Software is
//   furnished to do so, subject to the following conditions:
//
//   The above copyright notice and this permission notice shall be included in all
//   copies or substantial portions of the Software.
//
//   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
//   IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
//   FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
//   AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
//   LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
//   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
//   SOFTWARE.

export interface SupplementProvince {
  code: string;
  name_th: string;
  name_en: string;
  /** The wrong code the package gives this province; it must never reach the areas table. */
  package_code?: string;
}

export interface SupplementDistrict {
  code: string;
  name_th: string;
  name_en: string;
  parent_code: string;
}

export interface SupplementSubdistrict {
  code: string;
  /** Spelling of the source. */
  name_th: string;
  name_en: string;
  parent_code: string;
  /** The package's spelling, where it differs from the source's (the row is matched, and named, by it). */
  package_name_th?: string;
}

/** Districts that the package already has with their code, named here only to match rows by name. */
export interface KnownDistrict {
  code: string;
  name_th: string;
  province_th: string;
}

export const SUPPLEMENT_PROVINCES: readonly SupplementProvince[] = [{ code: '38', name_th: 'บึงกาฬ', name_en: 'Bueng Kan', package_code: '97' }];

export const SUPPLEMENT_DISTRICTS: readonly SupplementDistrict[] = [
  { code: '3801', name_th: 'เมืองบึงกาฬ', name_en: 'Mueang Bueng Kan', parent_code: '38' },
  { code: '3802', name_th: 'พรเจริญ', name_en: 'Phon Charoen', parent_code: '38' },
  { code: '3803', name_th: 'โซ่พิสัย', name_en: 'So Phisai', parent_code: '38' },
  { code: '3804', name_th: 'เซกา', name_en: 'Seka', parent_code: '38' },
  { code: '3805', name_th: 'ปากคาด', name_en: 'Pak Khat', parent_code: '38' },
  { code: '3806', name_th: 'บึงโขงหลง', name_en: 'Bueng Khong Long', parent_code: '38' },
  { code: '3807', name_th: 'ศรีวิไล', name_en: 'Si Wilai', parent_code: '38' },
  { code: '3808', name_th: 'บุ่งคล้า', name_en: 'Bung Khla', parent_code: '38' },
];

export const KNOWN_DISTRICTS: readonly KnownDistrict[] = [
  { code: '1013', name_th: 'สัมพันธวงศ์', province_th: 'กรุงเทพมหานคร' },
  { code: '1020', name_th: 'บางกอกน้อย', province_th: 'กรุงเทพมหานคร' },
  { code: '1027', name_th: 'บึงกุ่ม', province_th: 'กรุงเทพมหานคร' },
  { code: '1029', name_th: 'บางซื่อ', province_th: 'กรุงเทพมหานคร' },
  { code: '1036', name_th: 'ดอนเมือง', province_th: 'กรุงเทพมหานคร' },
  { code: '1043', name_th: 'คันนายาว', province_th: 'กรุงเทพมหานคร' },
  { code: '1045', name_th: 'วังทองหลาง', province_th: 'กรุงเทพมหานคร' },
  { code: '1506', name_th: 'วิเศษชัยชาญ', province_th: 'อ่างทอง' },
  { code: '4111', name_th: 'บ้านดุง', province_th: 'อุดรธานี' },
  { code: '4501', name_th: 'เมืองร้อยเอ็ด', province_th: 'ร้อยเอ็ด' },
  { code: '4702', name_th: 'กุสุมาลย์', province_th: 'สกลนคร' },
  { code: '5401', name_th: 'เมืองแพร่', province_th: 'แพร่' },
  { code: '6001', name_th: 'เมืองนครสวรรค์', province_th: 'นครสวรรค์' },
  { code: '9103', name_th: 'ควนกาหลง', province_th: 'สตูล' },
];

export const SUPPLEMENT_SUBDISTRICTS: readonly SupplementSubdistrict[] = [
  // Bueng Kan: every tambon (53).
  { code: '380101', name_th: 'บึงกาฬ', name_en: 'Bueng Kan', parent_code: '3801' },
  { code: '380102', name_th: 'โนนสมบูรณ์', name_en: 'Non Sombun', parent_code: '3801' },
  { code: '380103', name_th: 'โนนสว่าง', name_en: 'Non Sawang', parent_code: '3801' },
  { code: '380104', name_th: 'หอคำ', name_en: 'Ho Kham', parent_code: '3801' },
  { code: '380105', name_th: 'หนองเลิง', name_en: 'Nong Loeng', parent_code: '3801' },
  { code: '380106', name_th: 'โคกก่อง', name_en: 'Khok Kong', parent_code: '3801' },
  { code: '380107', name_th: 'นาสวรรค์', name_en: 'Na Sawan', parent_code: '3801' },
  { code: '380108', name_th: 'ไคสี', name_en: 'Khai Si', parent_code: '3801' },
  { code: '380109', name_th: 'ชัยพร', name_en: 'Chaiyaphon', parent_code: '3801' },
  { code: '380110', name_th: 'วิศิษฐ์', name_en: 'Wisit', parent_code: '3801' },
  { code: '380111', name_th: 'คำนาดี', name_en: 'Kham Na Di', parent_code: '3801' },
  { code: '380112', name_th: 'โป่งเปือย', name_en: 'Pong Pueai', parent_code: '3801' },
  { code: '380201', name_th: 'ศรีชมภู', name_en: 'Si Chomphu', parent_code: '3802' },
  { code: '380202', name_th: 'ดอนหญ้านาง', name_en: 'Don Ya Nang', parent_code: '3802' },
  { code: '380203', name_th: 'พรเจริญ', name_en: 'Phon Charoen', parent_code: '3802' },
  { code: '380204', name_th: 'หนองหัวช้าง', name_en: 'Nong Hua Chang', parent_code: '3802' },
  { code: '380205', name_th: 'วังชมภู', name_en: 'Wang Chomphu', parent_code: '3802' },
  { code: '380206', name_th: 'ป่าแฝก', name_en: 'Pa Faek', parent_code: '3802' },
  { code: '380207', name_th: 'ศรีสำราญ', name_en: 'Si Samran', parent_code: '3802' },
  { code: '380301', name_th: 'โซ่', name_en: 'So', parent_code: '3803' },
  { code: '380302', name_th: 'หนองพันทา', name_en: 'Nong Phan Tha', parent_code: '3803' },
  { code: '380303', name_th: 'ศรีชมภู', name_en: 'Si Chomphu', parent_code: '3803' },
  { code: '380304', name_th: 'คำแก้ว', name_en: 'Kham Kaeo', parent_code: '3803' },
  { code: '380305', name_th: 'บัวตูม', name_en: 'Bua Tum', parent_code: '3803' },
  { code: '380306', name_th: 'ถ้ำเจริญ', name_en: 'Tham Charoen', parent_code: '3803' },
  { code: '380307', name_th: 'เหล่าทอง', name_en: 'Lao Thong', parent_code: '3803' },
  { code: '380401', name_th: 'เซกา', name_en: 'Seka', parent_code: '3804' },
  { code: '380402', name_th: 'ซาง', name_en: 'Sang', parent_code: '3804' },
  { code: '380403', name_th: 'ท่ากกแดง', name_en: 'Tha Kok Daeng', parent_code: '3804' },
  { code: '380404', name_th: 'บ้านต้อง', name_en: 'Ban Tong', parent_code: '3804' },
  { code: '380405', name_th: 'ป่งไฮ', name_en: 'Pong Hai', parent_code: '3804' },
  { code: '380406', name_th: 'น้ำจั้น', name_en: 'Nam Chan', parent_code: '3804' },
  { code: '380407', name_th: 'ท่าสะอาด', name_en: 'Tha Sa-at', parent_code: '3804' },
  { code: '380408', name_th: 'หนองทุ่ม', name_en: 'Nong Thum', parent_code: '3804' },
  { code: '380409', name_th: 'โสกก่าม', name_en: 'Sok Kam', parent_code: '3804' },
  { code: '380501', name_th: 'ปากคาด', name_en: 'Pak Khat', parent_code: '3805' },
  { code: '380502', name_th: 'หนองยอง', name_en: 'Nong Yong', parent_code: '3805' },
  { code: '380503', name_th: 'นากั้ง', name_en: 'Na Kang', parent_code: '3805' },
  { code: '380504', name_th: 'โนนศิลา', name_en: 'Non Sila', parent_code: '3805' },
  { code: '380505', name_th: 'สมสนุก', name_en: 'Som Sanuk', parent_code: '3805' },
  { code: '380506', name_th: 'นาดง', name_en: 'Na Dong', parent_code: '3805' },
  { code: '380601', name_th: 'บึงโขงหลง', name_en: 'Bueng Khong Long', parent_code: '3806' },
  { code: '380602', name_th: 'โพธิ์หมากแข้ง', name_en: 'Pho Mak Khaeng', parent_code: '3806' },
  { code: '380603', name_th: 'ดงบัง', name_en: 'Dong Bang', parent_code: '3806' },
  { code: '380604', name_th: 'ท่าดอกคำ', name_en: 'Tha Dok Kham', parent_code: '3806' },
  { code: '380701', name_th: 'ศรีวิไล', name_en: 'Si Wilai', parent_code: '3807' },
  { code: '380702', name_th: 'ชุมภูพร', name_en: 'Chumphu Phon', parent_code: '3807' },
  { code: '380703', name_th: 'นาแสง', name_en: 'Na Saeng', parent_code: '3807' },
  { code: '380704', name_th: 'นาสะแบง', name_en: 'Na Sabaeng', parent_code: '3807' },
  { code: '380705', name_th: 'นาสิงห์', name_en: 'Na Sing', parent_code: '3807' },
  { code: '380801', name_th: 'บุ่งคล้า', name_en: 'Bung Khla', parent_code: '3808' },
  { code: '380802', name_th: 'หนองเดิ่น', name_en: 'Nong Doen', parent_code: '3808' },
  { code: '380803', name_th: 'โคกกว้าง', name_en: 'Khok Kwang', parent_code: '3808' },

  // Bangkok: khwaeng the package lists without a code (11).
  { code: '101301', name_th: 'จักรวรรดิ', name_en: 'Chakkrawat', parent_code: '1013', package_name_th: 'จักรวรรดิ์' },
  { code: '102009', name_th: 'อรุณอมรินทร์', name_en: 'Arun Ammarin', parent_code: '1020', package_name_th: 'อรุณอัมรินทร์' },
  { code: '102704', name_th: 'นวมินทร์', name_en: 'Nawamin', parent_code: '1027' },
  { code: '102705', name_th: 'นวลจันทร์', name_en: 'Nuan Chan', parent_code: '1027' },
  { code: '102902', name_th: 'วงศ์สว่าง', name_en: 'Wong Sawang', parent_code: '1029' },
  { code: '103604', name_th: 'ดอนเมือง', name_en: 'Don Mueang', parent_code: '1036' },
  { code: '103605', name_th: 'สนามบิน', name_en: 'Sanam Bin', parent_code: '1036' },
  { code: '104302', name_th: 'รามอินทรา', name_en: 'Ram Inthra', parent_code: '1043' },
  { code: '104502', name_th: 'สะพานสอง', name_en: 'Saphan Song', parent_code: '1045' },
  { code: '104503', name_th: 'คลองเจ้าคุณสิงห์', name_en: 'Khlong Chao Khun Sing', parent_code: '1045' },
  { code: '104504', name_th: 'พลับพลา', name_en: 'Phlapphla', parent_code: '1045' },

  // Single tambon elsewhere without a code (7).
  { code: '150601', name_th: 'ไผ่จำศิล', name_en: 'Phai Cham Sin', parent_code: '1506', package_name_th: 'ไผ่จำศีล' },
  { code: '411106', name_th: 'บ้านจันทน์', name_en: 'Ban Chan', parent_code: '4111', package_name_th: 'บ้านจันทร์' },
  { code: '450109', name_th: 'ปอภาร', name_en: 'Po Phan', parent_code: '4501' },
  { code: '470204', name_th: 'โพธิไพศาล', name_en: 'Phothi Phaisan', parent_code: '4702', package_name_th: 'โพธิ์ไพศาล' },
  { code: '540113', name_th: 'วังหงส์', name_en: 'Wang Hong', parent_code: '5401', package_name_th: 'วังหงษ์' },
  { code: '600113', name_th: 'วัดไทร', name_en: 'Wat Sai', parent_code: '6001', package_name_th: 'วัดไทรย์' },
  { code: '910303', name_th: 'อุใดเจริญ', name_en: 'Udai Charoen', parent_code: '9103', package_name_th: 'อุไดเจริญ' },
];

export interface SupplementMatch {
  province: { code: string; name_en?: string | undefined };
  district: { code: string; name_en?: string | undefined };
  subdistrict: SupplementSubdistrict;
}

const key = (province: string, district: string, subdistrict: string) => `${province}|${district}|${subdistrict}`;

const index = (() => {
  const provinces = new Map(SUPPLEMENT_PROVINCES.map((p) => [p.code, p]));
  const districts = new Map<string, { code: string; name_th: string; name_en?: string; province: { code: string; name_th: string; name_en?: string } }>();
  for (const d of SUPPLEMENT_DISTRICTS) {
    const p = provinces.get(d.parent_code);
    if (!p) throw new Error(`areas supplement: district ${d.code} has no province ${d.parent_code}`);
    districts.set(d.code, { ...d, province: p });
  }
  for (const d of KNOWN_DISTRICTS) districts.set(d.code, { code: d.code, name_th: d.name_th, province: { code: d.code.slice(0, 2), name_th: d.province_th } });
  const byName = new Map<string, SupplementMatch>();
  for (const s of SUPPLEMENT_SUBDISTRICTS) {
    const d = districts.get(s.parent_code);
    if (!d) throw new Error(`areas supplement: subdistrict ${s.code} has no district ${s.parent_code}`);
    const k = key(d.province.name_th, d.name_th, s.package_name_th ?? s.name_th);
    if (byName.has(k)) throw new Error(`areas supplement: two subdistricts named ${k}`);
    byName.set(k, { province: { code: d.province.code, name_en: d.province.name_en }, district: { code: d.code, name_en: d.name_en }, subdistrict: s });
  }
  return byName;
})();

/** The official codes (and English names) for a package row, found by its province, district and subdistrict Thai names. */
export function findSupplement(provinceTh: string, districtTh: string, subdistrictTh: string): SupplementMatch | undefined {
  return index.get(key(provinceTh, districtTh, subdistrictTh));
}

/** Provinces whose package rows are taken from the supplement only (their package codes are wrong). */
export const SUPPLEMENTED_PROVINCE_NAMES: ReadonlySet<string> = new Set(SUPPLEMENT_PROVINCES.map((p) => p.name_th));

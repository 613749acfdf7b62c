// Principle 1 (DESIGN §1): an indicator rewards a person's own good deed, never reporting on other
// people, and never scores a negative record. A single regex let "Help police identify suspects"
// through; this check works on words instead, in Thai and English, after normalising the text
// (Unicode NFKC, case, zero-width and joiner characters, hyphens and runs of spaces), and Thai
// phrases are matched with every space removed (Thai writes no spaces between words, and "แจ้ง เบาะแส"
// or "แจ้ง\u200Bเบาะแส" must not slip by).
//
// Two levels, on purpose:
// - `principleBreach` REFUSES on write. It fires on words that only ever mean informing (informant,
//   snitch, denounce, แจ้งเบาะแส, ชี้ตัว, สอดส่อง, ผู้ต้องสงสัย…), on a reporting verb aimed at a wrongdoing
//   or suspect ("identify suspects", "report crimes", "ระบุตัวคนร้าย"), on reporting aimed at people
//   ("report neighbours", "รายงานพฤติกรรม", "report to the police"), and on negative records (fines, debts).
// - `surveillanceMentions` only FLAGS, for the committee's review: it is much wider (police, monitor,
//   watch, เฝ้าระวัง, ตำรวจ, รายงาน…), because many good deeds use those words.
//
// The trade-off: reporting *is* a good deed in many indicators ("รายงานผลการเรียน", "report on the village
// clean-up", "แจ้งข่าวสารให้ชาวบ้าน", "inform people about dengue", "เฝ้าระวังไข้เลือดออก", "identify bird
// species"), so a verb alone never refuses; only a verb aimed at people or wrongdoing does. A few honest
// phrasings are refused with it ("report illegal dumping" reports an offence, so it is refused: an
// environmental indicator can reward the clean-up instead), and some informing written in unusual words
// will still pass the words — that is what the committee's review and its flag are for. Nothing is
// approved without the committee, and the flag tells it which words to look at.

/** Zero-width spaces and joiners, the word joiner, soft hyphen, BOM, and bidi marks. */
const INVISIBLE = /\u034F|[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/gu;

/** Text as the check reads it: NFKC, lower case, no invisible characters, hyphens and punctuation as spaces. */
export function normaliseForCheck(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

const THAI = /[\u0E00-\u0E7F]/u;

/** English words (Latin letters only), in order. */
function wordsOf(normalised: string): string[] {
  return normalised.split(' ').flatMap((w) => w.split(/[^a-z]+/u).filter((p) => p.length > 0));
}

/** Thai text with every space removed (Latin kept, so mixed text still lines up). */
function thaiRun(normalised: string): string {
  return normalised.replace(/\s+/gu, '');
}

// A pattern matches one word; `*` at the end matches any ending ("denounc*" → denounce, denouncing).
type WordPattern = string;

function matchesWord(word: string, pattern: WordPattern): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;
}

/** Where the phrase (space-separated patterns) starts in `words`, every start. */
function phraseStarts(words: readonly string[], phrase: string): number[] {
  const parts = phrase.split(' ');
  const out: number[] = [];
  for (let i = 0; i + parts.length <= words.length; i++) if (parts.every((p, j) => matchesWord(words[i + j]!, p))) out.push(i);
  return out;
}

// Words that only ever mean informing on people, or a negative record.
const EN_ALONE: readonly string[] = [
  'informant*',
  'informer*',
  'snitch*',
  'denounc*',
  'denunciat*',
  'spy',
  'spies',
  'spying',
  'surveil*',
  'tip off',
  'tip offs',
  'tipping off',
  'tipoff',
  'tipoffs',
  'whistleblow*',
  'whistle blow*',
  'stool pigeon*',
  'rat on',
  'rat out',
  'rats on',
  'ratting',
  'name and shame',
  'bounty',
  'bounties',
  'wanted person*',
  'most wanted',
  'keep tabs on',
  'blacklist*',
  'black list*',
  'criminal record*',
  'fines',
  'pay a fine',
  'paying a fine',
  'debt',
  'debts',
  'arrears',
  'penalty',
  'penalties',
];

// Verbs of reporting, identifying or exposing; aimed at a wrongdoing they refuse.
const EN_VERBS: readonly string[] = [
  'report*',
  'identif*',
  'inform',
  'informs',
  'informed',
  'informing',
  'notif*',
  'expos*',
  'denounc*',
  'tell',
  'tells',
  'telling',
  'told',
  'name',
  'names',
  'naming',
  'point out',
  'points out',
  'pointing out',
  'turn in',
  'turning in',
  'hand over',
  'accus*',
  'flag',
  'flags',
  'flagging',
  'catch',
  'catching',
  'arrest*',
  'track down',
  'hunt down',
  'find',
  'finding',
  'locate*',
  'spot',
  'spotting',
];

// Wrongdoing and the people suspected of it: a reporting verb aimed at these refuses.
const EN_WRONGDOING: readonly string[] = [
  'suspect',
  'suspects',
  'suspected',
  'suspicious',
  'criminal*',
  'offender*',
  'culprit*',
  'wrongdo*',
  'perpetrator*',
  'thief',
  'thieves',
  'dealer*',
  'pusher*',
  'trafficker*',
  'lawbreak*',
  'crime',
  'crimes',
  'offence*',
  'offense*',
  'violation*',
  'violator*',
  'illegal*',
  'illicit',
  'misconduct',
  'dissident*',
  'protester*',
  'protestor*',
  'undocumented',
  'fugitive*',
  'cheat*',
  'evader*',
  'evasion',
];

// Other people: reporting ON them (or to the police) refuses; informing or telling them does not.
const EN_PEOPLE: readonly string[] = [
  'neighbour*',
  'neighbor*',
  'others',
  'other people',
  'other person*',
  'someone',
  'somebody',
  'anyone',
  'anybody',
  'people',
  'person',
  'persons',
  'individual*',
  'resident*',
  'villager*',
  'classmate*',
  'colleague*',
  'coworker*',
  'co worker*',
  'stranger*',
  'migrant*',
  'foreigner*',
  'citizen*',
  'behaviour*',
  'behavior*',
  'conduct',
  'whereabouts',
];

const EN_REPORT_ON_PEOPLE_VERBS: readonly string[] = ['report*', 'denounc*', 'expos*', 'accus*', 'name', 'names', 'naming', 'turn in', 'turning in', 'hand over'];
// "inform on X", "tell on X", "spy on X": the preposition turns an ordinary verb into informing.
const EN_ON_PHRASES: readonly string[] = ['inform on', 'inform against', 'informing on', 'informed on', 'tell on', 'telling on', 'told on', 'tattle*', 'squeal*'];
const EN_AUTHORITIES: readonly string[] = ['police*', 'authorit*', 'officials', 'law enforcement', 'the state', 'government'];

// Thai: words that only ever mean informing, surveillance of people, or a negative record.
const TH_ALONE: readonly string[] = [
  'แจ้งเบาะแส',
  'ให้เบาะแส',
  'ชี้เบาะแส',
  'เบาะแส',
  'ชี้ตัว',
  'ชี้เป้า',
  'ชี้ตัวผู้',
  'สอดส่อง',
  'สอดแนม',
  'สายลับ',
  'สายสืบ',
  'ผู้ต้องสงสัย',
  'บุคคลต้องสงสัย',
  'คนต้องสงสัย',
  'รายงานพฤติกรรม',
  'รายงานการกระทำผิด',
  'รายงานความประพฤติ',
  'แจ้งความนำจับ',
  'นำจับ',
  'จับตาดู',
  'จับตามอง',
  'ประจาน',
  'ฟ้องร้องเพื่อนบ้าน',
  'ร้องเรียนเพื่อนบ้าน',
  'เปิดโปง',
  'ค่าปรับ',
  'หนี้ค้าง',
  'ประวัติอาชญากรรม',
  'บัญชีดำ',
];
const TH_VERBS: readonly string[] = ['รายงาน', 'แจ้ง', 'ชี้', 'ระบุตัว', 'ระบุ', 'บอก', 'ร้องเรียน', 'ฟ้อง', 'ส่งตัว', 'จับกุม', 'จับ', 'ตามหา', 'ตามล่า', 'ช่วยตำรวจ'];
const TH_WRONGDOING: readonly string[] = [
  'ผู้กระทำผิด',
  'การกระทำผิด',
  'กระทำความผิด',
  'คนผิด',
  'คนร้าย',
  'ผู้ร้าย',
  'ผู้ต้องหา',
  'อาชญากร',
  'โจร',
  'ขโมย',
  'ผู้ค้ายา',
  'ผู้เสพ',
  'ค้ายา',
  'ผิดกฎหมาย',
  'ลักลอบ',
  'เถื่อน',
  'หลบหนี',
  'ผู้ชุมนุม',
  'ผู้เห็นต่าง',
];
// Reporting ON people; "แจ้ง…ชาวบ้าน" (telling villagers) is ordinary, so only these verbs count here.
const TH_REPORT_ON_PEOPLE_VERBS: readonly string[] = ['รายงาน', 'ร้องเรียน', 'ฟ้อง'];
const TH_PEOPLE: readonly string[] = ['เพื่อนบ้าน', 'ผู้อื่น', 'คนอื่น', 'บุคคลอื่น', 'คนแปลกหน้า', 'ต่างด้าว', 'พฤติกรรม', 'ความเคลื่อนไหว', 'ความประพฤติ'];
const TH_AUTHORITIES: readonly string[] = ['ตำรวจ', 'เจ้าหน้าที่รัฐ', 'ทางการ'];

/** How far (in words, or in Thai characters) a verb may stand from what it is aimed at. */
const EN_WINDOW = 6;
const TH_WINDOW = 24;

export interface PrincipleBreach {
  /** The words that made the text refused, as normalised. */
  terms: string[];
}

function firstAfter(words: readonly string[], at: number, length: number, targets: readonly string[], window: number): string | undefined {
  for (const t of targets)
    for (const start of phraseStarts(words, t)) if (start >= at + length && start <= at + length + window) return words.slice(start, start + t.split(' ').length).join(' ');
  return undefined;
}

function englishBreach(words: readonly string[]): string[] {
  const found: string[] = [];
  const phrase = (p: string) => p.split(' ').length;
  for (const p of EN_ALONE) for (const i of phraseStarts(words, p)) found.push(words.slice(i, i + phrase(p)).join(' '));
  for (const v of EN_VERBS)
    for (const i of phraseStarts(words, v)) {
      const target = firstAfter(words, i, phrase(v), EN_WRONGDOING, EN_WINDOW);
      if (target) found.push(`${words.slice(i, i + phrase(v)).join(' ')} … ${target}`);
    }
  // "suspects identified", "crimes reported": the wrongdoing first, then the verb right after.
  for (const t of EN_WRONGDOING)
    for (const i of phraseStarts(words, t)) {
      const verb = firstAfter(words, i, phrase(t), ['report*', 'identif*', 'denounc*', 'expos*'], 2);
      if (verb) found.push(`${words[i]} … ${verb}`);
    }
  for (const v of EN_REPORT_ON_PEOPLE_VERBS)
    for (const i of phraseStarts(words, v)) {
      // "report on the village clean-up" names no one; "report (on) neighbours" does.
      const target =
        firstAfter(words, i, phrase(v), EN_PEOPLE, 3) ?? firstAfter(words, i, phrase(v), EN_AUTHORITIES.map((a) => `to ${a}`).concat(EN_AUTHORITIES.map((a) => `to the ${a}`)), 1);
      if (target) found.push(`${words.slice(i, i + phrase(v)).join(' ')} … ${target}`);
    }
  for (const p of EN_ON_PHRASES) for (const i of phraseStarts(words, p)) found.push(words.slice(i, i + phrase(p)).join(' '));
  // "help police identify …" / "assist the authorities to find …": helping the police against people.
  for (const a of EN_AUTHORITIES)
    for (const i of phraseStarts(words, a)) {
      const target = firstAfter(words, i, phrase(a), EN_WRONGDOING, EN_WINDOW);
      if (target) found.push(`${words.slice(i, i + phrase(a)).join(' ')} … ${target}`);
    }
  return found;
}

/** Every occurrence of `needle` in `hay`. */
function indexesOf(hay: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Thai patterns read as the text is (NFKC writes ำ as ํ + า, for one). */
const th = (xs: readonly string[]): string[] => xs.map((x) => thaiRun(normaliseForCheck(x)));
const TH = {
  alone: th(TH_ALONE),
  verbs: th(TH_VERBS),
  wrongdoing: th(TH_WRONGDOING),
  reportOnPeople: th(TH_REPORT_ON_PEOPLE_VERBS),
  people: th(TH_PEOPLE),
  authorities: th(TH_AUTHORITIES),
};

function thaiBreach(run: string): string[] {
  const found: string[] = [];
  for (const w of TH.alone) if (run.includes(w)) found.push(w);
  const near = (verbs: readonly string[], targets: readonly string[], window: number) => {
    for (const v of verbs)
      for (const i of indexesOf(run, v)) {
        const after = run.slice(i + v.length, i + v.length + window);
        const t = targets.find((x) => after.includes(x));
        if (t) found.push(`${v}…${t}`);
      }
  };
  near(TH.verbs, TH.wrongdoing, TH_WINDOW);
  near(TH.reportOnPeople, TH.people, 8);
  near(TH.authorities, TH.wrongdoing, TH_WINDOW);
  near(TH.reportOnPeople, th(TH_AUTHORITIES.map((a) => `ต่อ${a}`).concat(TH_AUTHORITIES.map((a) => `ให้${a}`))), 2);
  return found;
}

/** Why `text` may not be an indicator: it rewards reporting on others or scores a negative record; undefined if it may. */
export function principleBreach(text: string): PrincipleBreach | undefined {
  const n = normaliseForCheck(text);
  const terms = [...new Set([...englishBreach(wordsOf(n)), ...(THAI.test(n) ? thaiBreach(thaiRun(n)) : [])])];
  return terms.length > 0 ? { terms } : undefined;
}

// Wider than the refusal on purpose: a flag only asks the committee to look.
const EN_WATCH: readonly string[] = [
  ...EN_VERBS,
  ...EN_WRONGDOING,
  ...EN_AUTHORITIES,
  'monitor*',
  'watch*',
  'track*',
  'observ*',
  'patrol*',
  'record of',
  'information about',
  'details of',
  'tip',
  'tips',
  'evidence',
  'complain*',
  'vigilan*',
  'security',
];
const TH_WATCH_WORDS: readonly string[] = [
  ...TH_ALONE,
  ...TH_WRONGDOING,
  ...TH_AUTHORITIES,
  ...TH_PEOPLE,
  'รายงาน',
  'แจ้ง',
  'ระบุตัว',
  'ร้องเรียน',
  'เฝ้าระวัง',
  'เฝ้าดู',
  'ติดตาม',
  'ตรวจตรา',
  'ลาดตระเวน',
  'ข้อมูลบุคคล',
  'พิรุธ',
];
const TH_WATCH = th(TH_WATCH_WORDS);

/** Words that might be about watching or reporting on people, for the committee to judge (empty: none). */
export function surveillanceMentions(texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    const n = normaliseForCheck(text);
    const words = wordsOf(n);
    for (const p of EN_WATCH) for (const i of phraseStarts(words, p)) terms.add(words.slice(i, i + p.split(' ').length).join(' '));
    if (THAI.test(n)) {
      const run = thaiRun(n);
      for (const w of TH_WATCH) if (run.includes(w)) terms.add(w);
    }
    for (const t of principleBreach(text)?.terms ?? []) terms.add(t);
  }
  return [...terms];
}

// What the committee should look at twice before approving a privilege. A privilege that grants or
// withholds a basic right is refused on write (core/privileges: validatePrivilege); one that merely
// mentions healthcare, education, travel or state welfare passes, and a person must judge whether it
// is an extra (a pharmacy discount) or access to the right itself (a hospital queue). These are the
// mentions, with the words found, so the reviewer sees exactly why it is flagged.
import type { IndicatorDefinition } from './catalogue.js';
import { surveillanceMentions } from './positive-only.js';
import type { PrivilegeDefinition } from './privileges.js';

export const BASIC_RIGHT_AREAS = ['health', 'education', 'travel', 'welfare'] as const;
export type BasicRightArea = (typeof BASIC_RIGHT_AREAS)[number];

/** Words near a basic right: wider than the refusal list on purpose, since a flag only asks for a look. */
const MENTIONS: Record<BasicRightArea, RegExp> = {
  health:
    /\b(health\w*|medic\w*|hospital\w*|clinic\w*|pharmac\w*|doctor\w*|dental|dentist\w*|vaccin\w*|treatment\w*)\b|สุขภาพ|โรงพยาบาล|คลินิก|แพทย์|ทันตกรรม|วัคซีน|ร้านยา|เวชภัณฑ์|รักษาพยาบาล/giu,
  education: /\b(school\w*|universit\w*|tuition|scholarship\w*|education\w*|student\w*|admission\w*)\b|โรงเรียน|มหาวิทยาลัย|การศึกษา|ค่าเล่าเรียน|นักเรียน|นักศึกษา|เข้าเรียน/giu,
  travel: /\b(travel\w*|transport\w*|bus|buses|trains?|railway\w*|flight\w*|airport\w*|passport\w*|visa\w*)\b|เดินทาง|รถไฟ|รถโดยสาร|รถเมล์|เครื่องบิน|หนังสือเดินทาง|วีซ่า/giu,
  welfare: /\b(welfare|pension\w*|allowance\w*|subsid\w*|social security|state benefit\w*|insurance)\b|สวัสดิการ|เบี้ยยังชีพ|บำนาญ|ประกันสังคม|เงินอุดหนุน/giu,
};

export interface BasicRightMention {
  area: BasicRightArea;
  /** The words found, as written (lower case for English), each once. */
  terms: string[];
}

/**
 * Mentions of a basic-right area in a privilege's name and description, Thai and English ("training"
 * is a privilege category of its own, not a train).
 */
export function basicRightMentions(p: Pick<PrivilegeDefinition, 'name' | 'description'>): BasicRightMention[] {
  const text = [p.name.th, p.name.en, p.description?.th ?? '', p.description?.en ?? ''].join('\n');
  const out: BasicRightMention[] = [];
  for (const area of BASIC_RIGHT_AREAS) {
    const terms = new Set<string>();
    for (const m of text.matchAll(MENTIONS[area])) {
      terms.add(m[0].toLowerCase());
    }
    if (terms.size) out.push({ area, terms: [...terms] });
  }
  return out;
}

/**
 * Words in an indicator's name and description that might be about watching or reporting on other
 * people (police, monitor, เฝ้าระวัง, รายงาน…), for the committee to judge. Refusal on write
 * (core/positive-only: principleBreach) takes the clear cases; this flag is wider on purpose, since
 * a flag only asks for a look: "เฝ้าระวังไข้เลือดออก" is a health volunteer's good deed, and the
 * committee is who tells it from watching the neighbours.
 */
export function reportingMentions(def: Pick<IndicatorDefinition, 'name' | 'description'>): string[] {
  return surveillanceMentions([def.name.th, def.name.en, def.description?.th ?? '', def.description?.en ?? '']);
}

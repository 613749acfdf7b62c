// A rule's values in words, for the side-by-side comparison and the catalogue history.
import type { TFunction } from 'i18next';
import type { Lang } from '../../i18n';
import { formatNumber } from '../../lib/format';
import type { Rule } from './api';

/** A count with its plural form and the number as people read it. */
export const counted = (t: TFunction, key: string, count: number, lang: Lang) => t(key, { count, n: formatNumber(count, lang) });

export const pointsPerUnit = (t: TFunction, r: Pick<Rule, 'points' | 'unit'>, lang: Lang) =>
  t('value.pointsPer', { points: formatNumber(r.points, lang), unit: t(`unit.${r.unit}`) });

/** The rows of a comparison: the key `changes` names it by, its label key, and its value in words. */
export const RULE_ROWS: Array<{ change: string; label: string; text: (t: TFunction, r: Rule, lang: Lang, c: TFunction) => string }> = [
  { change: 'points', label: 'field.points', text: (t, r, lang) => pointsPerUnit(t, r, lang) },
  {
    change: 'caps.maxPerYear',
    label: 'field.capsMaxPerYear',
    text: (t, r, lang) => (r.caps.maxPerYear ? counted(t, 'value.times', r.caps.maxPerYear, lang) : t('value.unlimited')),
  },
  {
    change: 'caps.minIntervalDays',
    label: 'field.capsMinIntervalDays',
    text: (t, r, lang) => (r.caps.minIntervalDays ? counted(t, 'value.days', r.caps.minIntervalDays, lang) : t('value.notSet')),
  },
  { change: 'caps.oncePerLifetime', label: 'field.capsOncePerLifetime', text: (t, r) => t(r.caps.oncePerLifetime ? 'value.yes' : 'value.no') },
  {
    change: 'caps.maxPointsPerYear',
    label: 'field.capsMaxPointsPerYear',
    text: (t, r, lang) => (r.caps.maxPointsPerYear ? counted(t, 'value.pointsN', r.caps.maxPointsPerYear, lang) : t('value.unlimited')),
  },
  { change: 'certification', label: 'field.certification', text: (t, r) => t(`certification.${r.certification}`) },
  { change: 'evidence', label: 'field.evidence', text: (t, r) => t(`evidence.${r.evidence}`) },
  { change: 'sensitive', label: 'field.sensitive', text: (t, r) => (r.sensitive ? t(`sensitive.${r.sensitive}`) : t('value.none')) },
  { change: 'domain', label: 'field.domain', text: (_t, r, _lang, c) => c(`domains.${r.domain}`) },
  { change: 'accountKinds', label: 'field.accountKinds', text: (t, r) => r.accountKinds.map((k) => t(`accountKind.${k}`)).join(', ') },
  { change: 'selfDeclarable', label: 'field.selfDeclarable', text: (t, r) => t(r.selfDeclarable ? 'value.yes' : 'value.no') },
];

/** Changed fields the table does not show, named in words ("also changed: name, SDG goals"). */
export function otherChanges(t: TFunction, changes: readonly string[]): string[] {
  const shown = new Set(RULE_ROWS.map((r) => r.change).concat('unit'));
  return changes.filter((c) => !shown.has(c)).map((c) => t(`field.${c}`));
}

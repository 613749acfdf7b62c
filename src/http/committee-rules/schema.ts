import { z } from 'zod';
import { MAX_YEAR_GRACE_DAYS, type GroupView, type RuleSettings } from '../../services/rules.js';
import { actorView, localisedText } from '../common.js';

export const ruleSettingsView = z.object({
  yearGraceDays: z
    .number()
    .int()
    .describe('Days after 31 December (Asia/Bangkok) during which a year still takes new credits; after that the year is closed (year_closed). Default 60'),
  updatedAt: z.string().nullable().describe('When the committee last set it; null: the default'),
  updatedBy: actorView.nullable(),
});

export const ruleSettingsBody = z
  .object({
    yearGraceDays: z.number().int().min(0).max(MAX_YEAR_GRACE_DAYS).describe(`0–${MAX_YEAR_GRACE_DAYS} days after 31 December`),
  })
  .strict();

export type RuleSettingsBody = z.infer<typeof ruleSettingsBody>;

export const groupCode = z
  .string()
  .regex(/^[a-z0-9.-]+$/)
  .max(80)
  .describe('Equivalence group, e.g. blood-donation');

export const groupParams = z.object({ group: groupCode, agency: z.string().min(1).max(64).describe('Agency code') }).strict();

export const groupView = z.object({
  group: z.string(),
  agencies: z
    .array(z.object({ code: z.string(), name: localisedText.nullable(), assignedAt: z.string(), assignedBy: actorView.nullable().describe('null for the seed assignments') }))
    .describe('Agencies whose indicators may join the group'),
  indicators: z.array(z.string()).describe('Indicators in force that use the group'),
});

export const groupList = z.object({ items: z.array(groupView) });
export const groupChange = z.object({ group: groupView, changed: z.boolean().describe('false: it already was (un)assigned, nothing changed') });

export const presentSettings = (s: RuleSettings): z.infer<typeof ruleSettingsView> => s;
export const presentGroup = (g: GroupView): z.infer<typeof groupView> => g;

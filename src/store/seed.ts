// First-start data: the Thai area hierarchy, the seed agencies and the seed catalogue. Idempotent.
import type { Kysely } from 'kysely';
import { validateIndicator } from '../core/catalogue.js';
import { SEED_AGENCIES } from '../core/seed/agencies.js';
import { SEED_INDICATORS } from '../core/seed/indicators.js';
import type { Database } from './schema.js';
import { areasRepo } from './repos/areas.js';
import { agenciesRepo } from './repos/agencies.js';
import { catalogueRepo } from './repos/catalogue.js';
import { loadThaiAreas } from './areas-dataset.js';
import { SEED_PRIVILEGES } from '../core/seed/privileges.js';
import { validatePrivilege } from '../core/privileges.js';
import { privilegesRepo } from './repos/privileges.js';

/** The seed catalogue is the starting frame, in force from before the platform's first deed. */
export const SEED_EFFECTIVE_FROM = '2020-01-01T00:00:00.000Z';

export async function seedReferenceData(db: Kysely<Database>, now: Date): Promise<void> {
  if ((await areasRepo.count(db)) === 0) {
    const areas = await loadThaiAreas();
    await db.transaction().execute((trx) => areasRepo.insertMany(trx, areas));
  }
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // Inserted when missing (ON CONFLICT DO NOTHING), so a seed agency added later reaches existing databases.
    for (const a of SEED_AGENCIES) {
      await agenciesRepo.insert(trx, {
        code: a.code,
        name_th: a.name.th,
        name_en: a.name.en,
        roles: JSON.stringify(a.roles),
        indicator_scopes: JSON.stringify(a.indicatorScopes),
        area_scopes: JSON.stringify(a.areaScopes),
        created_at: at,
      });
    }
    for (const input of SEED_INDICATORS) {
      if (await catalogueRepo.findIndicator(trx, input.code)) continue;
      const r = validateIndicator(input);
      if (!r.ok) throw new Error(`seed indicator ${input.code} is invalid: ${JSON.stringify(r.issues)}`);
      const def = r.value;
      await catalogueRepo.insertIndicator(trx, {
        code: def.code,
        owner_kind: def.owner.kind,
        owner_agency: def.owner.kind === 'national' ? null : def.owner.agency,
        created_at: at,
      });
      // The seed catalogue is the committee's starting frame: approved, with no recorded proposer.
      await catalogueRepo.insertVersion(trx, {
        code: def.code,
        version: 1,
        effective_from: SEED_EFFECTIVE_FROM,
        requested_effective_from: SEED_EFFECTIVE_FROM,
        definition: JSON.stringify(def),
        created_at: at,
        status: 'approved',
        proposed_by: null,
        decided_by: null,
        decided_at: null,
        refusal_reason: null,
      });
    }
    for (const input of SEED_PRIVILEGES) {
      if (await privilegesRepo.find(trx, input.code)) continue;
      const r = validatePrivilege(input);
      if (!r.ok) throw new Error(`seed privilege ${input.code} is invalid: ${JSON.stringify(r.issues)}`);
      const def = r.value;
      await privilegesRepo.insert(trx, {
        code: def.code,
        partner_code: def.partner,
        kind: def.kind,
        definition: JSON.stringify(def),
        status: 'approved',
        stock_total: def.stock ?? null,
        stock_used: 0,
        created_at: at,
        approved_at: at,
        proposed_by: null,
        decided_by: null,
        decided_at: at,
        refusal_reason: null,
      });
    }
  });
}

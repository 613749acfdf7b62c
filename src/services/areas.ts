import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import type { Database } from '../store/schema.js';
import { areasRepo, type AreaRow } from '../store/repos/areas.js';

export interface AreaView {
  code: string;
  level: AreaRow['level'];
  parentCode: string | null;
  name: { th: string; en: string };
  settlement: AreaRow['settlement'];
}

export const presentArea = (r: AreaRow): AreaView => ({
  code: r.code,
  level: r.level,
  parentCode: r.parent_code,
  name: { th: r.name_th, en: r.name_en },
  settlement: r.settlement,
});

export interface AreaService {
  search(q: { text?: string | undefined; level?: AreaRow['level'] | undefined; parent?: string | undefined; limit: number }): Promise<AreaView[]>;
  get(code: string): Promise<AreaView & { path: AreaView[] }>;
}

export function createAreaService(deps: { db: Kysely<Database> }): AreaService {
  const { db } = deps;
  return {
    async search(q) {
      return (await areasRepo.search(db, q)).map(presentArea);
    },
    async get(code) {
      const row = await areasRepo.findByCode(db, code);
      if (!row) throw new AppError('area_not_found', { areaCode: code });
      const path: AreaView[] = [];
      let parent = row.parent_code;
      while (parent) {
        const p = await areasRepo.findByCode(db, parent);
        if (!p) break;
        path.unshift(presentArea(p));
        parent = p.parent_code;
      }
      return { ...presentArea(row), path };
    },
  };
}

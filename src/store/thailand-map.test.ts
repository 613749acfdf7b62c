// The shipped province map (web/public/maps) matches the areas data: the same 77 DOPA codes.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadThaiAreas } from './areas-dataset.js';

const file = new URL('../../web/public/maps/thailand-provinces.topo.json', import.meta.url);

interface Geometry {
  type: string;
  id: string;
  arcs: unknown;
  properties: { code: string; name_th: string; name_en: string };
}

describe('web/public/maps/thailand-provinces.topo.json', () => {
  const topo = JSON.parse(readFileSync(file, 'utf8'));
  const geometries: Geometry[] = topo.objects.provinces.geometries;

  it('has exactly 77 features whose codes are the 77 province codes of the areas data, with their names', async () => {
    const provinces = (await loadThaiAreas()).filter((a) => a.level === 'province');
    expect(provinces).toHaveLength(77);
    expect(geometries).toHaveLength(77);
    expect(geometries.map((g) => g.id)).toEqual(provinces.map((p) => p.code));
    expect(geometries.map((g) => g.properties.code)).toEqual(provinces.map((p) => p.code));
    for (const g of geometries) {
      const p = provinces.find((x) => x.code === g.id)!;
      expect(g.properties).toEqual({ code: p.code, name_th: p.name_th, name_en: p.name_en });
    }
    expect(geometries.find((g) => g.id === '38')!.properties.name_en).toBe('Bueng Kan');
  });

  it('is a quantised topology whose every province has a shape made of existing arcs', () => {
    expect(topo.type).toBe('Topology');
    expect(topo.transform.scale).toHaveLength(2);
    const arcs: number[][][] = topo.arcs;
    for (const g of geometries) {
      expect(['Polygon', 'MultiPolygon'], g.id).toContain(g.type);
      const refs = (g.arcs as unknown[]).flat(2) as number[];
      expect(refs.length, g.id).toBeGreaterThan(0);
      for (const i of refs) expect(arcs[i < 0 ? ~i : i], `${g.id} arc ${i}`).toBeDefined();
    }
    // Quantised and delta-encoded: integer coordinates only.
    for (const arc of arcs) for (const point of arc) expect(point.every(Number.isInteger)).toBe(true);
  });

  it('stays small enough to ship to a phone, and says where it comes from', () => {
    expect(statSync(file).size).toBeLessThanOrEqual(200_000);
    const readme = readFileSync(new URL('../../web/public/maps/README.md', import.meta.url), 'utf8');
    expect(readme).toContain('Natural Earth');
    expect(readme).toContain('public domain');
  });
});

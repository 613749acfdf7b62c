// The map of the 77 provinces, coloured by people taking part (one hue, darker for more), withheld
// provinces hatched. Loaded only when the statistics screen opens (d3-geo, topojson-client and the
// shipped TopoJSON), drawn once as SVG paths. Every province is a link to its row of the table (the
// full text alternative), focusable and named with its figure.
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

interface ProvinceProps {
  code: string;
  name_th: string;
  name_en: string;
}

export interface MapProvince {
  code: string;
  /** What the province says to a reader: "เชียงใหม่: 16 คน". */
  label: string;
  /** 'withheld', 'zero' or the colour class 0..n. */
  fill: 'withheld' | 'zero' | number;
}

const WIDTH = 320;
const MAP_URL = '/maps/thailand-provinces.topo.json';

type Shape = { code: string; d: string };

async function loadShapes(): Promise<{ shapes: Shape[]; height: number }> {
  const res = await fetch(MAP_URL);
  if (!res.ok) throw new Error(`map: ${res.status}`);
  const topo = (await res.json()) as Topology<{ provinces: GeometryCollection<ProvinceProps> }>;
  const all = feature(topo, topo.objects.provinces);
  // d3-geo is spherical: a ring wound the other way (RFC 7946 winds exteriors anticlockwise) is
  // read as the whole globe outside the province. Such a feature is wound back.
  for (const f of all.features) if (geoArea(f) > 2 * Math.PI) rewind(f.geometry);
  // Fit the width first to learn the height Thailand takes at that width, then fit inside a 1 px margin.
  const [, [, bottom]] = geoPath(geoMercator().fitWidth(WIDTH, all)).bounds(all);
  const height = Math.ceil(bottom) + 2;
  const path = geoPath(
    geoMercator().fitExtent(
      [
        [1, 1],
        [WIDTH - 1, height - 1],
      ],
      all,
    ),
  );
  return { shapes: all.features.map((f) => ({ code: f.properties.code, d: path(f) ?? '' })), height };
}

function rewind(g: GeoJSON.Geometry): void {
  if (g.type === 'Polygon') for (const ring of g.coordinates) ring.reverse();
  else if (g.type === 'MultiPolygon') for (const polygon of g.coordinates) for (const ring of polygon) ring.reverse();
}

export default function ProvinceMap(props: {
  id: string;
  label: string;
  loadingText: string;
  provinces: MapProvince[];
  onFailed: () => void;
  onFocus: (code: string | undefined) => void;
}) {
  const { id, label, loadingText, provinces, onFailed, onFocus } = props;
  const [data, setData] = useState<{ shapes: Shape[]; height: number } | undefined>(undefined);
  const [active, setActive] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadShapes().then(
      (d) => live && setData(d),
      () => live && onFailed(),
    );
    return () => {
      live = false;
    };
  }, []);
  const byCode = useMemo(() => new Map(provinces.map((p) => [p.code, p])), [provinces]);
  if (!data)
    return (
      <p class="loading" role="status">
        {loadingText}
      </p>
    );
  const activeShape = data.shapes.find((s) => s.code === active);
  const show = (code: string | undefined) => {
    setActive(code);
    onFocus(code);
  };
  return (
    <figure class="map-figure">
      <svg id={id} class="province-map" viewBox={`0 0 ${WIDTH} ${data.height}`}>
        <title>{label}</title>
        {data.shapes.map((s) => {
          const p = byCode.get(s.code);
          return (
            <a
              key={s.code}
              href={`#province-${s.code}`}
              aria-label={p?.label}
              data-code={s.code}
              onFocus={() => show(s.code)}
              onBlur={() => show(undefined)}
              onMouseEnter={() => show(s.code)}
              onMouseLeave={() => show(undefined)}
            >
              <title>{p?.label}</title>
              <path d={s.d} class={`province fill-${p?.fill ?? 'zero'}`} />
            </a>
          );
        })}
        {activeShape ? <path class="province-active" d={activeShape.d} /> : null}
      </svg>
    </figure>
  );
}

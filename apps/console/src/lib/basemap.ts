import countries from 'i18n-iso-countries';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlasUrl from 'world-atlas/countries-110m.json?url';

/**
 * A country of the basemap: its ISO alpha-2 code (when it has one), where its name goes, and the
 * area of its largest part in square degrees (which names are worth showing at which zoom).
 */
export interface BasemapCountry {
  code: string | null;
  label: [number, number];
  area: number;
}

export interface Basemap {
  shapes: FeatureCollection<Polygon | MultiPolygon>;
  countries: BasemapCountry[];
}

/** The centroid of a ring (shoelace formula), for placing a country's name inside it. */
function ringCentroid(ring: Position[]): { point: [number, number]; area: number } {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let index = 0; index < ring.length - 1; index += 1) {
    const [x0, y0] = ring[index];
    const [x1, y1] = ring[index + 1];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  area /= 2;
  return area === 0
    ? { point: [ring[0][0], ring[0][1]], area: 0 }
    : { point: [x / (6 * area), y / (6 * area)], area: Math.abs(area) };
}

/** The centroid and area of a country's largest part (France's name goes on France, not Guiana). */
function labelPoint(shape: Feature<Polygon | MultiPolygon>): { point: [number, number]; area: number } {
  const polygons = shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
  return polygons.map((polygon) => ringCentroid(polygon[0])).sort((a, b) => b.area - a.area)[0];
}

/**
 * The world from Natural Earth (world-atlas, 1:110m), shipped with the console: no tile server and
 * no internet. Countries carry their ISO numeric id, which i18n-iso-countries turns into alpha-2.
 * Shared by the field map (features/map) and the networks' route map (features/networks).
 */
export async function loadBasemap(): Promise<Basemap> {
  const topology = (await (await fetch(atlasUrl)).json()) as Topology<{ countries: GeometryCollection }>;
  const shapes = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
  return {
    shapes,
    countries: shapes.features.map((shape) => {
      const { point, area } = labelPoint(shape);
      return {
        code: shape.id != null ? (countries.numericToAlpha2(String(shape.id)) ?? null) : null,
        label: point,
        area,
      };
    }),
  };
}

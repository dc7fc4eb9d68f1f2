import { Alert, Box } from '@mantine/core';
import type { Feature, FeatureCollection, Point } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MapLibreMap, Marker } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { countryName } from '../../../lib/countries';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { Lead, Target } from '../api/map-data';
import { loadBasemap, type Basemap } from '../../../lib/basemap';
import { GRADING_COLOURS, type SourceCode } from '../grading-colours';
import './lead-map.css';

// The worker is a file of the console's own (never a blob: URL), as the Content-Security-Policy wants.
maplibregl.setWorkerUrl(workerUrl);

const CODES = Object.keys(GRADING_COLOURS) as SourceCode[];

/**
 * The smallest country (area of its largest part, in square degrees) named at a zoom: at the
 * first view (zoom 1.6) about Libya's size and up, four times smaller at each zoom level in.
 */
const minLabelArea = (zoom: number) => 100 * 4 ** (1.6 - zoom);
/** The names' size grows with the zoom: 10 px for the whole world, 14 px from zoom 5. */
const labelFontSize = (zoom: number) => Math.round(Math.min(14, Math.max(10, 8 + zoom * 1.2)));

interface PlacedBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const overlaps = (a: PlacedBox, b: PlacedBox) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

interface LeadProperties {
  id: string;
  source: SourceCode;
  label: string;
}

/** Where a lead goes: its coordinates, or (without them) near its country's name. */
function position(lead: Lead, basemap: Basemap): [number, number] | null {
  if (lead.latitude != null && lead.longitude != null) return [lead.longitude, lead.latitude];
  const country = basemap.countries.find((candidate) => candidate.code === lead.country);
  return country ? country.label : null;
}

/** A cluster's colours: a ring split by how many of its leads have each source grading. */
function clusterBackground(counts: Record<SourceCode, number>, total: number): string {
  let start = 0;
  const stops = CODES.filter((code) => counts[code] > 0).map((code) => {
    const end = start + (counts[code] / total) * 360;
    const stop = `${GRADING_COLOURS[code]} ${start}deg ${end}deg`;
    start = end;
    return stop;
  });
  return `conic-gradient(${stops.join(', ')})`;
}

/**
 * MapLibre GL over the shipped Natural Earth basemap. Points are clustered by MapLibre and drawn as
 * HTML buttons, so each is reachable by keyboard and screen reader, and needs no glyphs from the
 * internet; country names are HTML labels in the user's language.
 */
export function LeadMap({ operationId, leads, targets }: { operationId: string; leads: Lead[]; targets: Target[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const [basemap, setBasemap] = useState<Basemap | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    loadBasemap()
      .then((loaded) => !cancelled && setBasemap(loaded))
      .catch((error: unknown) => setFailure(String(error)));
    return () => {
      cancelled = true;
    };
  }, []);

  // The map itself, once the basemap is there.
  useEffect(() => {
    if (!basemap || !container.current) return;
    let created: MapLibreMap;
    try {
      created = new maplibregl.Map({
        container: container.current,
        attributionControl: { compact: true, customAttribution: 'Natural Earth' },
        center: [15, 30],
        zoom: 1.6,
        minZoom: 0.5,
        maxZoom: 12,
        style: {
          version: 8,
          sources: {
            countries: { type: 'geojson', data: basemap.shapes },
            leads: {
              type: 'geojson',
              data: { type: 'FeatureCollection', features: [] },
              cluster: true,
              clusterRadius: 44,
              clusterMaxZoom: 10,
              clusterProperties: Object.fromEntries(
                CODES.map((code) => [code, ['+', ['case', ['==', ['get', 'source'], code], 1, 0]]]),
              ),
            },
          },
          layers: [
            { id: 'sea', type: 'background', paint: { 'background-color': '#dbe9f6' } },
            { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f8f9fa' } },
            { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#868e96', 'line-width': 0.6 } },
            // Invisible: it only makes MapLibre compute the clusters the HTML markers show.
            { id: 'lead-points', type: 'circle', source: 'leads', paint: { 'circle-opacity': 0, 'circle-radius': 1 } },
          ],
        },
      });
    } catch (error) {
      setFailure(String(error));
      return;
    }
    created.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    created.on('load', () => setReady(true));
    created.on('error', (event) => setFailure(String(event.error?.message ?? event.error)));
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
      setReady(false);
    };
  }, [basemap]);

  // Country names, in the user's language, placed so that none overlaps another: the countries
  // with leads first, then the larger ones; small countries only once zoomed in far enough.
  useEffect(() => {
    const current = map.current;
    if (!ready || !current || !basemap) return;
    const withLeads = new Set(leads.map((lead) => lead.country));
    const labels = basemap.countries
      .filter((country) => country.code)
      .map((country) => {
        const element = document.createElement('div');
        element.className = 'dragnet-country-label';
        const name = countryName(country.code);
        element.textContent = name;
        element.setAttribute('aria-hidden', 'true');
        return {
          marker: new maplibregl.Marker({ element }).setLngLat(country.label),
          name,
          area: country.area,
          hasLeads: withLeads.has(country.code!),
        };
      })
      .sort((a, b) => Number(b.hasLeads) - Number(a.hasLeads) || b.area - a.area);
    const update = () => {
      const zoom = current.getZoom();
      const fontSize = labelFontSize(zoom);
      current.getContainer().style.setProperty('--dragnet-label-size', `${fontSize}px`);
      const { clientWidth: width, clientHeight: height } = current.getContainer();
      const placed: PlacedBox[] = [];
      for (const label of labels) {
        let visible = label.hasLeads || label.area >= minLabelArea(zoom);
        if (visible) {
          const { x, y } = current.project(label.marker.getLngLat());
          // The name's box, estimated from its length (no layout per label), with a margin.
          const halfWidth = (label.name.length * fontSize * 0.58) / 2 + 3;
          const halfHeight = fontSize * 0.7 + 2;
          const box = { left: x - halfWidth, right: x + halfWidth, top: y - halfHeight, bottom: y + halfHeight };
          // Whole names only: one cut by the map's edge reads as another word ("anada").
          const onScreen = box.left >= 0 && box.right <= width && box.top >= 0 && box.bottom <= height;
          visible = onScreen && !placed.some((other) => overlaps(box, other));
          if (visible) placed.push(box);
        }
        const shown = label.marker.getElement().isConnected;
        if (visible && !shown) label.marker.addTo(current);
        if (!visible && shown) label.marker.remove();
      }
    };
    update();
    current.on('moveend', update);
    return () => {
      current.off('moveend', update);
      labels.forEach(({ marker }) => marker.remove());
    };
  }, [ready, basemap, leads, i18n.language]);

  // The leads, clustered; a click on a lead opens it, on a cluster zooms into it.
  useEffect(() => {
    const current = map.current;
    if (!ready || !current || !basemap) return;
    const features: Feature<Point, LeadProperties>[] = leads.flatMap((lead) => {
      const at = position(lead, basemap);
      if (!at) return [];
      const label = t('map.leadLabel', {
        place: lead.place,
        country: countryName(lead.country),
        at: formatDateTime(lead.observedAt),
        grading: `${lead.sourceReliability}${lead.informationAssessment} ${lead.handlingCode}`,
      });
      return [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: at },
          properties: { id: lead.id, source: lead.sourceReliability, label },
        },
      ];
    });
    (current.getSource('leads') as GeoJSONSource).setData({ type: 'FeatureCollection', features } as FeatureCollection);

    const shown = new Map<string, Marker>();
    const draw = () => {
      const wanted = new Map<string, { element: () => HTMLElement; at: [number, number] }>();
      for (const found of current.querySourceFeatures('leads')) {
        const coordinates = (found.geometry as Point).coordinates as [number, number];
        const properties = found.properties as Record<string, unknown>;
        if (properties.cluster) {
          const id = `cluster-${String(properties.cluster_id)}`;
          const total = Number(properties.point_count);
          wanted.set(id, {
            at: coordinates,
            element: () => {
              const button = document.createElement('button');
              button.type = 'button';
              button.className = 'dragnet-cluster';
              button.textContent = formatNumber(total);
              button.setAttribute(
                'aria-label',
                t('map.clusterLabel', { count: total, formatted: formatNumber(total) }),
              );
              button.style.background = clusterBackground(
                Object.fromEntries(CODES.map((code) => [code, Number(properties[code] ?? 0)])) as Record<
                  SourceCode,
                  number
                >,
                total,
              );
              button.addEventListener('click', () => {
                void (current.getSource('leads') as GeoJSONSource)
                  .getClusterExpansionZoom(Number(properties.cluster_id))
                  .then((zoom) => current.easeTo({ center: coordinates, zoom }));
              });
              return button;
            },
          });
        } else {
          const id = `lead-${String(properties.id)}`;
          wanted.set(id, {
            at: coordinates,
            element: () => {
              const button = document.createElement('button');
              button.type = 'button';
              button.className = 'dragnet-lead';
              button.dataset.leadId = String(properties.id);
              button.style.background = GRADING_COLOURS[properties.source as SourceCode];
              button.textContent = String(properties.source);
              button.setAttribute('aria-label', String(properties.label));
              button.addEventListener('click', () =>
                navigate(`/operations/${operationId}/leads/${String(properties.id)}`),
              );
              return button;
            },
          });
        }
      }
      for (const [id, marker] of shown) {
        if (!wanted.has(id)) {
          marker.remove();
          shown.delete(id);
        }
      }
      for (const [id, { element, at }] of wanted) {
        if (!shown.has(id)) shown.set(id, new maplibregl.Marker({ element: element() }).setLngLat(at).addTo(current));
      }
    };
    const onData = (event: maplibregl.MapSourceDataEvent | maplibregl.MapStyleDataEvent) => {
      if ('sourceId' in event && event.sourceId === 'leads' && event.isSourceLoaded) draw();
    };
    current.on('data', onData);
    current.on('moveend', draw);
    draw();
    return () => {
      current.off('data', onData);
      current.off('moveend', draw);
      shown.forEach((marker) => marker.remove());
    };
  }, [ready, basemap, leads, operationId, navigate, t]);

  // Each target's last known place: its newest lead.
  useEffect(() => {
    const current = map.current;
    if (!ready || !current || !basemap) return;
    const names = new Map(targets.map((target) => [target.id, target]));
    const newest = new Map<string, Lead>();
    for (const lead of leads) {
      const known = newest.get(lead.targetId);
      if (!known || known.observedAt < lead.observedAt) newest.set(lead.targetId, lead);
    }
    const markers = [...newest.values()].flatMap((lead) => {
      const at = position(lead, basemap);
      const target = names.get(lead.targetId);
      if (!at || !target) return [];
      const element = document.createElement('div');
      element.className = 'dragnet-target';
      element.textContent = target.reference;
      element.title = t('map.lastKnown', { reference: target.reference, place: lead.place });
      return [new maplibregl.Marker({ element, anchor: 'top', offset: [0, 12] }).setLngLat(at).addTo(current)];
    });
    return () => markers.forEach((marker) => marker.remove());
  }, [ready, basemap, leads, targets, t]);

  if (failure)
    return (
      <Alert color="red" title={t('map.failed')}>
        {failure}
      </Alert>
    );
  return (
    <Box
      ref={container}
      role="region"
      aria-label={t('map.region')}
      data-testid="lead-map"
      data-ready={ready ? 'true' : 'false'}
      h={{ base: 420, sm: 560 }}
      style={{ borderRadius: 4, overflow: 'hidden' }}
      dir="ltr"
    />
  );
}

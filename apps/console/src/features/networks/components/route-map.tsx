import { Alert, Box } from '@mantine/core';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../../lib/countries';
import { loadBasemap, type Basemap } from '../../../lib/basemap';
import './route-map.css';
import { LEG_COLOURS, type Leg } from '../vocabulary';

// The worker is a file of the console's own (never a blob: URL), as the Content-Security-Policy wants.
maplibregl.setWorkerUrl(workerUrl);

export interface RouteStop {
  country: string;
  leg: Leg;
}

/**
 * A network's route on the field map's basemap (Natural Earth, shipped with the console): a line
 * through the centroids of its countries, origin to transit to destination, in order. This file is
 * its own chunk (MapLibre and the basemap load only when a route is shown). A picture only: the page
 * lists the route as text.
 */
export function RouteMap({ stops }: { stops: RouteStop[] }) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [basemap, setBasemap] = useState<Basemap | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    let cancelled = false;
    loadBasemap()
      .then((loaded) => !cancelled && setBasemap(loaded))
      .catch((error: unknown) => setFailure(String(error)));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!basemap || !container.current) return;
    const centroids = new Map(basemap.countries.map((country) => [country.code, country.label]));
    const placed = stops.flatMap((stop) => {
      const at = centroids.get(stop.country);
      return at ? [{ ...stop, at }] : [];
    });
    const line: Feature<LineString> = {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: placed.map((stop) => stop.at) },
      properties: {},
    };
    const points: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: placed.map((stop) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: stop.at },
        properties: { leg: stop.leg },
      })),
    };
    let map: MapLibreMap;
    try {
      map = new maplibregl.Map({
        container: container.current,
        attributionControl: { compact: true, customAttribution: 'Natural Earth' },
        center: [15, 25],
        zoom: 1.4,
        minZoom: 0.5,
        maxZoom: 8,
        style: {
          version: 8,
          sources: {
            countries: { type: 'geojson', data: basemap.shapes },
            route: { type: 'geojson', data: line },
            stops: { type: 'geojson', data: points },
          },
          layers: [
            { id: 'sea', type: 'background', paint: { 'background-color': '#dbe9f6' } },
            { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f8f9fa' } },
            { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#868e96', 'line-width': 0.6 } },
            {
              id: 'route',
              type: 'line',
              source: 'route',
              layout: { 'line-cap': 'round', 'line-join': 'round' },
              paint: { 'line-color': '#364fc7', 'line-width': 3, 'line-dasharray': [2, 1] },
            },
            {
              id: 'stops',
              type: 'circle',
              source: 'stops',
              paint: {
                'circle-radius': 7,
                'circle-stroke-width': 2,
                'circle-stroke-color': '#fff',
                'circle-color': [
                  'match',
                  ['get', 'leg'],
                  'origin',
                  LEG_COLOURS.origin,
                  'transit',
                  LEG_COLOURS.transit,
                  LEG_COLOURS.destination,
                ],
              },
            },
          ],
        },
      });
    } catch (error) {
      setFailure(String(error));
      return;
    }
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('error', (event) => setFailure(String(event.error?.message ?? event.error)));
    // Names as HTML labels in the user's language (no glyphs to download).
    const labels = placed.map((stop, index) => {
      const element = document.createElement('div');
      element.className = 'dragnet-route-label';
      element.textContent = `${index + 1}. ${countryName(stop.country)}`;
      element.setAttribute('aria-hidden', 'true');
      return new maplibregl.Marker({ element, offset: [0, -14] }).setLngLat(stop.at).addTo(map);
    });
    map.on('load', () => {
      if (placed.length > 1) {
        const bounds = new maplibregl.LngLatBounds();
        placed.forEach((stop) => bounds.extend(stop.at));
        map.fitBounds(bounds, { padding: 60, maxZoom: 5, duration: 0 });
      } else if (placed.length === 1) map.jumpTo({ center: placed[0].at, zoom: 4 });
      setDrawn(true);
    });
    return () => {
      labels.forEach((label) => label.remove());
      map.remove();
      setDrawn(false);
    };
  }, [basemap, stops, i18n.language]);

  if (failure)
    return (
      <Alert color="yellow" title={t('map.failed')}>
        {failure}
      </Alert>
    );
  return (
    <Box
      ref={container}
      data-testid="route-map"
      data-drawn={drawn ? 'true' : 'false'}
      // Not hidden: the map's canvas and controls take the keyboard focus (the text above says the same).
      role="region"
      aria-label={t('networks.route.title')}
      h={460}
      style={{ borderRadius: 4, overflow: 'hidden' }}
    />
  );
}

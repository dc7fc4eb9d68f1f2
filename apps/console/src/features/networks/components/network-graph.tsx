import { Box } from '@mantine/core';
import cytoscape, { type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { NetworkGraph } from '../api/networks';
import { IDENTIFIER_COLOUR, NETWORK_COLOUR, STATUS_GROUP, STATUS_STYLE } from '../vocabulary';

/** Past this many nodes a force-directed layout takes seconds; rings are instant and still readable. */
const FORCE_LAYOUT_LIMIT = 150;
const MAX_FIT_ZOOM = 1.6;

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 10,
      'text-wrap': 'wrap',
      'text-max-width': '110px',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      color: '#212529',
      'text-outline-color': '#fff',
      'text-outline-width': 2,
      width: 22,
      height: 22,
      'border-width': 1,
      'border-color': '#fff',
    },
  },
  {
    selector: 'node[kind = "network"]',
    style: { 'background-color': NETWORK_COLOUR, shape: 'hexagon', width: 36, height: 36, 'font-weight': 'bold' },
  },
  {
    selector: 'node[kind = "identifier"]',
    style: { 'background-color': IDENTIFIER_COLOUR, shape: 'tag', width: 14, height: 14, 'font-size': 8 },
  },
  ...Object.entries(STATUS_STYLE).map(([group, { colour, shape }]) => ({
    selector: `node[group = "${group}"]`,
    style: { 'background-color': colour, shape },
  })),
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f59f00' } },
  { selector: 'edge', style: { width: 1.5, 'curve-style': 'straight', 'line-color': '#adb5bd' } },
  { selector: 'edge[kind = "membership"]', style: { width: 1, 'line-color': '#ced4da' } },
  { selector: 'edge[kind = "link"]', style: { width: 2.5, 'line-color': '#212529' } },
  { selector: 'edge[kind = "link"][status = "proposed"]', style: { 'line-style': 'dashed', 'line-color': '#e67700' } },
  {
    selector: 'edge[kind = "shared_identifier"]',
    style: { 'line-style': 'dotted', 'line-color': IDENTIFIER_COLOUR, width: 1.5 },
  },
] as StylesheetJson;

function elements(graph: NetworkGraph): ElementDefinition[] {
  return [
    ...graph.nodes.map((node) => ({
      group: 'nodes' as const,
      data: {
        id: node.id,
        kind: node.kind,
        label: node.kind === 'target' ? `${node.reference ?? ''}\n${node.label}` : node.label,
        targetId: node.targetId,
        group: node.status ? STATUS_GROUP[node.status] : undefined,
      },
    })),
    ...graph.edges.map((edge) => ({
      group: 'edges' as const,
      data: { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind, status: edge.status },
    })),
  ];
}

/**
 * The network picture drawn by Cytoscape.js (this file is its own chunk: only the network page loads
 * it). A picture only: the page lists the same members, links and shared identifiers as tables.
 * Clicking a member opens its target.
 */
export function NetworkGraphView({ graph, operationId }: { graph: NetworkGraph; operationId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const large = graph.nodes.length > FORCE_LAYOUT_LIMIT;
    const cy = cytoscape({
      container: container.current,
      elements: elements(graph),
      style: STYLE,
      layout: large
        ? {
            name: 'concentric',
            concentric: (node) => (node.data('kind') === 'network' ? 3 : node.data('kind') === 'target' ? 2 : 1),
            minNodeSpacing: 8,
          }
        : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70 },
      minZoom: 0.1,
      maxZoom: 4,
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node[kind = "target"]', (event) =>
      navigate(`/operations/${operationId}/targets/${String(event.target.data('targetId'))}`),
    );
    cy.ready(() => {
      // Fitting a small graph would blow a few nodes up to the whole frame.
      if (cy.zoom() > MAX_FIT_ZOOM) {
        cy.zoom(MAX_FIT_ZOOM);
        cy.center();
      }
      setDrawn(true);
    });
    return () => {
      setDrawn(false);
      cy.destroy();
    };
  }, [graph, operationId, navigate]);

  return (
    <Box
      ref={container}
      data-testid="network-graph"
      data-drawn={drawn ? 'true' : 'false'}
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
      aria-hidden="true"
      h={460}
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, background: '#fff' }}
    />
  );
}

/**
 * The maturity radar and the components diagram, as Vega specifications
 * rendered to SVG strings. Rendering is synchronous (`View.run()` and Vega's
 * SVG string renderer), because the markdown-it plugin that calls it renders
 * synchronously; the specifications hold inline data only, so nothing is
 * fetched. The diagram's layout (layers, node positions, edge routes) comes
 * from dagre; Vega draws it.
 */
import * as vega from 'vega';
import dagre from '@dagrejs/dagre';
import type { ComponentView, ConceptView } from './conceptView';

const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';
const COLORS = { assessed: '#1f5fa8', target: '#c2410c' };
const STATUS_COLORS: Record<string, string> = {
  operational: '#dcfce7',
  'in-progress': '#fef3c7',
  pilot: '#dbeafe',
  planned: '#f3f4f6',
};

/** Renders a Vega specification to an SVG string, synchronously (no data is loaded: specifications carry their values). */
export function renderSvg(spec: vega.Spec, description: string): string {
  const view = new vega.View(vega.parse({ ...spec, description }), { renderer: 'none', logLevel: vega.None });
  view.run();
  const padding = view.padding() as { left: number; right: number; top: number; bottom: number };
  const width = Math.max(0, view.width() + padding.left + padding.right);
  const height = Math.max(0, view.height() + padding.top + padding.bottom);
  const origin = (view as unknown as { _origin: [number, number] })._origin ?? [0, 0];
  const SVGStringRenderer = (vega as unknown as { SVGStringRenderer: new (loader: unknown) => unknown }).SVGStringRenderer;
  const renderer = new SVGStringRenderer(view.loader()) as {
    initialize(el: null, w: number, h: number, origin: [number, number]): { background(c: string): void };
    render(scene: unknown): void;
    svg(): string;
  };
  renderer.initialize(null, width, height, [padding.left + origin[0], padding.top + origin[1]]).background('#ffffff');
  renderer.render((view.scenegraph() as unknown as { root: unknown }).root);
  view.finalize();
  return renderer.svg();
}

/** The radar of the maturity self-assessment: one axis per dimension, the assessed and the target polygon. */
export function maturitySpec(view: ConceptView): vega.Spec | undefined {
  const m = view.maturity;
  if (!m || m.rows.length < 3 || !m.levels.length) return undefined;
  const max = Math.max(...m.levels.map((l) => l.level));
  const l = view.labels;
  const values: { key: string; value: number; category: string }[] = [];
  for (const r of m.rows) {
    if (r.level !== undefined) values.push({ key: r.name, value: r.level, category: l.level });
  }
  // A dimension without a target is drawn at its assessed level (the table says which have none).
  for (const r of m.rows) {
    const v = r.target ?? r.level;
    if (v !== undefined) values.push({ key: r.name, value: v, category: l.target });
  }
  if (!values.length) return undefined;
  const keys = m.rows.map((r) => ({ key: r.name }));
  const rings = m.levels.flatMap((lv) => m.rows.map((r) => ({ ring: lv.level, key: r.name })));
  const ringLabels = m.levels.map((lv) => ({ ring: lv.level, label: `${lv.level} ${lv.name}`, key: m.rows[0].name }));
  const angle = "scale('angular', datum.key)";
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 300,
    height: 300,
    padding: { left: 110, right: 110, top: 40, bottom: 60 },
    autosize: { type: 'none', contains: 'content' },
    config: { text: { font: FONT }, legend: { labelFont: FONT, titleFont: FONT } },
    signals: [{ name: 'radius', value: 150 }],
    data: [
      { name: 'table', values },
      { name: 'keys', values: keys },
      { name: 'rings', values: rings },
      { name: 'ringLabels', values: ringLabels },
    ],
    scales: [
      { name: 'angular', type: 'point', range: { signal: `[-PI / 2, 3 * PI / 2 - 2 * PI / ${keys.length}]` }, padding: 0, domain: keys.map((k) => k.key) },
      { name: 'radial', type: 'linear', range: { signal: '[0, radius]' }, zero: true, nice: false, domain: [0, max] },
      { name: 'color', type: 'ordinal', domain: [l.level, l.target], range: [COLORS.assessed, COLORS.target] },
    ],
    legends: [{ fill: 'color', stroke: 'color', orient: 'bottom', direction: 'horizontal', symbolType: 'square', labelFontSize: 12 }],
    marks: [
      {
        type: 'group',
        from: { facet: { data: 'rings', name: 'ring', groupby: ['ring'] } },
        marks: [
          {
            type: 'line',
            from: { data: 'ring' },
            encode: {
              enter: {
                interpolate: { value: 'linear-closed' },
                x: { signal: `radius + scale('radial', datum.ring) * cos(${angle})` },
                y: { signal: `radius + scale('radial', datum.ring) * sin(${angle})` },
                stroke: { value: '#d1d5db' },
                strokeWidth: { value: 1 },
              },
            },
          },
        ],
      },
      {
        type: 'rule',
        from: { data: 'keys' },
        encode: {
          enter: {
            x: { signal: 'radius' },
            y: { signal: 'radius' },
            x2: { signal: `radius + radius * cos(${angle})` },
            y2: { signal: `radius + radius * sin(${angle})` },
            stroke: { value: '#9ca3af' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'ringLabels' },
        encode: {
          enter: {
            x: { signal: `radius + 4 + scale('radial', datum.ring) * cos(${angle})` },
            y: { signal: `radius + scale('radial', datum.ring) * sin(${angle})` },
            text: { field: 'label' },
            fontSize: { value: 9 },
            fill: { value: '#6b7280' },
            baseline: { value: 'middle' },
          },
        },
      },
      {
        type: 'group',
        from: { facet: { data: 'table', name: 'series', groupby: ['category'] } },
        marks: [
          {
            type: 'line',
            from: { data: 'series' },
            encode: {
              enter: {
                interpolate: { value: 'linear-closed' },
                x: { signal: `radius + scale('radial', datum.value) * cos(${angle})` },
                y: { signal: `radius + scale('radial', datum.value) * sin(${angle})` },
                stroke: { scale: 'color', field: 'category' },
                strokeWidth: { value: 2 },
                fill: { scale: 'color', field: 'category' },
                fillOpacity: { value: 0.12 },
              },
            },
          },
          {
            type: 'symbol',
            from: { data: 'series' },
            encode: {
              enter: {
                x: { signal: `radius + scale('radial', datum.value) * cos(${angle})` },
                y: { signal: `radius + scale('radial', datum.value) * sin(${angle})` },
                size: { value: 30 },
                fill: { scale: 'color', field: 'category' },
              },
            },
          },
        ],
      },
      {
        type: 'text',
        from: { data: 'keys' },
        encode: {
          enter: {
            x: { signal: `radius + (radius + 8) * cos(${angle})` },
            y: { signal: `radius + (radius + 8) * sin(${angle})` },
            text: { field: 'key' },
            fontSize: { value: 12 },
            fontWeight: { value: 'bold' },
            fill: { value: '#111827' },
            align: { signal: `abs(cos(${angle})) < 0.1 ? 'center' : cos(${angle}) > 0 ? 'left' : 'right'` },
            baseline: { signal: `abs(sin(${angle})) < 0.1 ? 'middle' : sin(${angle}) > 0 ? 'top' : 'bottom'` },
          },
        },
      },
    ],
  } as vega.Spec;
}

interface Box {
  id: string;
  name: string;
  status: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Splits a name into lines of at most `max` characters at spaces. */
function wrap(name: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The adopted components (boxes coloured by status) and their relations (labelled arrows), laid out by dagre. */
export function componentsSpec(components: readonly ComponentView[]): vega.Spec | undefined {
  if (!components.length) return undefined;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 90, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(components.map((c) => c.element));
  const lines = new Map<string, string[]>();
  for (const c of components) {
    const l = [...wrap(c.name, 24), `(${c.status ?? '?'})`];
    lines.set(c.element, l);
    const w = Math.max(...l.map((s) => s.length)) * 6.6 + 20;
    g.setNode(c.element, { width: w, height: l.length * 14 + 14 });
  }
  let n = 0;
  for (const c of components) {
    for (const r of c.relations) {
      if (ids.has(r.target)) g.setEdge(c.element, r.target, { label: r.type, width: r.type.length * 6, height: 12, labelpos: 'c' }, `e${n++}`);
    }
  }
  dagre.layout(g);
  const boxes: Box[] = components.map((c) => {
    const node = g.node(c.element);
    return { id: c.element, name: c.name, status: c.status ?? '', x: node.x - node.width / 2, y: node.y - node.height / 2, w: node.width, h: node.height };
  });
  const labels = boxes.flatMap((b) => lines.get(b.id)!.map((text, i, all) => ({ text, x: b.x + b.w / 2, y: b.y + b.h / 2 + (i - (all.length - 1) / 2) * 14, status: i === all.length - 1 })));
  const edges = g.edges().map((e) => {
    const edge = g.edge(e) as { points: { x: number; y: number }[]; label: string; x: number; y: number };
    const pts = edge.points;
    const last = pts[pts.length - 1];
    const prev = pts[pts.length - 2] ?? pts[0];
    return {
      path: pts.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(''),
      label: edge.label,
      lx: edge.x,
      ly: edge.y,
      ax: last.x,
      ay: last.y,
      // Vega's `triangle-right` points along +x; rotate it to the last segment.
      angle: (Math.atan2(last.y - prev.y, last.x - prev.x) * 180) / Math.PI,
    };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: Math.ceil(graph.width ?? 300),
    height: Math.ceil(graph.height ?? 100),
    padding: 8,
    autosize: { type: 'none', contains: 'content' },
    config: { text: { font: FONT } },
    data: [
      { name: 'boxes', values: boxes },
      { name: 'labels', values: labels },
      { name: 'edges', values: edges },
    ],
    marks: [
      { type: 'path', from: { data: 'edges' }, encode: { enter: { path: { field: 'path' }, stroke: { value: '#4b5563' }, strokeWidth: { value: 1.2 } } } },
      { type: 'symbol', from: { data: 'edges' }, encode: { enter: { x: { field: 'ax' }, y: { field: 'ay' }, shape: { value: 'triangle-right' }, angle: { field: 'angle' }, size: { value: 60 }, fill: { value: '#4b5563' } } } },
      { type: 'text', from: { data: 'edges' }, encode: { enter: { x: { field: 'lx' }, y: { field: 'ly' }, text: { field: 'label' }, fontSize: { value: 10 }, fontStyle: { value: 'italic' }, fill: { value: '#374151' }, align: { value: 'center' }, baseline: { value: 'middle' } } } },
      {
        type: 'rect',
        from: { data: 'boxes' },
        encode: {
          enter: {
            x: { field: 'x' },
            y: { field: 'y' },
            width: { field: 'w' },
            height: { field: 'h' },
            cornerRadius: { value: 4 },
            fill: { signal: `(${JSON.stringify(STATUS_COLORS)})[datum.status] || '#ffffff'` },
            stroke: { value: '#374151' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'labels' },
        encode: {
          enter: {
            x: { field: 'x' },
            y: { field: 'y' },
            text: { field: 'text' },
            fontSize: { signal: 'datum.status ? 10 : 11' },
            fill: { signal: "datum.status ? '#4b5563' : '#111827'" },
            align: { value: 'center' },
            baseline: { value: 'middle' },
          },
        },
      },
    ],
  } as vega.Spec;
}

/** The two figures of a concept, as SVG strings (undefined when the document has no data for one). */
export function conceptFigures(view: ConceptView): { radar?: string; components?: string } {
  const radar = maturitySpec(view);
  const comps = componentsSpec(view.components);
  return {
    radar: radar ? renderSvg(radar, view.labels.radarTitle) : undefined,
    components: comps ? renderSvg(comps, view.labels.annexE) : undefined,
  };
}

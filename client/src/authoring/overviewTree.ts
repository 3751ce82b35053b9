/**
 * The concept overview view (Explorer): renders the server's answer to
 * `customsConcepts/conceptOverview` for the active concept document. It holds
 * no language knowledge: every state, title and range comes from the server.
 */
import * as vscode from 'vscode';
import type { ConceptOverview, OverviewCitation, OverviewIndicator, OverviewMaturityDimension, OverviewSection, OverviewTerm } from '../../../shared/overview';

type Group = 'sections' | 'terms' | 'citations' | 'maturity' | 'indicators';

export type OverviewNode =
  | { kind: 'group'; group: Group }
  | { kind: 'section'; section: OverviewSection }
  | { kind: 'term'; term: OverviewTerm }
  | { kind: 'citation'; citation: OverviewCitation }
  | { kind: 'maturity'; dimension: OverviewMaturityDimension }
  | { kind: 'indicator'; indicator: OverviewIndicator };

/** Converts an LSP range (plain data) to a VS Code range. */
export function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function sectionState(s: OverviewSection): string {
  switch (s.state) {
    case 'present':
      return s.id === null ? vscode.l10n.t('not in the model') : vscode.l10n.t('present');
    case 'missing':
      return vscode.l10n.t('missing');
    case 'empty':
      return vscode.l10n.t('empty');
    case 'out-of-order':
      return vscode.l10n.t('out of order');
  }
}

function termState(t: OverviewTerm): string {
  switch (t.state) {
    case 'defined':
      return vscode.l10n.t('defined here');
    case 'adopted':
      return vscode.l10n.t('adopted from a term base');
    case 'undefined':
      return vscode.l10n.t('used without definition');
    case 'unused':
      return vscode.l10n.t('defined, never used');
  }
}

function citationState(c: OverviewCitation): string {
  switch (c.status) {
    case 'current':
      return vscode.l10n.t('current');
    case 'superseded':
      return c.replacement ? vscode.l10n.t('superseded by @{0}', c.replacement) : vscode.l10n.t('superseded');
    case 'unknown':
      return vscode.l10n.t('unknown instrument');
  }
}

const icon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

export class OverviewTreeProvider implements vscode.TreeDataProvider<OverviewNode> {
  private readonly changed = new vscode.EventEmitter<OverviewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private overview: ConceptOverview | null = null;

  get current(): ConceptOverview | null {
    return this.overview;
  }

  set(overview: ConceptOverview | null): void {
    this.overview = overview;
    this.changed.fire(undefined);
  }

  getChildren(node?: OverviewNode): OverviewNode[] {
    const o = this.overview;
    if (!o) return [];
    if (!node) {
      const groups: OverviewNode[] = [{ kind: 'group', group: 'sections' }, { kind: 'group', group: 'terms' }, { kind: 'group', group: 'citations' }];
      if (o.maturity?.length) groups.push({ kind: 'group', group: 'maturity' });
      if (o.indicators) groups.push({ kind: 'group', group: 'indicators' });
      return groups;
    }
    if (node.kind !== 'group') return [];
    switch (node.group) {
      case 'sections':
        return o.sections.map((section) => ({ kind: 'section', section }));
      case 'terms':
        return o.terms.map((term) => ({ kind: 'term', term }));
      case 'citations':
        return o.citations.map((citation) => ({ kind: 'citation', citation }));
      case 'maturity':
        return (o.maturity ?? []).map((dimension) => ({ kind: 'maturity', dimension }));
      case 'indicators':
        return (o.indicators ?? []).map((indicator) => ({ kind: 'indicator', indicator }));
    }
  }

  getTreeItem(node: OverviewNode): vscode.TreeItem {
    const o = this.overview!;
    const uri = vscode.Uri.parse(o.uri);
    const reveal = (range: vscode.Range, target = uri): vscode.Command => ({ command: 'vscode.open', title: vscode.l10n.t('Go to'), arguments: [target, { selection: range }] });
    switch (node.kind) {
      case 'group':
        return this.groupItem(node.group, o);
      case 'section': {
        const s = node.section;
        const item = new vscode.TreeItem(s.title);
        item.id = `section:${s.id ?? ''}:${s.title}`;
        item.description = sectionState(s) + (s.required ? '' : ` · ${vscode.l10n.t('optional')}`);
        item.iconPath =
          s.state === 'present' ? icon(s.id === null ? 'question' : 'pass-filled', s.id === null ? undefined : 'testing.iconPassed')
          : s.state === 'missing' ? icon('circle-large-outline', 'problemsWarningIcon.foreground')
          : s.state === 'empty' ? icon('circle-large-outline')
          : icon('arrow-swap', 'problemsInfoIcon.foreground');
        if (s.guidance) item.tooltip = new vscode.MarkdownString().appendMarkdown(`**${s.title}**\n\n`).appendText(s.guidance);
        item.contextValue = s.state === 'missing' && s.add ? 'customsConcepts.section.missing' : 'customsConcepts.section';
        if (s.range) item.command = reveal(toRange(s.range));
        return item;
      }
      case 'term': {
        const t = node.term;
        const item = new vscode.TreeItem(t.label);
        item.id = `term:${t.label}`;
        item.description = `${termState(t)} · ${vscode.l10n.t('{0} uses', t.uses)}`;
        item.iconPath =
          t.state === 'undefined' ? icon('warning', 'problemsWarningIcon.foreground')
          : t.state === 'unused' ? icon('circle-slash')
          : t.state === 'adopted' ? icon('references')
          : icon('symbol-key');
        const tip = new vscode.MarkdownString().appendMarkdown(`**«${t.label}»** — `).appendText(termState(t));
        if (t.builtin) tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Known from the built-in WCO term base, not defined by this document.'));
        item.tooltip = tip;
        item.contextValue = 'customsConcepts.term';
        // Click: to the definition when the document or its term base has one, else to the first use.
        const defined = t.definition && !t.builtin ? t.definition : undefined;
        if (defined) item.command = reveal(toRange(defined.range), vscode.Uri.parse(defined.uri));
        else if (t.firstUse) item.command = reveal(toRange(t.firstUse));
        return item;
      }
      case 'citation': {
        const c = node.citation;
        const item = new vscode.TreeItem(`@${c.id}`);
        item.id = `citation:${c.id}`;
        item.description = [citationState(c), c.title, c.ranges.length > 1 ? `×${c.ranges.length}` : ''].filter(Boolean).join(' · ');
        item.iconPath = c.status === 'current' ? icon('book') : c.status === 'superseded' ? icon('history', 'problemsWarningIcon.foreground') : icon('error', 'problemsErrorIcon.foreground');
        item.contextValue = 'customsConcepts.citation';
        if (c.ranges[0]) item.command = reveal(toRange(c.ranges[0]));
        return item;
      }
      case 'maturity': {
        const d = node.dimension;
        const item = new vscode.TreeItem(d.name);
        item.id = `maturity:${d.id}`;
        item.description =
          d.level === undefined ? vscode.l10n.t('not assessed') : vscode.l10n.t('level {0} of {1} ({2})', d.level, d.maxLevel, d.levelName ?? '') + (d.target !== undefined ? ` → ${d.target}` : '');
        item.iconPath = d.level === undefined ? icon('circle-large-outline') : icon('graph');
        return item;
      }
      case 'indicator': {
        const ind = node.indicator;
        const item = new vscode.TreeItem(ind.name ?? ind.id);
        item.id = `indicator:${ind.id}`;
        item.description = ind.missing.length ? vscode.l10n.t('incomplete: {0}', ind.missing.join(', ')) : vscode.l10n.t('complete');
        item.iconPath = ind.missing.length ? icon('circle-large-outline', 'problemsWarningIcon.foreground') : icon('pass-filled', 'testing.iconPassed');
        if (ind.range) item.command = reveal(toRange(ind.range));
        return item;
      }
    }
  }

  private groupItem(group: Group, o: ConceptOverview): vscode.TreeItem {
    const c = o.coverage;
    let label: string;
    let description = '';
    switch (group) {
      case 'sections':
        label = vscode.l10n.t('Sections');
        description = o.model ? vscode.l10n.t('{0} of {1} required · {2}', c.sectionsPresent, c.sectionsRequired, o.model.id) : vscode.l10n.t('no reference model');
        break;
      case 'terms':
        label = vscode.l10n.t('Terms');
        description = vscode.l10n.t('{0} of {1} used terms defined', c.termsDefined, c.termsUsed);
        break;
      case 'citations':
        label = vscode.l10n.t('Cited instruments');
        description = String(o.citations.length);
        break;
      case 'maturity':
        label = vscode.l10n.t('Maturity');
        description = vscode.l10n.t('{0} of {1} dimensions assessed', (o.maturity ?? []).filter((d) => d.level !== undefined).length, (o.maturity ?? []).length);
        break;
      case 'indicators':
        label = vscode.l10n.t('Indicators');
        description = vscode.l10n.t('{0} of {1} complete', (o.indicators ?? []).filter((i) => !i.missing.length).length, (o.indicators ?? []).length);
        break;
    }
    const item = new vscode.TreeItem(label, group === 'sections' || group === 'terms' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `group:${group}`;
    item.description = description;
    return item;
  }
}

/**
 * What guided authoring offers besides the overview: the choices of a new
 * document and of the citation picker (models, instruments with their French
 * and Russian titles and their locators), and the skeleton of a new concept
 * document written from its reference model.
 */
import type { InstrumentCatalog, Instrument } from '../catalog/catalog';
import type { ModelRegistry } from '../model/registry';
import { sectionBody, sectionTitle } from '../model/sections';
import type { AuthoringChoices, ConceptSkeletonParams, InstrumentChoice } from '../../../../shared/overview';

/**
 * Locators offered after an instrument id in the citation picker, as Pandoc
 * locators (`[@rkc, General Annex, Chapter 7]`), with what each part covers.
 * The Revised Kyoto Convention: the ten chapters of the General Annex and the
 * Specific Annexes A to K (there is no Annex I), as the WCO publishes them.
 */
const RKC_LOCATORS: readonly { locator: string; covers: string }[] = [
  ...['General principles', 'Definitions', 'Clearance and other Customs formalities', 'Duties and taxes', 'Security', 'Customs control', 'Application of information technology', 'Relationship between the Customs and third parties', 'Information, decisions and rulings supplied by the Customs', 'Appeals in Customs matters'].map(
    (covers, i) => ({ locator: `General Annex, Chapter ${i + 1}`, covers }),
  ),
  ...(
    [
      ['A', 'Arrival of goods in a Customs territory'],
      ['B', 'Importation'],
      ['C', 'Exportation'],
      ['D', 'Customs warehouses and free zones'],
      ['E', 'Transit'],
      ['F', 'Processing'],
      ['G', 'Temporary admission'],
      ['H', 'Offences'],
      ['J', 'Special procedures'],
      ['K', 'Origin'],
    ] as const
  ).map(([annex, covers]) => ({ locator: `Specific Annex ${annex}`, covers })),
];

/** Locators of an instrument, as `locator — what it covers`; the RKC's parts for the convention and its annexes. */
export function instrumentLocators(instrument: Pick<Instrument, 'id' | 'partOf'>): string[] {
  const rkc = instrument.id === 'rkc' || instrument.partOf === 'rkc';
  if (!rkc) return [];
  const only = instrument.id === 'rkc-general-annex' ? 'General' : instrument.id === 'rkc-specific-annexes' ? 'Specific' : undefined;
  return RKC_LOCATORS.filter((l) => !only || l.locator.startsWith(only)).map((l) => `${l.locator} — ${l.covers}`);
}

export function authoringChoices(models: ModelRegistry, catalog: InstrumentCatalog): AuthoringChoices {
  const instruments: InstrumentChoice[] = catalog.instruments.map((inst) => {
    const titles: Record<string, string> = {};
    for (const [lang, t] of Object.entries(inst.titles)) titles[lang] = t.name ? `${t.name} — ${t.title}` : t.title;
    const year = (inst.adopted ?? inst.inForce)?.slice(0, 4);
    return {
      id: inst.id,
      title: inst.name && inst.name !== inst.title ? `${inst.name} — ${inst.title}` : inst.title,
      titles,
      abbreviations: inst.abbreviations,
      ...(inst.kind ? { kind: inst.kind } : {}),
      ...(year && /^\d{4}$/.test(year) ? { year } : {}),
      superseded: !!inst.supersededBy,
      locators: instrumentLocators(inst),
    };
  });
  return { models: models.summaries().map(({ id, title, description, origin }) => ({ id, title, description, origin })), instruments };
}

/** Characters that would break a YAML plain scalar or a flow sequence. */
function yamlString(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ._/()\u2010\u2011-]*$/u.test(value) && !/:\s|\s#/.test(value) ? value : JSON.stringify(value);
}

/**
 * The text of a new concept document: front matter filled from `params`, then
 * the model's required sections in order, numbered, each with its guidance as
 * a comment (or its template). Refuses an unknown or unusable model.
 */
export function conceptSkeleton(models: ModelRegistry, params: ConceptSkeletonParams): { text: string } | { error: string } {
  const found = models.find(params.model);
  const model = found ? models.resolve(found.uri, found.parsed).model : undefined;
  if (!model) return { error: `The reference model \`${params.model}\` is unknown or has errors.` };
  const language = ['en', 'fr', 'ru'].includes(params.language) ? params.language : 'en';
  const concept = params.concept.trim() || 'new-concept';
  const lines = [
    '---',
    `concept: ${yamlString(concept)}`,
    `title: ${yamlString(params.title.trim() || concept)}`,
    'status: draft',
    `language: ${language}`,
    `model: ${yamlString(model.id)}`,
  ];
  if (params.glossaries.length) lines.push(`glossaries: [${params.glossaries.map(yamlString).join(', ')}]`);
  lines.push('---', '');
  const required = model.sections.filter((s) => s.required).sort((x, y) => x.order - y.order);
  required.forEach((section, i) => {
    lines.push(`# ${i + 1}. ${sectionTitle(section, language)}`, '', sectionBody(section, language), '');
  });
  return { text: lines.join('\n') };
}

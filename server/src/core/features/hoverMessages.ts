/**
 * The fixed strings of term and instrument hovers in English, French and
 * Russian. A hover speaks the document's language (see `hoverLocale`), so a
 * Russian concept shows «Источник», «Вид», «Принят» around its Russian
 * definitions whatever the editor's display language.
 */
import type { Locale } from '../l10n';

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

const MESSAGES = {
  'matched.variant': {
    en: (p) => `«${p.label}» is a variant of this term.`,
    fr: (p) => `«${p.label}» est une variante de ce terme.`,
    ru: (p) => `«${p.label}» — вариант этого термина.`,
  },
  'matched.deprecated': {
    en: (p) => `«${p.label}» is a deprecated label of this term.`,
    fr: (p) => `«${p.label}» est une désignation déconseillée de ce terme.`,
    ru: (p) => `«${p.label}» — нерекомендуемое обозначение этого термина.`,
  },
  'matched.translation': {
    en: (p) => `«${p.label}» is a translation of this term.`,
    fr: (p) => `«${p.label}» est une traduction de ce terme.`,
    ru: (p) => `«${p.label}» — перевод этого термина.`,
  },
  'no-definition-text': { en: () => 'No definition text.', fr: () => 'Pas de texte de définition.', ru: () => 'Текст определения отсутствует.' },
  note: { en: () => 'Note', fr: () => 'Remarque', ru: () => 'Примечание' },
  kind: { en: () => 'Kind', fr: () => 'Nature', ru: () => 'Вид' },
  owner: { en: () => 'Owner', fr: () => 'Organisation', ru: () => 'Организация' },
  body: { en: () => 'Body', fr: () => 'Organe', ru: () => 'Орган' },
  adopted: { en: () => 'Adopted', fr: () => 'Adopté', ru: () => 'Принят' },
  'in-force': { en: () => 'In force', fr: () => 'En vigueur', ru: () => 'Вступил в силу' },
  'edition-cited': { en: () => 'Edition cited', fr: () => 'Édition citée', ru: () => 'Цитируемая редакция' },
  current: { en: () => 'current', fr: () => 'en vigueur', ru: () => 'действующая' },
  superseded: { en: () => 'superseded', fr: () => 'remplacée', ru: () => 'заменена' },
  'current-edition': { en: () => 'Current edition', fr: () => 'Édition en vigueur', ru: () => 'Действующая редакция' },
  'part-of': { en: () => 'Part of', fr: () => 'Fait partie de', ru: () => 'Входит в' },
  'superseded-by': { en: () => 'Superseded by', fr: () => 'Remplacé par', ru: () => 'Заменён' },
  'also-cited-as': { en: () => 'Also cited as', fr: () => 'Aussi cité comme', ru: () => 'Также цитируется как' },
  source: { en: () => 'Source', fr: () => 'Source', ru: () => 'Источник' },
  'part-cited': { en: () => 'Part cited', fr: () => 'Partie citée', ru: () => 'Цитируемая часть' },
  'part-unknown': {
    en: (p) => `The catalog does not list the part «${p.locator}»; the hover shows the whole instrument.`,
    fr: (p) => `Le catalogue ne connaît pas la partie «${p.locator}» ; l'infobulle montre l'instrument entier.`,
    ru: (p) => `Часть «${p.locator}» в каталоге не описана; показан документ целиком.`,
  },
  'not-in-catalog': {
    en: (p) => `\`@${p.id}\` is not in the instrument catalog.${p.closest ? ` Closest: ${p.closest}` : ''}`,
    fr: (p) => `\`@${p.id}\` n'est pas dans le catalogue des instruments.${p.closest ? ` Les plus proches : ${p.closest}` : ''}`,
    ru: (p) => `\`@${p.id}\` нет в каталоге документов.${p.closest ? ` Ближайшие: ${p.closest}` : ''}`,
  },
  'term-base': {
    en: (p) => `Term base with ${p.count} term${p.count === 1 ? '' : 's'}.`,
    fr: (p) => `Base terminologique de ${p.count} terme${Number(p.count) > 1 ? 's' : ''}.`,
    ru: (p) => `Глоссарий, терминов: ${p.count}.`,
  },
  'cannot-read': { en: (p) => `Cannot be read: ${p.reason}`, fr: (p) => `Illisible : ${p.reason}`, ru: (p) => `Не удаётся прочитать: ${p.reason}` },
  'workspace-catalog': { en: (p) => `defined in ${p.where}`, fr: (p) => `défini dans ${p.where}`, ru: (p) => `определён в ${p.where}` },
} satisfies Record<string, Record<Locale, Template>>;

/** Confidence values as shown to a reader. */
const CONFIDENCE: Record<Locale, Record<string, string>> = {
  en: { high: 'high', medium: 'medium', low: 'low' },
  fr: { high: 'élevée', medium: 'moyenne', low: 'faible' },
  ru: { high: 'высокая', medium: 'средняя', low: 'низкая' },
};

/** Instrument kinds (the `kind` enum of the catalog schema) as shown to a reader. */
const KINDS: Record<Exclude<Locale, 'en'>, Record<string, string>> = {
  fr: {
    convention: 'convention', agreement: 'accord', recommendation: 'recommandation', declaration: 'déclaration', resolution: 'résolution',
    framework: 'cadre de normes', guidelines: 'lignes directrices', guide: 'guide', compendium: 'recueil', model: 'modèle', tool: 'outil',
    programme: 'programme', strategy: 'stratégie', study: 'étude', law: 'loi', standard: 'norme', other: 'autre',
  },
  ru: {
    convention: 'конвенция', agreement: 'соглашение', recommendation: 'рекомендация', declaration: 'декларация', resolution: 'резолюция',
    framework: 'рамочные стандарты', guidelines: 'руководящие принципы', guide: 'руководство', compendium: 'сборник', model: 'модель', tool: 'инструмент',
    programme: 'программа', strategy: 'стратегия', study: 'исследование', law: 'закон', standard: 'стандарт', other: 'прочее',
  },
};

export type HoverMessageId = keyof typeof MESSAGES;

/** The hover string `id` in `locale`. */
export function ht(locale: Locale, id: HoverMessageId, params: Params = {}): string {
  const m = MESSAGES[id] as Record<Locale, Template>;
  return (m[locale] ?? m.en)(params);
}

/** A confidence value (`high`, `medium`, `low`) in `locale`; anything else as written. */
export function confidenceLabel(locale: Locale, confidence: string): string {
  return CONFIDENCE[locale][confidence] ?? confidence;
}

/** An instrument kind in `locale`; anything else as written. */
export function kindLabel(locale: Locale, kind: string): string {
  return locale === 'en' ? kind : (KINDS[locale][kind] ?? kind);
}

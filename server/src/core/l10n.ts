/**
 * Messages of diagnostics and hovers in English, French and Russian.
 * The server takes the locale from `initialize` (`params.locale`, which VS Code
 * sets from its display language); the CLI from `--locale` or `LANG`.
 */
export type Locale = 'en' | 'fr' | 'ru';

/** The supported locale closest to a BCP 47 tag (`fr-CA` → `fr`); English otherwise. */
export function toLocale(tag: string | undefined): Locale {
  const l = (tag ?? '').toLowerCase().slice(0, 2);
  return l === 'fr' || l === 'ru' ? l : 'en';
}

export type Params = Record<string, string | number>;
export type Template = (p: Params) => string;
/** Messages by id, each in every locale. */
export type MessageTable = Record<string, Record<Locale, Template>>;

/**
 * The one way messages are looked up, for each table (diagnostics and hovers here,
 * reference models in `model/messages.ts`, workspace features in `workspaceMessages.ts`):
 * the message `id` in `locale`, English where a translation is missing.
 */
export function messageLookup<T extends MessageTable>(table: T): (locale: Locale | undefined, id: keyof T, params?: Params) => string {
  return (locale, id, params = {}) => {
    const m = table[id];
    return (m[locale ?? 'en'] ?? m.en)(params);
  };
}

const MESSAGES = {
  'undefined-term.explicit.builtin': {
    en: (p) => `«${p.label}» is used as a term but this document does not define it (the WCO starter term base knows it): define it or adopt a definition.`,
    fr: (p) => `«${p.label}» est employé comme terme, mais ce document ne le définit pas (la base terminologique OMD le connaît) : définissez-le ou adoptez une définition.`,
    ru: (p) => `«${p.label}» употреблён как термин, но этот документ его не определяет (он есть в базовом глоссарии ВТамО): дайте определение или примите готовое.`,
  },
  'undefined-term.explicit.known': {
    en: (p) => `«${p.label}» is used as a term but this document does not define it (known from ${p.where}): import that term base or define it.`,
    fr: (p) => `«${p.label}» est employé comme terme, mais ce document ne le définit pas (connu par ${p.where}) : importez cette base terminologique ou définissez-le.`,
    ru: (p) => `«${p.label}» употреблён как термин, но этот документ его не определяет (известен из ${p.where}): подключите этот глоссарий или дайте определение.`,
  },
  'undefined-term.explicit.unknown': {
    en: (p) => `«${p.label}» is used as a term but no definition covers it: add it to \`terms:\` or to an imported term base.`,
    fr: (p) => `«${p.label}» est employé comme terme, mais aucune définition ne le couvre : ajoutez-le à \`terms:\` ou à une base terminologique importée.`,
    ru: (p) => `«${p.label}» употреблён как термин, но ни одно определение его не охватывает: добавьте его в \`terms:\` или в подключённый глоссарий.`,
  },
  'also-used-here': {
    en: (p) => `also used here: «${p.label}»`,
    fr: (p) => `aussi employé ici : «${p.label}»`,
    ru: (p) => `также здесь: «${p.label}»`,
  },
  'instrument-mention': {
    en: (p) => `«${p.name}» names the instrument \`@${p.id}\`; cite it as \`[@${p.id}]\` so readers and the checker can follow it.`,
    fr: (p) => `«${p.name}» désigne l'instrument \`@${p.id}\` ; citez-le sous la forme \`[@${p.id}]\`.`,
    ru: (p) => `«${p.name}» — это документ \`@${p.id}\`; сошлитесь на него как \`[@${p.id}]\`.`,
  },
  'undefined-term.implicit': {
    en: (p) => `«${p.label}» is a known term (${p.where}) that this document does not define.`,
    fr: (p) => `«${p.label}» est un terme connu (${p.where}) que ce document ne définit pas.`,
    ru: (p) => `«${p.label}» — известный термин (${p.where}), который этот документ не определяет.`,
  },
  'where.builtin': {
    en: () => 'WCO starter term base',
    fr: () => 'base terminologique OMD',
    ru: () => 'базовый глоссарий ВТамО',
  },
  'deprecated-term': {
    en: (p) => `«${p.label}» is deprecated: use «${p.preferred}».`,
    fr: (p) => `«${p.label}» est déconseillé : employez «${p.preferred}».`,
    ru: (p) => `«${p.label}» — нерекомендуемый вариант: используйте «${p.preferred}».`,
  },
  'duplicate-definition.scope': {
    en: (p) => `«${p.label}» is defined ${p.count} times in this document's scope.`,
    fr: (p) => `«${p.label}» est défini ${p.count} fois dans la portée de ce document.`,
    ru: (p) => `«${p.label}» определён ${p.count} раза в области действия этого документа.`,
  },
  'duplicate-definition.imports': {
    en: (p) => `«${p.label}» is defined in more than one imported term base.`,
    fr: (p) => `«${p.label}» est défini dans plusieurs bases terminologiques importées.`,
    ru: (p) => `«${p.label}» определён в нескольких подключённых глоссариях.`,
  },
  'duplicate-definition.base': {
    en: (p) => `«${p.label}» is already defined in this term base.`,
    fr: (p) => `«${p.label}» est déjà défini dans cette base terminologique.`,
    ru: (p) => `«${p.label}» уже определён в этом глоссарии.`,
  },
  'defined-here': {
    en: (p) => `«${p.label}» is defined here`,
    fr: (p) => `«${p.label}» est défini ici`,
    ru: (p) => `«${p.label}» определён здесь`,
  },
  'circular-definition': {
    en: (p) => `The definition of «${p.label}» uses the term itself: define it with other words.`,
    fr: (p) => `La définition de «${p.label}» emploie le terme lui-même : définissez-le avec d'autres mots.`,
    ru: (p) => `Определение «${p.label}» использует сам термин: определите его другими словами.`,
  },
  'unused-definition': {
    en: (p) => `«${p.label}» is defined but never used in this document.`,
    fr: (p) => `«${p.label}» est défini mais jamais employé dans ce document.`,
    ru: (p) => `«${p.label}» определён, но в документе не используется.`,
  },
  'unknown-instrument': {
    en: (p) => `Unknown instrument \`@${p.id}\`.${p.suggestions ? ` Did you mean ${p.suggestions}?` : ''}`,
    fr: (p) => `Instrument inconnu \`@${p.id}\`.${p.suggestions ? ` Vouliez-vous dire ${p.suggestions} ?` : ''}`,
    ru: (p) => `Неизвестный документ \`@${p.id}\`.${p.suggestions ? ` Возможно, имелся в виду ${p.suggestions}?` : ''}`,
  },
  'superseded-edition': {
    en: (p) => `\`@${p.id}\` cites the ${p.edition} edition of ${p.name}; the current one is \`@${p.current}\`.`,
    fr: (p) => `\`@${p.id}\` cite l'édition ${p.edition} de ${p.name} ; l'édition en vigueur est \`@${p.current}\`.`,
    ru: (p) => `\`@${p.id}\` ссылается на редакцию ${p.edition} документа «${p.name}»; действующая — \`@${p.current}\`.`,
  },
  'superseded-instrument': {
    en: (p) => `\`@${p.id}\` (${p.name}) is superseded by \`@${p.by}\`${p.byName ? ` (${p.byName})` : ''}.`,
    fr: (p) => `\`@${p.id}\` (${p.name}) est remplacé par \`@${p.by}\`${p.byName ? ` (${p.byName})` : ''}.`,
    ru: (p) => `\`@${p.id}\` (${p.name}) заменён документом \`@${p.by}\`${p.byName ? ` (${p.byName})` : ''}.`,
  },
  'glossary-not-found': {
    en: (p) => `Term base \`${p.path}\` cannot be read: ${p.reason}`,
    fr: (p) => `La base terminologique \`${p.path}\` est illisible : ${p.reason}`,
    ru: (p) => `Глоссарий \`${p.path}\` не удаётся прочитать: ${p.reason}`,
  },
  'glossary-problems': {
    en: (p) => `Term base \`${p.path}\` has ${p.count} error(s); open it to see them.`,
    fr: (p) => `La base terminologique \`${p.path}\` contient ${p.count} erreur(s) ; ouvrez-la pour les voir.`,
    ru: (p) => `В глоссарии \`${p.path}\` ошибок: ${p.count}; откройте его, чтобы их увидеть.`,
  },
  'document-too-large': {
    en: (p) => `This document is larger than ${p.limit} (${p.size}); it is not analysed. Raise \`customsConcepts.maxDocumentSize\` to check it.`,
    fr: (p) => `Ce document dépasse ${p.limit} (${p.size}) ; il n'est pas analysé. Augmentez \`customsConcepts.maxDocumentSize\` pour le vérifier.`,
    ru: (p) => `Документ больше ${p.limit} (${p.size}) и не анализируется. Чтобы проверить его, увеличьте \`customsConcepts.maxDocumentSize\`.`,
  },
  'hover.defined-document': { en: () => 'defined in this document', fr: () => 'défini dans ce document', ru: () => 'определён в этом документе' },
  'hover.builtin-defined': { en: () => 'WCO starter term base', fr: () => 'base terminologique OMD', ru: () => 'базовый глоссарий ВТамО' },
  'hover.builtin-known': {
    en: () => 'WCO reference meaning — not defined by this document',
    fr: () => 'sens de référence OMD — non défini par ce document',
    ru: () => 'справочное значение ВТамО — документ его не определяет',
  },
  'hover.defined-in': { en: (p) => `defined in ${p.where}`, fr: (p) => `défini dans ${p.where}`, ru: (p) => `определён в ${p.where}` },
  'hover.known-from': { en: (p) => `known from ${p.where}`, fr: (p) => `connu par ${p.where}`, ru: (p) => `известен из ${p.where}` },
  'hover.no-definition': {
    en: (p) => `«${p.label}» — *no definition in scope.* Add it to the front matter's \`terms:\` or to an imported term base.`,
    fr: (p) => `«${p.label}» — *aucune définition dans la portée.* Ajoutez-le à \`terms:\` ou à une base terminologique importée.`,
    ru: (p) => `«${p.label}» — *нет определения.* Добавьте его в \`terms:\` или в подключённый глоссарий.`,
  },
  'hover.source': { en: () => 'Source', fr: () => 'Source', ru: () => 'Источник' },
  'hover.variants': { en: () => 'Variants', fr: () => 'Variantes', ru: () => 'Варианты' },
  'hover.deprecated': { en: () => 'Deprecated', fr: () => 'Déconseillés', ru: () => 'Нерекомендуемые' },
  'hover.translations': { en: () => 'Translations', fr: () => 'Traductions', ru: () => 'Переводы' },
  'hover.related': { en: () => 'Related', fr: () => 'Termes associés', ru: () => 'Связанные' },
  'hover.broader': { en: () => 'Broader', fr: () => 'Terme générique', ru: () => 'Более общий' },
  'hover.confidence': { en: () => 'Confidence', fr: () => 'Fiabilité', ru: () => 'Достоверность' },
  'hover.uses': { en: () => 'Uses in this document', fr: () => 'Emplois dans ce document', ru: () => 'Употреблений в документе' },
} satisfies MessageTable;

export type MessageId = keyof typeof MESSAGES;

/** A diagnostic or hover message in `locale`, English where a translation is missing. */
export const t = messageLookup(MESSAGES);

/**
 * Titles and messages of the navigation and refactoring features (quick fixes,
 * code lens, rename refusals) in English, French and Russian, in the shape of
 * `l10n.ts`.
 */
import { messageLookup, type MessageTable } from './l10n';


const MESSAGES = {
  'fix.define-here': {
    en: (p) => `Define «${p.term}» in this document`,
    fr: (p) => `Définir «${p.term}» dans ce document`,
    ru: (p) => `Определить «${p.term}» в этом документе`,
  },
  'fix.define-in': {
    en: (p) => `Define «${p.term}» in ${p.file}`,
    fr: (p) => `Définir «${p.term}» dans ${p.file}`,
    ru: (p) => `Определить «${p.term}» в ${p.file}`,
  },
  'fix.adopt-wco': {
    en: (p) => `Adopt the WCO definition of «${p.term}»`,
    fr: (p) => `Adopter la définition OMD de «${p.term}»`,
    ru: (p) => `Принять определение ВТамО для «${p.term}»`,
  },
  'fix.add-variant': {
    en: (p) => `Add «${p.label}» as a variant of «${p.term}» (${p.file})`,
    fr: (p) => `Ajouter «${p.label}» comme variante de «${p.term}» (${p.file})`,
    ru: (p) => `Добавить «${p.label}» как вариант термина «${p.term}» (${p.file})`,
  },
  'fix.import': {
    en: (p) => `Import ${p.file}, which defines «${p.term}»`,
    fr: (p) => `Importer ${p.file}, qui définit «${p.term}»`,
    ru: (p) => `Подключить ${p.file}, где определён «${p.term}»`,
  },
  'fix.replace-deprecated': {
    en: (p) => `Replace «${p.label}» by «${p.term}»`,
    fr: (p) => `Remplacer «${p.label}» par «${p.term}»`,
    ru: (p) => `Заменить «${p.label}» на «${p.term}»`,
  },
  'fix.replace-deprecated-all': {
    en: (p) => `Replace every deprecated label in this document by its preferred term (${p.count})`,
    fr: (p) => `Remplacer chaque terme déconseillé de ce document par le terme préféré (${p.count})`,
    ru: (p) => `Заменить все нерекомендуемые варианты в документе на предпочтительные термины (${p.count})`,
  },
  'fix.cite': {
    en: (p) => `Cite @${p.id} (${p.title})`,
    fr: (p) => `Citer @${p.id} (${p.title})`,
    ru: (p) => `Сослаться на @${p.id} (${p.title})`,
  },
  'fix.cite-mention': {
    en: (p) => `Cite as [@${p.id}]`,
    fr: (p) => `Citer sous la forme [@${p.id}]`,
    ru: (p) => `Сослаться как [@${p.id}]`,
  },
  'fix.rename-section': {
    en: (p) => `Rename the heading to “${p.title}”`,
    fr: (p) => `Renommer le titre en « ${p.title} »`,
    ru: (p) => `Переименовать заголовок в «${p.title}»`,
  },
  'fix.section-id': {
    en: (p) => `Keep the heading and mark it as the section “${p.title}” with {#${p.id}}`,
    fr: (p) => `Garder le titre et le marquer comme section « ${p.title} » avec {#${p.id}}`,
    ru: (p) => `Оставить заголовок и пометить его как раздел «${p.title}» ({#${p.id}})`,
  },
  'fix.add-section': {
    en: (p) => `Add the section “${p.title}”`,
    fr: (p) => `Ajouter la section « ${p.title} »`,
    ru: (p) => `Добавить раздел «${p.title}»`,
  },
  'fix.suppress': {
    en: (p) => `Suppress ${p.code} on this line`,
    fr: (p) => `Ignorer ${p.code} sur cette ligne`,
    ru: (p) => `Отключить ${p.code} в этой строке`,
  },
  'lens.uses': {
    en: (p) => (p.count === 1 ? '1 use' : `${p.count} uses`),
    fr: (p) => (p.count === 1 ? '1 emploi' : `${p.count} emplois`),
    ru: (p) => `употреблений: ${p.count}`,
  },
  'lens.no-uses': { en: () => 'no uses', fr: () => 'aucun emploi', ru: () => 'не употребляется' },
  'rename.not-a-term': {
    en: () => 'Only a term can be renamed here: a «use», a plain-prose use, or a label in `terms:` or a term base.',
    fr: () => 'Seul un terme peut être renommé ici : un «emploi», un emploi dans le texte, ou un libellé de `terms:` ou d’une base terminologique.',
    ru: () => 'Переименовать можно только термин: «употребление», упоминание в тексте или метку в `terms:` либо в глоссарии.',
  },
  'rename.builtin': {
    en: (p) => `«${p.term}» comes from the built-in WCO term base, which is read-only: adopt or define it first.`,
    fr: (p) => `«${p.term}» vient de la base terminologique OMD intégrée, en lecture seule : adoptez-le ou définissez-le d’abord.`,
    ru: (p) => `«${p.term}» взят из встроенного глоссария ВТамО, который нельзя изменить: сначала примите или определите его.`,
  },
  'rename.undefined': {
    en: (p) => `«${p.term}» is not defined anywhere, so there is nothing to rename: define it first.`,
    fr: (p) => `«${p.term}» n’est défini nulle part ; il n’y a rien à renommer : définissez-le d’abord.`,
    ru: (p) => `«${p.term}» нигде не определён, переименовывать нечего: сначала определите его.`,
  },
  'rename.invalid': {
    en: () => 'A term needs at least one letter or digit, on one line, without guillemets or double quotes.',
    fr: () => 'Un terme doit contenir au moins une lettre ou un chiffre, sur une ligne, sans guillemets.',
    ru: () => 'Термин должен содержать хотя бы одну букву или цифру, в одну строку, без кавычек.',
  },
  'rename.exists': {
    en: (p) => `«${p.term}» is already a term in ${p.file}.`,
    fr: (p) => `«${p.term}» est déjà un terme de ${p.file}.`,
    ru: (p) => `«${p.term}» уже есть в ${p.file}.`,
  },
  'symbol.front-matter': { en: () => 'Front matter', fr: () => 'En-tête', ru: () => 'Заголовок (front matter)' },
  'symbol.terms': { en: () => 'Terms', fr: () => 'Termes', ru: () => 'Термины' },
  'symbol.indicators': { en: () => 'Indicators', fr: () => 'Indicateurs', ru: () => 'Показатели' },
  'symbol.builtin': { en: () => 'WCO starter term base', fr: () => 'base terminologique OMD', ru: () => 'базовый глоссарий ВТамО' },
} satisfies MessageTable;

export type WorkspaceMessageId = keyof typeof MESSAGES;

/** A message of the workspace features in `locale`, English where a translation is missing. */
export const wt = messageLookup(MESSAGES);

export { fileName } from './uri';

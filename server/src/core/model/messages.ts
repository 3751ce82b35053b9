/**
 * Messages of the reference-model diagnostics, hovers and completions that a
 * concept document's author sees, in English, French and Russian (the locale
 * of `../l10n.ts`). Diagnostics of model files themselves stay in English:
 * their authors edit a technical format.
 */
import { messageLookup, type Locale, type MessageTable } from '../l10n';


const MESSAGES = {
  'missing-section': {
    en: (p) => `The reference model \`${p.model}\` expects a section «${p.title}»${p.defines ? ` defining ${p.defines}` : ''}.`,
    fr: (p) => `Le modèle de référence \`${p.model}\` attend une section «${p.title}»${p.defines ? ` qui définit ${p.defines}` : ''}.`,
    ru: (p) => `Эталонная модель \`${p.model}\` требует раздел «${p.title}»${p.defines ? `, определяющий ${p.defines}` : ''}.`,
  },
  and: { en: () => ' and ', fr: () => ' et ', ru: () => ' и ' },
  'misnamed-section': {
    en: (p) => `«${p.heading}» looks like the section «${p.title}» of the reference model \`${p.model}\`, which is missing: rename the heading or mark it with \`{#id}\`.`,
    fr: (p) => `«${p.heading}» ressemble à la section «${p.title}» du modèle de référence \`${p.model}\`, qui manque : renommez le titre ou marquez-le avec \`{#id}\`.`,
    ru: (p) => `«${p.heading}» похож на раздел «${p.title}» эталонной модели \`${p.model}\`, которого нет: переименуйте заголовок или пометьте его \`{#id}\`.`,
  },
  'unknown-section': {
    en: (p) => `«${p.heading}» is not a section of the reference model \`${p.model}\`; sections are matched by title, alias or a \`{#id}\`.`,
    fr: (p) => `«${p.heading}» n'est pas une section du modèle de référence \`${p.model}\` ; les sections sont reconnues par leur titre, un alias ou un \`{#id}\`.`,
    ru: (p) => `«${p.heading}» — не раздел эталонной модели \`${p.model}\`; разделы распознаются по заголовку, синониму или \`{#id}\`.`,
  },
  'section-order': {
    en: (p) => `The reference model \`${p.model}\` puts «${p.section}» before «${p.before}».`,
    fr: (p) => `Le modèle de référence \`${p.model}\` place «${p.section}» avant «${p.before}».`,
    ru: (p) => `В эталонной модели \`${p.model}\` раздел «${p.section}» идёт раньше раздела «${p.before}».`,
  },
  'missing-term-definition': {
    en: (p) => `The section «${p.heading}» must define «${p.term}» (reference model \`${p.model}\`): add it to \`terms:\` or to an imported term base.`,
    fr: (p) => `La section «${p.heading}» doit définir «${p.term}» (modèle de référence \`${p.model}\`) : ajoutez-le à \`terms:\` ou à une base terminologique importée.`,
    ru: (p) => `Раздел «${p.heading}» должен определять «${p.term}» (эталонная модель \`${p.model}\`): добавьте термин в \`terms:\` или в подключённый глоссарий.`,
  },
  'model.invalid': {
    en: () => '`model` must be the id of a reference model, or the path of a `*.model.yaml` file.',
    fr: () => "`model` doit être l'identifiant d'un modèle de référence ou le chemin d'un fichier `*.model.yaml`.",
    ru: () => '`model` должно быть идентификатором эталонной модели или путём к файлу `*.model.yaml`.',
  },
  'unknown-model.file': {
    en: (p) => `The model file \`${p.path}\` cannot be read: ${p.reason}`,
    fr: (p) => `Le fichier de modèle \`${p.path}\` est illisible : ${p.reason}`,
    ru: (p) => `Файл модели \`${p.path}\` не удаётся прочитать: ${p.reason}`,
  },
  'unknown-model.id': {
    en: (p) => `No reference model has the id \`${p.id}\`.${p.known ? ` Known models: ${p.known}.` : ''}`,
    fr: (p) => `Aucun modèle de référence n'a l'identifiant \`${p.id}\`.${p.known ? ` Modèles connus : ${p.known}.` : ''}`,
    ru: (p) => `Нет эталонной модели с идентификатором \`${p.id}\`.${p.known ? ` Известные модели: ${p.known}.` : ''}`,
  },
  'model-problems': {
    en: (p) => `The reference model \`${p.id}\` cannot be used: ${p.why}. Open ${p.file} to see the problems.`,
    fr: (p) => `Le modèle de référence \`${p.id}\` est inutilisable : ${p.why}. Ouvrez ${p.file} pour voir les problèmes.`,
    ru: (p) => `Эталонную модель \`${p.id}\` нельзя использовать: ${p.why}. Откройте ${p.file}, чтобы увидеть ошибки.`,
  },
  'model-problems.unknown': {
    en: (p) => `it extends \`${p.id}\`, which does not exist`,
    fr: (p) => `il étend \`${p.id}\`, qui n'existe pas`,
    ru: (p) => `она расширяет несуществующую модель \`${p.id}\``,
  },
  'model-problems.cycle': {
    en: (p) => `its \`extends\` chain loops back through \`${p.id}\``,
    fr: (p) => `sa chaîne \`extends\` revient sur elle-même par \`${p.id}\``,
    ru: (p) => `цепочка \`extends\` замыкается через \`${p.id}\``,
  },
  'model-problems.errors': {
    en: (p) => `${p.where} ${p.count} error(s)`,
    fr: (p) => `${p.where} ${p.count} erreur(s)`,
    ru: (p) => `${p.where} ошибок: ${p.count}`,
  },
  'model-problems.self': { en: () => 'it has', fr: () => 'il contient', ru: () => 'в ней' },
  'model-problems.parent': {
    en: (p) => `the model it extends (${p.file}) has`,
    fr: (p) => `le modèle qu'il étend (${p.file}) contient`,
    ru: (p) => `в расширяемой модели (${p.file})`,
  },
  'part.not-checked': {
    en: (p) => `The reference model \`${p.model}\` defines no ${p.what}, so \`${p.key}\` is not checked.`,
    fr: (p) => `Le modèle de référence \`${p.model}\` ne définit pas de ${p.what} : \`${p.key}\` n'est pas vérifié.`,
    ru: (p) => `Эталонная модель \`${p.model}\` не задаёт ${p.what}, поэтому \`${p.key}\` не проверяется.`,
  },
  'what.maturity': { en: () => 'maturity levels', fr: () => 'niveaux de maturité', ru: () => 'уровни зрелости' },
  'what.indicators': { en: () => 'indicator schema', fr: () => "schéma d'indicateurs", ru: () => 'схему показателей' },
  'what.elements': { en: () => 'elements', fr: () => 'éléments', ru: () => 'элементы' },
  'maturity.not-map': {
    en: () => '`maturity` must map each dimension to a level, for example `data-management: 2`.',
    fr: () => '`maturity` doit associer à chaque dimension un niveau, par exemple `data-management: 2`.',
    ru: () => '`maturity` должно сопоставлять каждому измерению уровень, например `data-management: 2`.',
  },
  'unknown.dimension': {
    en: (p) => `\`${p.id}\` is not a maturity dimension of \`${p.model}\`.${p.suggestions ? ` Did you mean ${p.suggestions}?` : ''}`,
    fr: (p) => `\`${p.id}\` n'est pas une dimension de maturité de \`${p.model}\`.${p.suggestions ? ` Vouliez-vous dire ${p.suggestions} ?` : ''}`,
    ru: (p) => `\`${p.id}\` — не измерение зрелости модели \`${p.model}\`.${p.suggestions ? ` Возможно, имелось в виду ${p.suggestions}?` : ''}`,
  },
  'unknown.reference': {
    en: (p) => `\`${p.id}\` is not an indicator or dimension of ${p.system} in \`${p.model}\`.${p.suggestions ? ` Did you mean ${p.suggestions}?` : ''}`,
    fr: (p) => `\`${p.id}\` n'est ni un indicateur ni une dimension de ${p.system} dans \`${p.model}\`.${p.suggestions ? ` Vouliez-vous dire ${p.suggestions} ?` : ''}`,
    ru: (p) => `\`${p.id}\` — не показатель и не измерение системы «${p.system}» в модели \`${p.model}\`.${p.suggestions ? ` Возможно, имелось в виду ${p.suggestions}?` : ''}`,
  },
  'unknown.element': {
    en: (p) => `\`${p.id}\` is not an element of \`${p.model}\`.${p.suggestions ? ` Did you mean ${p.suggestions}?` : ''}`,
    fr: (p) => `\`${p.id}\` n'est pas un élément de \`${p.model}\`.${p.suggestions ? ` Vouliez-vous dire ${p.suggestions} ?` : ''}`,
    ru: (p) => `\`${p.id}\` — не элемент модели \`${p.model}\`.${p.suggestions ? ` Возможно, имелось в виду ${p.suggestions}?` : ''}`,
  },
  'unknown.relation-type': {
    en: (p) => `\`${p.id}\` is not a relation type of \`${p.model}\`.${p.suggestions ? ` Did you mean ${p.suggestions}?` : ''}`,
    fr: (p) => `\`${p.id}\` n'est pas un type de relation de \`${p.model}\`.${p.suggestions ? ` Vouliez-vous dire ${p.suggestions} ?` : ''}`,
    ru: (p) => `\`${p.id}\` — не тип связи модели \`${p.model}\`.${p.suggestions ? ` Возможно, имелось в виду ${p.suggestions}?` : ''}`,
  },
  'unknown-key': {
    en: (p) => `Unknown key \`${p.key}\` in ${p.where}.${p.suggestions ? ` Did you mean ${p.suggestions}?` : p.known ? ` Known: ${p.known}.` : ''}`,
    fr: (p) => `Clé inconnue \`${p.key}\` dans ${p.where}.${p.suggestions ? ` Vouliez-vous dire ${p.suggestions} ?` : p.known ? ` Clés connues : ${p.known}.` : ''}`,
    ru: (p) => `Неизвестный ключ \`${p.key}\` в ${p.where}.${p.suggestions ? ` Возможно, имелся в виду ${p.suggestions}?` : p.known ? ` Допустимые: ${p.known}.` : ''}`,
  },
  'where.assessment': { en: () => 'a maturity assessment', fr: () => 'une évaluation de maturité', ru: () => 'оценке зрелости' },
  'where.indicator': { en: () => 'an indicator', fr: () => 'un indicateur', ru: () => 'показателе' },
  'where.component': { en: () => 'an adopted component', fr: () => 'un composant adopté', ru: () => 'принятом компоненте' },
  'maturity.missing-level': {
    en: (p) => `The assessment of \`${p.id}\` lacks its \`level\`.`,
    fr: (p) => `L'évaluation de \`${p.id}\` n'indique pas son \`level\`.`,
    ru: (p) => `В оценке \`${p.id}\` не указан \`level\`.`,
  },
  'level.missing': {
    en: (p) => `Give a level of \`${p.id}\`: ${p.levels}.`,
    fr: (p) => `Indiquez un niveau de \`${p.id}\` : ${p.levels}.`,
    ru: (p) => `Укажите уровень для \`${p.id}\`: ${p.levels}.`,
  },
  'level.invalid': {
    en: (p) => `\`${p.value}\` is not a level of \`${p.id}\`; levels: ${p.levels}.`,
    fr: (p) => `\`${p.value}\` n'est pas un niveau de \`${p.id}\` ; niveaux : ${p.levels}.`,
    ru: (p) => `\`${p.value}\` — не уровень измерения \`${p.id}\`; уровни: ${p.levels}.`,
  },
  'indicators.not-list': {
    en: () => '`indicators` must be a list of indicators (id, name, unit, formula or method, baseline, target, source).',
    fr: () => '`indicators` doit être une liste d\'indicateurs (id, name, unit, formula ou method, baseline, target, source).',
    ru: () => '`indicators` должно быть списком показателей (id, name, unit, formula или method, baseline, target, source).',
  },
  'indicator.not-map': {
    en: () => 'An indicator must be a map of fields (id, name, unit…).',
    fr: () => 'Un indicateur doit être un ensemble de champs (id, name, unit…).',
    ru: () => 'Показатель должен быть набором полей (id, name, unit…).',
  },
  'indicator.missing-field': {
    en: (p) => `This indicator lacks \`${p.key}\`${p.description ? ` (${p.description})` : ''}.`,
    fr: (p) => `Il manque \`${p.key}\` à cet indicateur${p.description ? ` (${p.description})` : ''}.`,
    ru: (p) => `В показателе нет поля \`${p.key}\`${p.description ? ` (${p.description})` : ''}.`,
  },
  'indicator.one-of': {
    en: (p) => `This indicator needs ${p.keys}.`,
    fr: (p) => `Cet indicateur doit avoir ${p.keys}.`,
    ru: (p) => `Показателю нужно поле ${p.keys}.`,
  },
  or: { en: () => ' or ', fr: () => ' ou ', ru: () => ' или ' },
  'indicator.duplicate': {
    en: (p) => `Another indicator already has the id \`${p.id}\`.`,
    fr: (p) => `Un autre indicateur a déjà l'identifiant \`${p.id}\`.`,
    ru: (p) => `Идентификатор \`${p.id}\` уже есть у другого показателя.`,
  },
  'components.not-list': {
    en: () => '`components` must be a list of `{element, status}` entries.',
    fr: () => '`components` doit être une liste d\'entrées `{element, status}`.',
    ru: () => '`components` должно быть списком записей `{element, status}`.',
  },
  'component.not-map': {
    en: () => 'An adopted component must be a map: `{element: <id>, status: <status>}`.',
    fr: () => 'Un composant adopté doit être de la forme `{element: <id>, status: <status>}`.',
    ru: () => 'Принятый компонент записывается как `{element: <id>, status: <status>}`.',
  },
  'component.missing-element': {
    en: () => 'This component lacks `element`: the id of a model element.',
    fr: () => 'Il manque `element` à ce composant : l\'identifiant d\'un élément du modèle.',
    ru: () => 'У компонента нет поля `element` — идентификатора элемента модели.',
  },
  'component.element-not-id': {
    en: () => '`element` must be the id of a model element.',
    fr: () => '`element` doit être l\'identifiant d\'un élément du modèle.',
    ru: () => '`element` должно быть идентификатором элемента модели.',
  },
  'component.duplicate': {
    en: (p) => `\`${p.id}\` is already adopted above.`,
    fr: (p) => `\`${p.id}\` est déjà adopté plus haut.`,
    ru: (p) => `\`${p.id}\` уже принят выше.`,
  },
  'component.missing-status': {
    en: (p) => `This component lacks \`status\`${p.statuses ? `: one of ${p.statuses}` : ''}.`,
    fr: (p) => `Il manque \`status\` à ce composant${p.statuses ? ` : l'un de ${p.statuses}` : ''}.`,
    ru: (p) => `У компонента нет поля \`status\`${p.statuses ? `: одно из ${p.statuses}` : ''}.`,
  },
  'status.invalid': {
    en: (p) => `\`${p.value}\` is not a status of \`${p.model}\`; statuses: ${p.statuses}.`,
    fr: (p) => `\`${p.value}\` n'est pas un statut de \`${p.model}\` ; statuts : ${p.statuses}.`,
    ru: (p) => `\`${p.value}\` — не статус модели \`${p.model}\`; статусы: ${p.statuses}.`,
  },
  'relations.not-map': {
    en: () => '`relations` must map a relation type to element ids, for example `dependsOn: [electronic-declaration-system]`.',
    fr: () => '`relations` doit associer un type de relation à des identifiants d\'éléments, par exemple `dependsOn: [electronic-declaration-system]`.',
    ru: () => '`relations` должно сопоставлять типу связи идентификаторы элементов, например `dependsOn: [electronic-declaration-system]`.',
  },
  'relation.from': {
    en: (p) => `\`${p.type}\` may start from ${p.allowed}, not from the ${p.elementType} \`${p.id}\`.`,
    fr: (p) => `\`${p.type}\` part de ${p.allowed}, pas du ${p.elementType} \`${p.id}\`.`,
    ru: (p) => `Связь \`${p.type}\` начинается от ${p.allowed}, а не от элемента типа ${p.elementType} \`${p.id}\`.`,
  },
  'relation.to': {
    en: (p) => `\`${p.type}\` may lead to ${p.allowed}, not to the ${p.elementType} \`${p.id}\`.`,
    fr: (p) => `\`${p.type}\` mène à ${p.allowed}, pas au ${p.elementType} \`${p.id}\`.`,
    ru: (p) => `Связь \`${p.type}\` ведёт к ${p.allowed}, а не к элементу типа ${p.elementType} \`${p.id}\`.`,
  },
  'relation.target-not-id': {
    en: () => 'A relation target must be an element id.',
    fr: () => 'La cible d\'une relation doit être un identifiant d\'élément.',
    ru: () => 'Цель связи должна быть идентификатором элемента.',
  },
  'relation-cycle': {
    en: (p) => `\`${p.type}\` must not form a cycle: \`${p.from}\` → \`${p.to}\` closes one.`,
    fr: (p) => `\`${p.type}\` ne doit pas former de cycle : \`${p.from}\` → \`${p.to}\` en ferme un.`,
    ru: (p) => `Связи \`${p.type}\` не должны образовывать цикл, а \`${p.from}\` → \`${p.to}\` его замыкает.`,
  },
  'field.values': {
    en: (p) => `\`${p.key}\` must be one of: ${p.values}.`,
    fr: (p) => `\`${p.key}\` doit valoir l'une de ces valeurs : ${p.values}.`,
    ru: (p) => `\`${p.key}\` должно быть одним из значений: ${p.values}.`,
  },
  'field.type': {
    en: (p) => `\`${p.key}\` must be ${p.types}.`,
    fr: (p) => `\`${p.key}\` doit être ${p.types}.`,
    ru: (p) => `\`${p.key}\` должно быть: ${p.types}.`,
  },
  'type.string': { en: () => 'a text', fr: () => 'un texte', ru: () => 'текст' },
  'type.number': { en: () => 'a number', fr: () => 'un nombre', ru: () => 'число' },
  'type.integer': { en: () => 'a whole number', fr: () => 'un nombre entier', ru: () => 'целое число' },
  'type.boolean': { en: () => '`true` or `false`', fr: () => '`true` ou `false`', ru: () => '`true` или `false`' },
  'type.date': { en: () => 'a date (YYYY-MM-DD)', fr: () => 'une date (AAAA-MM-JJ)', ru: () => 'дата (ГГГГ-ММ-ДД)' },
  'unknown-instrument': {
    en: (p) => `Unknown instrument \`@${p.id}\`.${p.suggestions ? ` Did you mean ${p.suggestions}?` : ''}`,
    fr: (p) => `Instrument inconnu \`@${p.id}\`.${p.suggestions ? ` Vouliez-vous dire ${p.suggestions} ?` : ''}`,
    ru: (p) => `Неизвестный документ \`@${p.id}\`.${p.suggestions ? ` Возможно, имелся в виду ${p.suggestions}?` : ''}`,
  },
  'hover.section': {
    en: (p) => `${p.required ? 'required' : 'optional'} section of the reference model \`${p.model}\``,
    fr: (p) => `section ${p.required ? 'obligatoire' : 'facultative'} du modèle de référence \`${p.model}\``,
    ru: (p) => `${p.required ? 'обязательный' : 'необязательный'} раздел эталонной модели \`${p.model}\``,
  },
  'hover.must-define': { en: () => 'Must define', fr: () => 'Doit définir', ru: () => 'Должен определять' },
  'hover.part': { en: (p) => `\`${p.part}:\` in the front matter`, fr: (p) => `\`${p.part}:\` dans l'en-tête`, ru: (p) => `\`${p.part}:\` в заголовке YAML` },
  'hover.part-label': { en: () => 'Structured part', fr: () => 'Partie structurée', ru: () => 'Структурированная часть' },
  'hover.also-matched': { en: () => 'Also matched', fr: () => 'Reconnue aussi', ru: () => 'Также распознаётся' },
  'hover.position': { en: (p) => `${p.n} of ${p.total}`, fr: (p) => `${p.n} sur ${p.total}`, ru: (p) => `${p.n} из ${p.total}` },
  'hover.position-label': { en: () => 'Position', fr: () => 'Position', ru: () => 'Позиция' },
  'hover.builtin-model': { en: () => 'built-in reference model', fr: () => 'modèle de référence intégré', ru: () => 'встроенная эталонная модель' },
  'hover.workspace-model': { en: () => 'workspace reference model', fr: () => "modèle de référence de l'espace de travail", ru: () => 'эталонная модель рабочей области' },
  'hover.level': { en: (p) => `Level ${p.level}`, fr: (p) => `Niveau ${p.level}`, ru: (p) => `Уровень ${p.level}` },
  'hover.dimension': { en: (p) => `maturity dimension of \`${p.model}\``, fr: (p) => `dimension de maturité de \`${p.model}\``, ru: (p) => `измерение зрелости модели \`${p.model}\`` },
  'hover.reference-indicator': { en: (p) => `indicator of ${p.system}`, fr: (p) => `indicateur de ${p.system}`, ru: (p) => `показатель системы «${p.system}»` },
  'hover.reference-dimension': { en: (p) => `dimension of ${p.system}`, fr: (p) => `dimension de ${p.system}`, ru: (p) => `измерение системы «${p.system}»` },
  'hover.outcome': { en: () => 'Expected outcome', fr: () => 'Résultat attendu', ru: () => 'Ожидаемый результат' },
  'hover.dimension-label': { en: () => 'Dimension', fr: () => 'Dimension', ru: () => 'Измерение' },
  'hover.indicators-label': { en: () => 'Indicators', fr: () => 'Indicateurs', ru: () => 'Показатели' },
  'hover.source-label': { en: () => 'Source', fr: () => 'Source', ru: () => 'Источник' },
  'hover.instruments-label': { en: () => 'Instruments', fr: () => 'Instruments', ru: () => 'Документы' },
  'hover.element-of': { en: (p) => `${p.type} of \`${p.model}\``, fr: (p) => `${p.type} de \`${p.model}\``, ru: (p) => `${p.type} модели \`${p.model}\`` },
  'hover.model-sections': {
    en: (p) => `*Sections:* ${p.count} (${p.required} required)`,
    fr: (p) => `*Sections :* ${p.count} (${p.required} obligatoires)`,
    ru: (p) => `*Разделы:* ${p.count} (обязательных: ${p.required})`,
  },
  'hover.model-elements': { en: (p) => `*Elements:* ${p.count}`, fr: (p) => `*Éléments :* ${p.count}`, ru: (p) => `*Элементы:* ${p.count}` },
  'hover.model-maturity': {
    en: (p) => `*Maturity:* ${p.dimensions} dimensions, ${p.levels} levels${p.provisional ? ' (provisional)' : ''}`,
    fr: (p) => `*Maturité :* ${p.dimensions} dimensions, ${p.levels} niveaux${p.provisional ? ' (provisoires)' : ''}`,
    ru: (p) => `*Зрелость:* измерений ${p.dimensions}, уровней ${p.levels}${p.provisional ? ' (предварительные)' : ''}`,
  },
  'hover.model-extends': { en: (p) => `*Extends:* \`${p.id}\``, fr: (p) => `*Étend :* \`${p.id}\``, ru: (p) => `*Расширяет:* \`${p.id}\`` },
  'hover.model-version': { en: (p) => `*Version:* ${p.version}`, fr: (p) => `*Version :* ${p.version}`, ru: (p) => `*Версия:* ${p.version}` },
  'hover.field': {
    en: (p) => `${p.what === 'indicator' ? 'indicator' : 'component'} field${p.required ? ', required' : ''}`,
    fr: (p) => `champ ${p.what === 'indicator' ? "d'indicateur" : 'de composant'}${p.required ? ', obligatoire' : ''}`,
    ru: (p) => `поле ${p.what === 'indicator' ? 'показателя' : 'компонента'}${p.required ? ', обязательное' : ''}`,
  },
  'hover.values': { en: () => 'Values', fr: () => 'Valeurs', ru: () => 'Значения' },
  'hover.provisional': { en: () => 'Provisional levels.', fr: () => 'Niveaux provisoires.', ru: () => 'Предварительные уровни.' },
  'hover.confidence': { en: () => 'confidence', fr: () => 'fiabilité', ru: () => 'достоверность' },
  'hover.relation-type': { en: () => 'relation type', fr: () => 'type de relation', ru: () => 'тип связи' },
  'hover.relation-ends': {
    en: (p) => `*From:* ${p.from} · *to:* ${p.to}${p.acyclic ? ' · no cycles' : ''}`,
    fr: (p) => `*De :* ${p.from} · *vers :* ${p.to}${p.acyclic ? ' · sans cycle' : ''}`,
    ru: (p) => `*Из:* ${p.from} · *в:* ${p.to}${p.acyclic ? ' · без циклов' : ''}`,
  },
  // The keys of an adopted component and of a maturity assessment (`COMPONENT_KEYS`, `MATURITY_ENTRY_KEYS`).
  'hover.key.element': { en: () => 'Id of the model element adopted (required).', fr: () => "Identifiant de l'élément du modèle adopté (obligatoire).", ru: () => 'Идентификатор принятого элемента модели (обязательно).' },
  'hover.key.status': { en: () => 'Status of the component in this concept (required).', fr: () => 'Statut du composant dans ce concept (obligatoire).', ru: () => 'Статус компонента в этой концепции (обязательно).' },
  'hover.key.relations': { en: () => 'Relations of this component to other elements: relation type → element ids.', fr: () => "Relations de ce composant avec d'autres éléments : type de relation → identifiants d'éléments.", ru: () => 'Связи этого компонента с другими элементами: тип связи → идентификаторы элементов.' },
  'hover.key.level': { en: () => 'Level assessed today (required).', fr: () => "Niveau évalué aujourd'hui (obligatoire).", ru: () => 'Уровень по оценке на сегодня (обязательно).' },
  'hover.key.target': { en: () => 'Level the concept aims at.', fr: () => 'Niveau que vise le concept.', ru: () => 'Уровень, к которому стремится концепция.' },
  'hover.key.evidence': { en: () => 'What the assessment rests on.', fr: () => "Ce sur quoi repose l'évaluation.", ru: () => 'На чём основана оценка.' },
  'hover.key.note': { en: () => 'A remark.', fr: () => 'Une remarque.', ru: () => 'Примечание.' },
  'hover.adopted-component': { en: () => 'adopted component', fr: () => 'composant adopté', ru: () => 'принятый компонент' },
  'hover.maturity-assessment': { en: () => 'maturity assessment', fr: () => 'évaluation de la maturité', ru: () => 'оценка зрелости' },
  'hover.status': { en: () => 'component status', fr: () => 'statut de composant', ru: () => 'статус компонента' },
  'detail.required': { en: () => 'required section', fr: () => 'section obligatoire', ru: () => 'обязательный раздел' },
  'detail.optional': { en: () => 'optional section', fr: () => 'section facultative', ru: () => 'необязательный раздел' },
} satisfies MessageTable;

export type ModelMessageId = keyof typeof MESSAGES;

/** A reference-model message in `locale`, English where a translation is missing. */
export const mt = messageLookup(MESSAGES);

/** `a`, `b` and `c` in a locale. */
export function joinList(locale: Locale | undefined, items: readonly string[], conj: 'and' | 'or' = 'or'): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + mt(locale, conj) + items[items.length - 1];
}

/**
 * Import rules of Customs Concepts, checked by `npm run check:imports` (part of
 * `npm test`). See ARCHITECTURE.md, "What may import what".
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circle anywhere (type-only imports included).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-no-io',
      severity: 'error',
      comment: 'The language service does no IO: no Node built-in module.',
      from: { path: '^server/src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-connection',
      severity: 'error',
      comment: 'The language service knows no connection and nothing of the server, the CLI or the Node helpers.',
      from: { path: '^server/src/core/' },
      to: { path: ['^node_modules/vscode-languageserver/', '^node_modules/vscode-languageclient/', '^node_modules/vscode-jsonrpc/', '^server/src/(?!core/)'] },
    },
    {
      name: 'client-no-server',
      severity: 'error',
      comment: 'The client holds no language knowledge: it imports nothing of the server (only shared/). The preview host is bundled apart (dist/preview.js) and runs the pure core for the synchronous markdown-it plugin.',
      from: { path: '^client/', pathNot: '^client/src/preview/previewHost\\.ts$' },
      to: { path: '^server/' },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ is imported by the client, the server and the core: it imports nothing itself but the LSP declaration packages (types and request objects).',
      from: { path: '^shared/' },
      to: { path: '^(?!shared/)', pathNot: '^node_modules/vscode-languageserver-(types|protocol)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|bench/out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

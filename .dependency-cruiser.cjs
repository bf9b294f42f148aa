/**
 * Import boundaries of the monorepo (design.md, "Rules of the house"), and the layer order the
 * data flow implies: a lib imports only libs on a lower floor (README, "Layers").
 */
const FLOORS = [
  ['domain'],
  ['platform'],
  ['event-store', 'privacy', 'contracts'],
  ['sharing'],
  ['intake', 'delivery', 'read-models', 'identity', 'audit'],
  ['operator'],
];
/** Beside the floors: the dashboard's read models sign professionals in through identity. */
const SIDEWAYS = { 'read-models': ['identity'] };

const floorOf = (lib) => FLOORS.findIndex((floor) => floor.includes(lib));
const layerRules = FLOORS.flat().map((lib) => {
  const allowed = [lib, ...FLOORS.slice(0, floorOf(lib)).flat(), ...(SIDEWAYS[lib] ?? [])];
  return {
    name: `layer-${lib}`,
    comment: `${lib} imports only ${allowed.filter((l) => l !== lib).join(', ') || 'no other lib'}.`,
    severity: 'error',
    from: { path: `^libs/${lib}/` },
    // Specs may also use the shared test helpers.
    to: { path: '^libs/', pathNot: `^libs/(${[...allowed, 'testing'].join('|')})/` },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'testing-only-in-tests',
      comment: 'Product code never imports the test helpers.',
      severity: 'error',
      from: {
        path: '^(libs|apps)/',
        pathNot: '\\.(spec|int-spec|e2e-spec)\\.ts$|spec-helper|fixture|^libs/testing/',
      },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'libs/domain is pure TypeScript: no Nest, no I/O, no npm packages, no other lib.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'lib-only-through-index',
      comment: 'A lib is imported from another lib only through its index.ts.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'app-uses-lib-index',
      comment: 'Apps, tests and benchmarks reach a lib only through its index.ts.',
      severity: 'error',
      from: { path: '^(apps|test|bench)/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (an unresolved one would slip past the other rules).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-own-barrel',
      comment:
        'Inside a lib, files import each other by path, never through the lib’s own index.ts.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/(?!index\\.ts$)' },
      to: { path: '^libs/$1/src/index\\.ts$' },
    },
    {
      name: 'apps-are-leaves',
      comment: 'Apps are composition roots; nothing imports an app.',
      severity: 'error',
      from: { pathNot: '^apps/([^/]+)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'partner-client-stands-alone',
      comment:
        'Partners install the partner client on its own: it imports nothing of the monorepo ' +
        '(its contract types are generated from the hub into its own src).',
      severity: 'error',
      from: { path: '^packages/partner-client/' },
      to: { path: '^(?!packages/partner-client/|node_modules/)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'examples-as-partners-write-them',
      comment: 'Examples use the partner client through its index, and nothing of the hub.',
      severity: 'error',
      from: { path: '^examples/' },
      to: {
        path: '^(libs|apps|test|bench|scripts)/|^packages/[^/]+/src/(?!index\\.ts$)',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|apps/dashboard)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

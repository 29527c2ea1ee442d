import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Which folders (and top-level modules) of src/ each layer may not import. A relative specifier that climbs out of
 * its folder and names a layer is matched (`../db/x.js`, `../../services/y.js`); `types` lists layers it may still
 * import types from (checked by the type checker, gone at run time), with `except` the modules of one it may use.
 */
const LAYERS = ['core', 'db', 'storage', 'services', 'jobs', 'server', 'cli', 'web', 'import', 'export', 'xlsx', 'scale', 'config', 'bootstrap'];
const ALLOWED = {
  core: [],
  config: ['core'],
  db: ['core', 'config'],
  storage: ['core', 'config'],
  xlsx: ['core'],
  import: ['core', 'xlsx'],
  export: ['core', 'xlsx'],
  services: ['core', 'config', 'db', 'storage', 'import', 'export', 'xlsx'],
  jobs: ['core', 'config', 'db', 'services'],
  server: ['core', 'config', 'services', 'storage', 'import', 'export'],
  cli: ['core', 'config', 'bootstrap', 'db', 'services', 'storage', 'import', 'export', 'xlsx', 'server', 'jobs', 'scale'],
  scale: ['core', 'config', 'bootstrap', 'db', 'services', 'storage'],
  bootstrap: ['core', 'config', 'db', 'storage', 'services', 'export'],
  web: ['core'],
};
/** Type imports a layer may still make against its arrows: the shapes of rows the database folder declares. */
const TYPES_FROM = { storage: ['db'], server: ['db'] };
/** Value imports a layer may make from a layer it otherwise may not: what a database error means, to map it to HTTP. */
const EXCEPT = { server: { db: ['db-errors'] } };
/** Packages that do I/O or belong to one side: the pure domain and the browser app use none of them. */
const IO_PACKAGES = ['node:*', 'fs', 'path', 'fastify', 'fastify-*', '@fastify/*', 'kysely', 'pg', 'better-sqlite3', 'exceljs', 'mammoth', 'unpdf', 'playwright-core', 'nodemailer', 'docx'];

const layerPattern = (layer, except = []) => ({
  regex: `^(\\.\\./)+${layer}(${except.length ? `/(?!(${except.join('|')})(\\.js)?$)` : '/'}|\\.js$|$)`,
  caseSensitive: true,
  message: `against the layering (ARCHITECTURE.md): this folder does not import from ${layer}/`,
});

function layerRules() {
  return Object.entries(ALLOWED).map(([layer, allowed]) => {
    const forbidden = LAYERS.filter((l) => l !== layer && !allowed.includes(l));
    const patterns = forbidden.map((l) => ({ ...layerPattern(l, EXCEPT[layer]?.[l]), allowTypeImports: (TYPES_FROM[layer] ?? []).includes(l) }));
    if (layer === 'core') patterns.push({ group: [...IO_PACKAGES, 'react', 'react-*', 'antd', 'echarts'], message: 'core is the domain in plain TypeScript: no I/O, no server or browser library' });
    if (layer === 'web') patterns.push({ group: IO_PACKAGES, message: 'the web app talks to the server over HTTP' });
    const files = layer === 'config' || layer === 'bootstrap' ? [`src/${layer}.ts`] : [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`];
    return { files, ignores: ['**/*.test.ts', '**/*.test.tsx'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  // The layers (ARCHITECTURE.md): each folder of src/ imports only the folders its arrows allow; test/lint/layers.test.ts
  // holds these rules to it. Tests beside the code are exempt (a test may reach across to set a layer up).
  ...layerRules(),
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/config.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'the environment is read in src/config.ts only (getConfig)' }] },
  },
  {
    // expect.any() and asymmetric matchers are typed any by design.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);

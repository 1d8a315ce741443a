// Bundles the extension client, the language server and the CLI into dist/ as CommonJS
// (VS Code loads extensions as CommonJS; the package itself is ESM for tests and tools).
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  sourcemap: true,
  logLevel: 'warning',
  minify: process.argv.includes('--minify'),
  // import.meta.url in ESM sources becomes the bundle's own URL.
  define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname', __HUNTKIT_BUNDLE__: 'true', 'import.meta.resolve': 'require.resolve' },
  banner: { js: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

await Promise.all([
  build({ ...common, entryPoints: { client: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  // tsx is only for running from source (tests); the bundles never load it.
  build({ ...common, entryPoints: { server: 'server/lsp/server.ts' }, outdir: 'dist', external: ['tsx/esm/api'] }),
  // Written already wrapped as the function a CommonJS module is: the launcher compiles it as
  // it is, without the copy of its text that adding the wrapper would cost (see launcher.ts).
  build({
    ...common,
    entryPoints: { 'cli-main': 'server/cli/main.ts' },
    outdir: 'dist',
    external: ['tsx/esm/api'],
    banner: { js: `(function (exports, require, module, __filename, __dirname) { ${common.banner.js}` },
    footer: { js: '\n})' },
  }),
  // The `huntkit` executable: a small launcher that loads cli-main.cjs through V8's code cache.
  build({ ...common, entryPoints: { cli: 'server/cli/launcher.ts' }, outdir: 'dist', sourcemap: false, banner: { js: '#!/usr/bin/env node\n' + common.banner.js } }),
]);

// esbuild escapes non-ASCII characters in code but keeps them in comments. An ASCII-only
// bundle is a one-byte string for V8: the launcher decodes it as Latin-1, three times
// faster than UTF-8, and V8 scans it faster. (Columns of the few lines touched shift in
// their source maps; those characters are all in comments.)
for (const bundle of ['dist/cli-main.cjs', 'dist/server.cjs']) {
  const text = readFileSync(bundle, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/gu, (c) => [...c].map((u) => `\\u{${u.codePointAt(0).toString(16)}}`).join(''));
  if (ascii !== text) writeFileSync(bundle, ascii);
}

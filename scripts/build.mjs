// Bundles the extension client, the language server and the CLI into dist/.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  minify: process.argv.includes('--minify'),
};

await Promise.all([
  build({ ...common, entryPoints: { client: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/lsp/server.ts', cli: 'server/cli/main.ts' }, outdir: 'dist' }),
]);

// Loaded by @vscode/test-electron inside VS Code's extension host. Every other module in this
// folder exports `tests`, a list of { name, run }; they run one after another, and run() throws
// when any failed, which makes VS Code exit non-zero.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

exports.run = async function run() {
  const modules = readdirSync(__dirname).filter((name) => name.endsWith('.cjs') && name !== 'index.cjs').sort();
  let passed = 0;
  let failed = 0;
  for (const module of modules) {
    for (const { name, run: runTest } of require(join(__dirname, module)).tests) {
      const started = Date.now();
      try {
        await runTest();
        passed++;
        console.log(`✔ ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.error(`✖ ${name} (${Date.now() - started} ms)\n${error instanceof Error ? error.stack : error}`);
      }
    }
  }
  // The plain closing line CI reads.
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} extension test(s) failed`);
};

// Writes the committed grammar files: `npx tsx syntaxes/source/generate.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAMMARS, renderedGrammar } from './grammars.ts';

const syntaxesDir = join(import.meta.dirname, '..');
for (const entry of GRAMMARS) {
  writeFileSync(join(syntaxesDir, entry.file), renderedGrammar(entry));
  console.log(`wrote syntaxes/${entry.file}`);
}

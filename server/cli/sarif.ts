// SARIF 2.1.0 output for code-scanning services.
import type { FileDiagnostic } from '../service/lspTypes.ts';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function toSarif(diagnostics: readonly FileDiagnostic[]): object {
  const ruleIds = [...new Set(diagnostics.map((d) => d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'huntkit',
            version: '0.1.0',
            informationUri: 'https://github.com/huntkit/huntkit#diagnostic-codes',
            rules: ruleIds.map((id) => ({ id, name: id, helpUri: `https://github.com/huntkit/huntkit#${id}` })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIds.indexOf(d.code),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.split('\\').join('/') },
                // SARIF lines and columns are 1-based.
                region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}

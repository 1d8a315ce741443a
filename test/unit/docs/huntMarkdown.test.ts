// Every committed hunt doc in the corpus is what upstream's generator wrote: ours must match byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../../support/corpus.ts';
import { huntFilePaths } from '../../../server/library/huntLibrary.ts';
import { readHunt } from '../../../server/library/hunt.ts';
import type { Hunt } from '../../../server/library/hunt.ts';
import { huntMarkdown, mitreUrl } from '../../../server/docs/huntMarkdown.ts';
import { huntDocPath } from '../../../server/docs/generate.ts';
import { firstDifference } from '../../../server/docs/textDiff.ts';

const HUNTING = join(CORPUS, 'hunting');
const huntFiles = huntFilePaths(HUNTING);

test('the corpus has the 140 hunts the task names', () => {
  assert.equal(huntFiles.length, 140);
});

for (const relativePath of huntFiles) {
  test(`doc of ${relativePath} is byte-identical to the committed one`, () => {
    const { hunt, problems } = readHunt(readFileSync(join(HUNTING, relativePath), 'utf8'));
    assert.deepEqual(problems, []);
    const expected = readFileSync(join(HUNTING, huntDocPath(relativePath)), 'utf8');
    const actual = huntMarkdown(hunt!, relativePath.split('/').pop()!);
    const difference = firstDifference(expected, actual);
    assert.equal(difference, undefined, `first difference at line ${difference?.line}:\n  committed: ${JSON.stringify(difference?.before)}\n  generated: ${JSON.stringify(difference?.after)}`);
  });
}

const minimalHunt: Hunt = {
  author: 'Elastic',
  description: 'One line.',
  integration: ['aws_bedrock.invocation', 'endpoint', 'aws.cloudtrail'],
  uuid: '00000000-0000-0000-0000-000000000000',
  name: 'Example',
  language: ['ES|QL', "it's", 'a\\b'],
  license: 'Elastic License v2',
  query: ['from logs-*\n| keep host.name\n'],
  notes: [],
  mitre: [],
  references: [],
};

test('sections without content are left out exactly as upstream joins them', () => {
  assert.equal(
    huntMarkdown(minimalHunt, 'example.toml'),
    '# Example\n\n---\n\n## Metadata\n\n' +
      '- **Author:** Elastic\n' +
      '- **Description:** One line.\n' +
      '- **UUID:** `00000000-0000-0000-0000-000000000000`\n' +
      '- **Integration:** [aws_bedrock.invocation](https://docs.elastic.co/integrations/aws_bedrock), [endpoint](https://docs.elastic.co/integrations/endpoint), [aws.cloudtrail](https://docs.elastic.co/integrations/aws/cloudtrail)\n' +
      // Python's repr doubles the backslash and quotes "it's" with double quotes; upstream then strips every quote.
      '- **Language:** `[ES|QL, its, a\\\\b]`\n' +
      '- **Source File:** [Example](../queries/example.toml)\n' +
      '\n## Query\n\n```sql\nfrom logs-*\n| keep host.name\n```\n\n' +
      '\n\n## License\n\n- `Elastic License v2`\n',
  );
});

test('notes, MITRE and references follow the queries, separated by blank lines', () => {
  const page = huntMarkdown({ ...minimalHunt, language: ['EQL'], notes: ['n1', 'n2'], mitre: ['T1071.001', 'AML.T0051.000'], references: ['https://example.com/a'] }, 'x.toml');
  assert.ok(
    page.endsWith(
      '```\n\n## Notes\n\n- n1\n- n2\n\n## MITRE ATT&CK Techniques\n\n' +
        '- [T1071.001](https://attack.mitre.org/techniques/T1071/001)\n' +
        '- [AML.T0051.000](https://atlas.mitre.org/techniques/AML.T0051.000)\n\n' +
        '## References\n\n- https://example.com/a\n\n## License\n\n- `Elastic License v2`\n',
    ),
    page,
  );
});

test('MITRE links: ATT&CK sub-technique dots become path segments, ATLAS ids stay as written', () => {
  assert.equal(mitreUrl('T1059'), 'https://attack.mitre.org/techniques/T1059');
  assert.equal(mitreUrl('T1546.004'), 'https://attack.mitre.org/techniques/T1546/004');
  assert.equal(mitreUrl('AML.T0051.000'), 'https://atlas.mitre.org/techniques/AML.T0051.000');
  assert.equal(mitreUrl('TA0003'), 'https://attack.mitre.org/techniques/TA0003');
});

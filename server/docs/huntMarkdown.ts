// The Markdown page upstream's `python -m hunting generate-markdown` writes for a hunt,
// reproduced byte for byte (`hunting/<platform>/docs/<name>.md`).
import type { Hunt } from '../library/hunt.ts';
import { pythonStringListRepr } from './pythonRepr.ts';

const INTEGRATION_DOCS_URL = 'https://docs.elastic.co/integrations';
/** Integrations whose docs page is not at `<package>/<dataset>`. */
const INTEGRATION_DOCS_PATHS: Record<string, string> = { 'aws_bedrock.invocation': 'aws_bedrock' };
const ATTACK_TECHNIQUES_URL = 'https://attack.mitre.org/techniques/';
const ATLAS_TECHNIQUES_URL = 'https://atlas.mitre.org/techniques/';

/** `fileName` is the hunt file's own name (`x.toml`); the page links to it at `../queries/x.toml`. */
export function huntMarkdown(hunt: Hunt, fileName: string): string {
  let page = `# ${hunt.name}\n\n---\n\n## Metadata\n\n`;
  page += `- **Author:** ${hunt.author}\n`;
  page += `- **Description:** ${hunt.description}\n`;
  page += `- **UUID:** \`${hunt.uuid}\`\n`;
  page += `- **Integration:** ${hunt.integration.map(integrationLink).join(', ')}\n`;
  // Upstream prints the Python list and then deletes every quote character from the line.
  page += `- **Language:** \`${pythonStringListRepr(hunt.language)}\`\n`.replace(/['"]/g, '');
  page += `- **Source File:** [${hunt.name}](../queries/${fileName})\n`;
  page += '\n## Query\n\n';
  for (const query of hunt.query) page += `\`\`\`sql\n${query}\`\`\`\n\n`;
  // The sections below are joined exactly as upstream joins them, blank lines included.
  if (hunt.notes.length > 0) page += '## Notes\n\n' + hunt.notes.map((note) => `- ${note}`).join('\n');
  if (hunt.mitre.length > 0) page += '\n\n## MITRE ATT&CK Techniques\n\n' + hunt.mitre.map((id) => `- [${id}](${mitreUrl(id)})`).join('\n');
  if (hunt.references.length > 0) page += '\n\n## References\n\n' + hunt.references.map((reference) => `- ${reference}`).join('\n');
  page += `\n\n## License\n\n- \`${hunt.license}\`\n`;
  return page;
}

function integrationLink(integration: string): string {
  const path = INTEGRATION_DOCS_PATHS[integration] ?? integration.replaceAll('.', '/');
  return `[${integration}](${INTEGRATION_DOCS_URL}/${path})`;
}

/** ATLAS ids (`AML.T0051`) link to MITRE ATLAS as written; ATT&CK ids turn dots into path segments (`T1071/001`). */
export function mitreUrl(id: string): string {
  if (id.startsWith('AML')) return ATLAS_TECHNIQUES_URL + id;
  return ATTACK_TECHNIQUES_URL + (id.startsWith('T') ? id.replaceAll('.', '/') : id);
}

// A detection rule's reference page in Markdown, laid out like Elastic's published prebuilt
// rule reference: metadata list, investigation guide, setup, query, MITRE ATT&CK mapping.
import { tactic as attackTactic, technique as attackTechnique } from '../data/attack.ts';

export interface RuleMarkdownOptions {
  /** The rule's version, which rule files leave to a version lock; shown when known. */
  version?: number;
}

const DATE_MATH_URL = 'https://www.elastic.co/guide/en/elasticsearch/reference/current/common-options.html#date-math';
const LOOK_BACK_URL = 'https://www.elastic.co/guide/en/security/current/rules-ui-create.html#rule-schedule';
// Kibana's defaults for a rule that does not set them.
const DEFAULT_INTERVAL = '5m';
const DEFAULT_FROM = 'now-6m';
const DEFAULT_MAX_SIGNALS = 100;

/** `document` is a whole parsed rule file (`[metadata]` and `[rule]`). */
export function ruleMarkdown(document: Record<string, unknown>, options: RuleMarkdownOptions = {}): string {
  const metadata = record(document.metadata);
  const rule = record(document.rule);
  const blocks: string[] = [`# ${text(rule.name) || 'Untitled rule'}`];
  const description = text(rule.description).trim();
  if (description) blocks.push(description);
  if (metadata.maturity === 'deprecated') blocks.push(deprecationNotice(metadata));

  blocks.push(field('Rule type', text(rule.type)));
  if (rule.index !== undefined) blocks.push(listField('Rule indices', strings(rule.index)));
  blocks.push(...ruleTypeFields(rule));
  blocks.push(field('Severity', text(rule.severity)));
  blocks.push(field('Risk score', text(rule.risk_score)));
  blocks.push(field('Runs every', text(rule.interval) || DEFAULT_INTERVAL));
  blocks.push(field('Searches indices from', `${text(rule.from) || DEFAULT_FROM} ([Date Math format](${DATE_MATH_URL}), [Additional look-back time](${LOOK_BACK_URL}))`));
  blocks.push(field('Maximum alerts per execution', text(rule.max_signals) || String(DEFAULT_MAX_SIGNALS)));
  blocks.push(listField('References', strings(rule.references).map((url) => `[${url}](${url})`)));
  blocks.push(listField('Tags', strings(rule.tags)));
  const version = options.version ?? (typeof rule.version === 'number' ? rule.version : undefined);
  if (version !== undefined) blocks.push(field('Version', String(version)));
  blocks.push(listField('Rule authors', strings(rule.author)));
  blocks.push(field('Rule license', text(rule.license)));

  const note = text(rule.note).trim();
  if (note) blocks.push('## Investigation guide', nestMarkdown(note, 2));
  const setup = withoutLeadingHeading(text(rule.setup).trim(), 'setup');
  if (setup) blocks.push('## Setup', nestMarkdown(setup, 2));
  const query = text(rule.query).replace(/\n+$/, '');
  if (query) blocks.push('## Rule query', fencedCode(query, queryLanguage(rule)));
  if (rule.threat_query !== undefined) blocks.push('## Indicator query', fencedCode(text(rule.threat_query).replace(/\n+$/, ''), text(rule.threat_language) || 'kuery'));
  blocks.push(...threatSections(rule.threat));
  return blocks.join('\n\n') + '\n';
}

function deprecationNotice(metadata: Record<string, unknown>): string {
  const date = text(metadata.deprecation_date);
  const reason = text(metadata.deprecated_reason).trim();
  return `> **Deprecated**${date ? ` since ${date}` : ''}.${reason ? ` ${reason}` : ''}`;
}

/** The settings that define what a rule of each non-query type looks for. */
function ruleTypeFields(rule: Record<string, unknown>): string[] {
  switch (rule.type) {
    case 'machine_learning':
      return [listField('Machine learning jobs', strings(rule.machine_learning_job_id)), field('Anomaly score threshold', text(rule.anomaly_threshold))];
    case 'threshold': {
      const threshold = record(rule.threshold);
      const cardinality = Array.isArray(threshold.cardinality) ? threshold.cardinality.map(record) : [];
      return [
        field('Threshold', text(threshold.value)),
        ...(threshold.field !== undefined ? [listField('Threshold fields', strings(threshold.field))] : []),
        ...(cardinality.length > 0 ? [listField('Threshold cardinality', cardinality.map((c) => `at least ${text(c.value)} unique values of ${text(c.field)}`))] : []),
      ];
    }
    case 'new_terms': {
      const newTerms = record(rule.new_terms);
      const historyStart = Array.isArray(newTerms.history_window_start) ? record(newTerms.history_window_start[0]).value : undefined;
      return [listField('New terms fields', strings(newTerms.value)), field('History window start', text(historyStart))];
    }
    default:
      return [];
  }
}

function queryLanguage(rule: Record<string, unknown>): string {
  if (typeof rule.language === 'string') return rule.language;
  return rule.type === 'esql' ? 'esql' : rule.type === 'eql' ? 'eql' : 'kuery';
}

interface ThreatReference {
  id: string;
  name: string;
  reference: string;
}

/** One section per framework; tactic, technique and sub-technique each with name, id and link. */
function threatSections(threat: unknown): string[] {
  if (!Array.isArray(threat) || threat.length === 0) return [];
  const byFramework = new Map<string, string[]>();
  for (const entry of threat.map(record)) {
    const framework = text(entry.framework) || 'MITRE ATT&CK';
    const items = byFramework.get(framework) ?? [];
    const tactic = record(entry.tactic);
    items.push(threatItem('Tactic', describe(tactic, attackTactic(text(tactic.id)))));
    for (const technique of Array.isArray(entry.technique) ? entry.technique.map(record) : []) {
      items.push(threatItem('Technique', describe(technique, attackTechnique(text(technique.id)))));
      for (const subtechnique of Array.isArray(technique.subtechnique) ? technique.subtechnique.map(record) : []) {
        items.push(threatItem('Sub-technique', describe(subtechnique, attackTechnique(text(subtechnique.id)))));
      }
    }
    byFramework.set(framework, items);
  }
  return [...byFramework].flatMap(([framework, items]) => [`## Framework: ${framework}`, items.join('\n\n')]);
}

/** The rule's own name and link, or the ATT&CK catalog's where the rule leaves them out. */
function describe(entry: Record<string, unknown>, catalog: { name: string; url: string } | undefined): ThreatReference {
  return {
    id: text(entry.id),
    name: text(entry.name) || catalog?.name || '',
    reference: text(entry.reference) || catalog?.url || '',
  };
}

function threatItem(kind: string, { id, name, reference }: ThreatReference): string {
  const link = reference ? `[${reference}](${reference})` : 'None';
  return `* ${kind}:\n    * Name: ${name}\n    * ID: ${id}\n    * Reference URL: ${link}`;
}

function field(label: string, value: string): string {
  return `**${label}**: ${value || 'None'}`;
}

function listField(label: string, values: readonly string[]): string {
  if (values.length === 0) return field(label, '');
  return `**${label}**:\n\n${values.map((value) => `* ${value}`).join('\n')}`;
}

/** A fence longer than any backtick run inside the code. */
function fencedCode(code: string, language: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^( {0,3})(#{1,6})(?=[ \t]|$)/;

/** Shifts the headings of embedded Markdown so that its top level sits just below `parentLevel`. */
export function nestMarkdown(markdown: string, parentLevel: number): string {
  const lines = markdown.split('\n');
  const headingLines = outsideCodeBlocks(lines).filter((i) => ATX_HEADING.test(lines[i]));
  if (headingLines.length === 0) return markdown;
  const top = Math.min(...headingLines.map((i) => ATX_HEADING.exec(lines[i])![2].length));
  const shift = parentLevel + 1 - top;
  for (const i of headingLines) {
    lines[i] = lines[i].replace(ATX_HEADING, (_, indent: string, hashes: string) => indent + '#'.repeat(Math.min(6, Math.max(1, hashes.length + shift))));
  }
  return lines.join('\n');
}

/** Setup texts usually open with their own "Setup" heading, which the page already has. */
function withoutLeadingHeading(markdown: string, title: string): string {
  const [first, ...rest] = markdown.split('\n');
  const match = ATX_HEADING.exec(first ?? '');
  if (!match || first.slice(match[0].length).trim().toLowerCase() !== title) return markdown;
  return rest.join('\n').trim();
}

/** Indexes of the lines that are not inside fenced code blocks. */
function outsideCodeBlocks(lines: readonly string[]): number[] {
  const indexes: number[] = [];
  let openFence: string | undefined;
  lines.forEach((line, i) => {
    const fence = FENCE.exec(line)?.[1];
    if (openFence) {
      if (fence && fence[0] === openFence[0] && fence.length >= openFence.length && line.trim() === fence) openFence = undefined;
    } else if (fence) openFence = fence;
    else indexes.push(i);
  });
  return indexes;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return '';
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((item) => item !== '');
  const single = text(value);
  return single ? [single] : [];
}

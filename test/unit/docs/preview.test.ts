// Preview HTML for corpus hunts and rules, and its safety against hostile content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, tomlFiles } from '../../support/corpus.ts';
import { readHunt } from '../../../server/library/hunt.ts';
import { renderPreview, slug } from '../../../server/docs/preview.ts';

const DPKG_PATH = join(CORPUS, 'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml');
const DNF_PATH = join(CORPUS, 'rules/linux/persistence_dnf_package_manager_plugin_file_creation.toml');
const DPKG_TEXT = readFileSync(DPKG_PATH, 'utf8');
const DNF_TEXT = readFileSync(DNF_PATH, 'utf8');

function headings(html: string): string[] {
  return [...html.matchAll(/<(h[1-6]) id="([^"]*)">(.*?)<\/h[1-6]>/g)].map(([, tag, id, text]) => `${tag}#${id} ${text}`);
}

function codeBlocks(html: string): { language: string; html: string }[] {
  return [...html.matchAll(/<pre class="hk-code"><code class="language-([a-z]+)">([\s\S]*?)<\/code><\/pre>/g)].map(([, language, body]) => ({ language, html: body }));
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A minimal rule file around the given `[rule]` lines. */
function ruleFile(ruleLines: string): string {
  return `[metadata]\ncreation_date = "2024/01/01"\nmaturity = "production"\n\n[rule]\nname = "Test Rule"\ntype = "eql"\nlanguage = "eql"\nrisk_score = 21\nseverity = "low"\n${ruleLines}\n`;
}

test('DPKG/RPM hunt: title, sections with anchors, MITRE links, each query highlighted in its own language', () => {
  const preview = renderPreview(DPKG_TEXT, DPKG_PATH);
  assert.equal(preview.kind, 'hunt');
  assert.equal(preview.title, 'Persistence via DPKG/RPM Package');
  assert.deepEqual(preview.problems, []);
  assert.deepEqual(headings(preview.html), [
    'h1#persistence-via-dpkgrpm-package Persistence via DPKG/RPM Package',
    'h2#metadata Metadata',
    'h2#query Query',
    'h2#notes Notes',
    'h2#mitre-attck-techniques MITRE ATT&amp;CK Techniques',
    'h2#license License',
  ]);
  assert.ok(preview.html.includes('<h2 id="mitre-attck-techniques">MITRE ATT&amp;CK Techniques</h2>\n<ul>\n<li><a href="https://attack.mitre.org/techniques/T1546/016">T1546.016</a></li>\n</ul>'));
  assert.ok(preview.html.includes('<a href="https://docs.elastic.co/integrations/endpoint">endpoint</a>'));
  assert.ok(preview.html.includes('<a href="../queries/persistence_via_rpm_dpkg_installer_packages.toml">Persistence via DPKG/RPM Package</a>'));

  // Upstream fences every query as `sql`: two are ES|QL and one is osquery SQL.
  const blocks = codeBlocks(preview.html);
  assert.deepEqual(blocks.map((block) => block.language), ['esql', 'esql', 'sql']);
  const queries = readHunt(DPKG_TEXT).hunt!.query;
  blocks.forEach((block, i) => assert.equal(text(block.html), queries[i]));
  assert.ok(blocks[0].html.startsWith('<span class="hk-keyword">from</span> logs-endpoint.events.file-*\n<span class="hk-operator">|</span> <span class="hk-keyword">keep</span> <span class="hk-field">@timestamp</span>'));
  assert.ok(blocks[0].html.includes('<span class="hk-function">count_distinct</span>(<span class="hk-field">agent.id</span>)'));
  assert.ok(blocks[2].html.startsWith('<span class="hk-keyword">SELECT</span>\n    <span class="hk-field">f</span>.<span class="hk-field">filename</span>'));
  assert.ok(blocks[2].html.includes('<span class="hk-comment">-- Modified in the last 7 days</span>'));
  // Windows line endings in the editor render the same page, as upstream reads hunts with universal newlines.
  assert.equal(renderPreview(DPKG_TEXT.replace(/\n/g, '\r\n'), DPKG_PATH).html, preview.html);
});

test('DNF rule: title, metadata, investigation guide headings nested under it, EQL query block, ATT&CK links', () => {
  const preview = renderPreview(DNF_TEXT, DNF_PATH);
  assert.equal(preview.kind, 'rule');
  assert.equal(preview.title, 'DNF Package Manager Plugin File Creation');
  assert.deepEqual(preview.problems, []);
  assert.deepEqual(headings(preview.html), [
    'h1#dnf-package-manager-plugin-file-creation DNF Package Manager Plugin File Creation',
    'h2#investigation-guide Investigation guide',
    'h3#triage-and-analysis Triage and analysis',
    'h4#investigating-dnf-package-manager-plugin-file-creation Investigating DNF Package Manager Plugin File Creation',
    'h4#possible-investigation-steps Possible investigation steps',
    'h4#false-positive-analysis False positive analysis',
    'h4#response-and-remediation Response and remediation',
    'h2#setup Setup',
    'h3#elastic-defend-integration-setup Elastic Defend Integration Setup',
    'h4#prerequisite-requirements Prerequisite Requirements:',
    'h4#the-following-steps-should-be-executed-in-order-to-add-the-elastic-defend-integration-on-a-linux-system The following steps should be executed in order to add the Elastic Defend integration on a Linux System:',
    'h2#rule-query Rule query',
    'h2#framework-mitre-attck Framework: MITRE ATT&amp;CK',
  ]);
  assert.ok(preview.html.includes('<p><strong>Severity</strong>: low</p>'));
  assert.ok(preview.html.includes('<li>Reference URL: <a href="https://attack.mitre.org/techniques/T1546/016/">https://attack.mitre.org/techniques/T1546/016/</a></li>'));
  const blocks = codeBlocks(preview.html);
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0].language, 'eql');
  assert.ok(blocks[0].html.startsWith('<span class="hk-keyword">file</span> <span class="hk-keyword">where</span> <span class="hk-field">host.os.type</span> <span class="hk-operator">==</span> <span class="hk-string">&quot;linux&quot;</span>'));
  const query = /^query = '''\n([\s\S]*?)'''$/m.exec(DNF_TEXT)![1];
  assert.equal(text(blocks[0].html), query);
});

test('raw HTML in a rule note is shown as text, and javascript: links are not links', () => {
  const note = 'note = """## Triage\\n<script>alert(1)</script>\\n<img src=x onerror=alert(2)>\\n[click](javascript:alert(3)) and https://example.com/x"""';
  const preview = renderPreview(ruleFile(`description = "d"\n${note}\nquery = "any where true"`), '/rules/r.toml');
  assert.equal(preview.kind, 'rule');
  assert.ok(preview.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), preview.html);
  assert.ok(preview.html.includes('&lt;img src=x onerror=alert(2)&gt;'));
  assert.ok(!/<script|<img|href="javascript:/i.test(preview.html), preview.html);
  assert.ok(preview.html.includes('[click](javascript:alert(3))'), 'the unsafe link stays as plain text');
  assert.ok(preview.html.includes('<a href="https://example.com/x">https://example.com/x</a>'), 'bare URLs are linked');
});

test('markup in a query, a hunt name or a description is escaped in code blocks and headings', () => {
  const rule = renderPreview(ruleFile('description = "<b>bold</b>"\nquery = \'\'\'process where process.name == "<img src=x onerror=alert(1)>"\'\'\''), '/rules/r.toml');
  const [block] = codeBlocks(rule.html);
  assert.ok(block.html.includes('<span class="hk-string">&quot;&lt;img src=x onerror=alert(1)&gt;&quot;</span>'), block.html);
  assert.ok(rule.html.includes('<p>&lt;b&gt;bold&lt;/b&gt;</p>'));
  assert.ok(!/<img|<b>/.test(rule.html));

  const hunt = renderPreview(DPKG_TEXT.replace('name = "Persistence via DPKG/RPM Package"', 'name = "<svg onload=alert(1)>"'), DPKG_PATH);
  assert.equal(hunt.title, '<svg onload=alert(1)>');
  assert.ok(hunt.html.startsWith('<h1 id="svg-onloadalert1">&lt;svg onload=alert(1)&gt;</h1>'), hunt.html.slice(0, 100));
  assert.ok(!hunt.html.includes('<svg'));
});

test('invalid TOML, an invalid hunt and other files get an escaped explanation, never an exception', () => {
  const broken = renderPreview('[hunt]\nname = "<b>x\n', '/h/queries/<b>.toml');
  assert.equal(broken.kind, 'hunt');
  assert.equal(broken.title, '<b>.toml');
  assert.deepEqual(broken.problems, ['Invalid TOML at 2:13: Unterminated string constant']);
  assert.equal(
    broken.html,
    '<div class="hk-preview-problem">\n<h1>&lt;b&gt;.toml</h1>\n<p class="hk-problem">This file is not valid TOML, so there is nothing to preview until it is fixed.</p>\n<ul class="hk-problem">\n<li>Invalid TOML at 2:13: Unterminated string constant</li>\n</ul>\n</div>\n',
  );

  const invalidHunt = renderPreview(DPKG_TEXT.replace('author = "Elastic"\n', 'authors = "<i>"\n'), DPKG_PATH);
  assert.equal(invalidHunt.kind, 'hunt');
  assert.deepEqual(invalidHunt.problems, ['unknown hunt field `authors`', 'missing required field `author`']);
  assert.ok(invalidHunt.html.includes('<li>unknown hunt field `authors`</li>\n<li>missing required field `author`</li>'));

  const other = renderPreview('[project]\nname = "x"\n', '/repo/pyproject.toml');
  assert.equal(other.kind, 'other');
  assert.equal(other.title, 'pyproject.toml');
  assert.equal(other.problems.length, 1);
  assert.match(other.html, /neither a hunt \(a `\[hunt\]` table\) nor a detection rule/);
});

test('heading anchors follow GitHub: punctuation dropped, repeats numbered', () => {
  assert.equal(slug('MITRE ATT&CK Techniques'), 'mitre-attck-techniques');
  assert.equal(slug('  Step 1: Über-check_it  '), 'step-1-über-check_it');
  const preview = renderPreview(ruleFile('description = "d"\nnote = """### Notes\\ntext\\n### Notes\\nmore\\n### !!!"""\nquery = "any where true"'), '/rules/r.toml');
  assert.deepEqual(headings(preview.html).slice(1, 5), ['h2#investigation-guide Investigation guide', 'h3#notes Notes', 'h3#notes-1 Notes', 'h3#section !!!']);
});

test('every corpus hunt and rule renders: right kind, no problems, query blocks give back the queries, only expected tags', () => {
  const allowedTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'code', 'pre', 'span', 'hr', 'br', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's']);
  let files = 0;
  for (const [folder, kind] of [['hunting', 'hunt'], ['rules', 'rule'], ['rules_building_block', 'rule']] as const) {
    for (const file of tomlFiles(join(CORPUS, folder))) {
      const source = readFileSync(file, 'utf8');
      const preview = renderPreview(source, file);
      files++;
      assert.equal(preview.kind, kind, file);
      assert.deepEqual(preview.problems, [], file);
      for (const [, tag] of preview.html.matchAll(/<\/?([a-zA-Z0-9]+)/g)) assert.ok(allowedTags.has(tag), `${file}: <${tag}>`);
      if (kind === 'hunt') {
        const queries = readHunt(source).hunt!.query;
        const blocks = codeBlocks(preview.html);
        assert.deepEqual(blocks.map((block) => text(block.html)), queries, file);
      }
    }
  }
  assert.equal(files, 140 + 2064 + 128);
});

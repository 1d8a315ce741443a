// The HTML body of a hunt's or rule's preview: the same Markdown the docs command writes,
// rendered safely (raw HTML in notes is shown as text) with highlighted query blocks and
// heading anchors. The webview around it supplies the CSP and styles.
import { basename } from 'node:path';
import MarkdownIt from 'markdown-it';
import { getStaticTOMLValue, parseTOML, ParseError } from 'toml-eslint-parser';
import type { Env, MarkdownIt as MarkdownRenderer } from 'markdown-it';
import type { QueryLanguage } from '../common/language.ts';
import { lineColumn } from '../common/diagnostics.ts';
import { documentKind } from '../document/huntRuleDocument.ts';
import { huntQueryLanguage, straySqlPrefixLength } from '../document/queryLanguage.ts';
import { huntFromTable, universalNewlines } from '../library/hunt.ts';
import { huntMarkdown } from './huntMarkdown.ts';
import { ruleMarkdown } from './ruleMarkdown.ts';
import { escapeHtml, highlightHtml, highlightLanguageOf } from './highlight.ts';
import type { HighlightLanguage } from './highlight.ts';

export interface Preview {
  title: string;
  html: string;
  kind: 'hunt' | 'rule' | 'other';
  /** Why the file could not be rendered as a page (the html then explains it). */
  problems: string[];
}

interface RenderEnv extends Env {
  /** The highlighter for a fenced block, from its info word and its code. */
  fenceLanguage(info: string, code: string): HighlightLanguage | undefined;
}

const QUERY_LANGUAGE_HIGHLIGHT: Record<QueryLanguage, HighlightLanguage> = { eql: 'eql', esql: 'esql', kuery: 'kql', lucene: 'lucene', osquery: 'sql' };

const markdown = createRenderer();

export function renderPreview(text: string, filePath: string): Preview {
  const fileName = basename(filePath);
  // Upstream reads hunts with universal newlines; the generated page must match its docs.
  const source = universalNewlines(text);
  let document: Record<string, unknown>;
  try {
    document = getStaticTOMLValue(parseTOML(source)) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof ParseError ? ` at ${lineColumn(source, error.index)}` : '';
    const problem = `Invalid TOML${where}: ${error instanceof Error ? error.message : String(error)}`;
    return problemPreview(documentKind(undefined, source), fileName, 'This file is not valid TOML, so there is nothing to preview until it is fixed.', [problem]);
  }
  const kind = documentKind(document, source);
  if (kind === 'hunt') {
    const { hunt, problems } = huntFromTable(document.hunt as Record<string, unknown>);
    if (!hunt) return problemPreview(kind, fileName, 'This hunt cannot be rendered until these problems are fixed:', problems);
    const env: RenderEnv = {
      // Upstream fences every hunt query as `sql`; highlight each in the language it is written in.
      fenceLanguage: (info, code) => {
        if (info !== 'sql') return highlightLanguageOf(info);
        const language = huntQueryLanguage(hunt.language, code);
        return language && QUERY_LANGUAGE_HIGHLIGHT[language];
      },
    };
    return { title: hunt.name, html: markdown.render(huntMarkdown(hunt, fileName), env), kind, problems: [] };
  }
  if (kind === 'rule') {
    const rule = document.rule as Record<string, unknown>;
    const env: RenderEnv = { fenceLanguage: (info) => highlightLanguageOf(info) };
    return { title: typeof rule.name === 'string' && rule.name ? rule.name : fileName, html: markdown.render(ruleMarkdown(document), env), kind, problems: [] };
  }
  return problemPreview(kind, fileName, 'This file is neither a hunt (a `[hunt]` table) nor a detection rule (`[metadata]` and `[rule]` tables).', []);
}

function problemPreview(kind: Preview['kind'], fileName: string, explanation: string, problems: string[]): Preview {
  let html = `<div class="hk-preview-problem">\n<h1>${escapeHtml(fileName)}</h1>\n<p class="hk-problem">${escapeHtml(explanation)}</p>\n`;
  if (problems.length > 0) html += `<ul class="hk-problem">\n${problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('\n')}\n</ul>\n`;
  html += '</div>\n';
  return { title: fileName, html, kind, problems: problems.length > 0 ? problems : [explanation] };
}

function createRenderer(): MarkdownRenderer {
  const md = new MarkdownIt({ html: false, linkify: true });
  md.renderer.rules.fence = (tokens, index, _options, renderEnv) => {
    const env = renderEnv as RenderEnv;
    const token = tokens[index];
    const info = md.utils.unescapeAll(token.info).trim().split(/\s+/)[0] ?? '';
    const language = info === '' ? undefined : env.fenceLanguage(info, token.content);
    const className = language ?? info;
    const classAttribute = className ? ` class="language-${escapeHtml(className)}"` : '';
    return `<pre class="hk-code"><code${classAttribute}>${language ? highlightQuery(token.content, language) : escapeHtml(token.content)}</code></pre>\n`;
  };
  md.core.ruler.push('heading_anchors', (state) => {
    const used = new Map<string, number>();
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open') return;
      const inline = state.tokens[index + 1];
      const text = (inline.children ?? []).filter((child) => child.type === 'text' || child.type === 'code_inline').map((child) => child.content).join('');
      token.attrSet('id', uniqueSlug(slug(text), used));
    });
  });
  return md;
}

/** A stray `sql` line some hunts open with is not part of the query: leave it unhighlighted. */
function highlightQuery(code: string, language: HighlightLanguage): string {
  const prefix = straySqlPrefixLength(code);
  return escapeHtml(code.slice(0, prefix)) + highlightHtml(code.slice(prefix), language);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function uniqueSlug(base: string, used: Map<string, number>): string {
  const stem = base || 'section';
  const count = used.get(stem) ?? 0;
  used.set(stem, count + 1);
  return count === 0 ? stem : `${stem}-${count}`;
}

// Expands a VS Code snippet body the way accepting it would: every tabstop takes what
// the user typed (`typed`) or else its placeholder text, mirrors copy it, a choice takes
// its first option, variables take the given values. Throws on syntax it does not know
// (transforms) rather than guessing.

export function expandSnippet(body: string, variables: Readonly<Record<string, string>>, typed: Readonly<Record<number, string>> = {}): string {
  const parser = new SnippetParser(body);
  const nodes = parser.parseAll();
  const defaults = new Map<number, Node[]>();
  const collect = (list: Node[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop') {
        if (node.children && !defaults.has(node.index)) defaults.set(node.index, node.children);
        if (node.children) collect(node.children);
      } else if (node.kind === 'variable' && node.children) collect(node.children);
    }
  };
  collect(nodes);
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.text;
          case 'tabstop': {
            if (Object.hasOwn(typed, node.index)) return typed[node.index];
            const value = defaults.get(node.index);
            return value ? render(value) : '';
          }
          case 'variable': {
            if (Object.hasOwn(variables, node.name)) return variables[node.name];
            if (node.children) return render(node.children);
            throw new Error(`unknown snippet variable $${node.name}`);
          }
        }
      })
      .join('');
  return render(nodes);
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children?: Node[] }
  | { kind: 'variable'; name: string; children?: Node[] };

class SnippetParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseAll(): Node[] {
    const nodes = this.parseUntil(null);
    if (this.pos < this.text.length) throw new Error(`unexpected ${this.text[this.pos]} at ${this.pos}`);
    return nodes;
  }

  /** Nodes up to (not including) an unescaped `stop` character. */
  private parseUntil(stop: '}' | null): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '\\' && '$}\\'.includes(this.text[this.pos + 1] ?? '')) {
        text += this.text[this.pos + 1];
        this.pos += 2;
      } else if (c === stop) {
        break;
      } else if (c === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += c;
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  private parseDollar(): Node | null {
    const rest = this.text.slice(this.pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'variable', name: m[1] };
    }
    m = /^\$\{(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      const index = Number(m[1]);
      const next = this.text[this.pos];
      if (next === '}') {
        this.pos++;
        return { kind: 'tabstop', index };
      }
      if (next === ':') {
        this.pos++;
        const children = this.parseUntil('}');
        this.expect('}');
        return { kind: 'tabstop', index, children };
      }
      if (next === '|') {
        this.pos++;
        return { kind: 'tabstop', index, children: [{ kind: 'text', text: this.parseChoice()[0] }] };
      }
      throw new Error(`unsupported snippet syntax at ${this.pos}: ${rest.slice(0, 20)}`);
    }
    m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      const name = m[1];
      if (this.text[this.pos] === '}') {
        this.pos++;
        return { kind: 'variable', name };
      }
      if (this.text[this.pos] === ':') {
        this.pos++;
        const children = this.parseUntil('}');
        this.expect('}');
        return { kind: 'variable', name, children };
      }
      throw new Error(`unsupported snippet syntax at ${this.pos}: ${rest.slice(0, 20)}`);
    }
    return null;
  }

  /** `a,b\,c|}` after `${n|`: the options, with `\,` `\|` `\\` `\$` `\}` unescaped. */
  private parseChoice(): string[] {
    const options: string[] = [];
    let option = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '\\' && ',|$}\\'.includes(this.text[this.pos + 1] ?? '')) {
        option += this.text[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(option);
        option = '';
        this.pos++;
      } else if (c === '|' && this.text[this.pos + 1] === '}') {
        options.push(option);
        this.pos += 2;
        return options;
      } else {
        option += c;
        this.pos++;
      }
    }
    throw new Error('unterminated choice');
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) throw new Error(`expected ${c} at ${this.pos}`);
    this.pos++;
  }
}

// Elasticsearch index mappings flattened to what the engine needs: the type of
// each dotted field path, aliases, multi-fields, and per-field options that change
// how source values read (date `format`, `null_value`, `scaling_factor`).
import type { FieldType, JsonValue } from './values.ts';

export interface MappedField {
  path: string;
  /** The mapped type as written (`keyword`, `date`, ...). */
  type: FieldType | string;
  /** For `alias` fields: the concrete field path it stands for. */
  aliasOf?: string;
  /** For a multi-field (`name.keyword`): the field whose source value it indexes. */
  multiFieldOf?: string;
  /** Date formats (`dd-MM-yyyy`, `epoch_millis`, ...). */
  format?: string;
  /** Value indexed in place of an explicit null. */
  nullValue?: JsonValue;
  scalingFactor?: number;
  ignoreAbove?: number;
}

export interface IndexMapping {
  fields: ReadonlyMap<string, MappedField>;
  /** Alias path → concrete path, ready for `compileFieldAccessor`'s `aliases` option. */
  aliases: ReadonlyMap<string, string>;
}

export interface MappingTextOptions {
  /** Replacement for Elasticsearch's test placeholder `[runtime_random_keyword_type]`. Default `keyword`. */
  keywordPlaceholderType?: string;
}

const KEYWORD_PLACEHOLDER = '[runtime_random_keyword_type]';

/**
 * Parses mapping JSON (`{"properties": …}`, optionally wrapped in `{"mappings": …}`),
 * dropping `#` comment lines the way Elasticsearch's test loaders do.
 */
export function parseMappingText(text: string, options: MappingTextOptions = {}): IndexMapping {
  const json = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replaceAll(KEYWORD_PLACEHOLDER, options.keywordPlaceholderType ?? 'keyword');
  return flattenMapping(JSON.parse(json) as MappingNode);
}

/** Mapping JSON as Elasticsearch accepts it. */
export interface MappingNode {
  mappings?: MappingNode;
  properties?: Record<string, MappingNode>;
  fields?: Record<string, MappingNode>;
  type?: string;
  path?: string;
  format?: string;
  null_value?: JsonValue;
  scaling_factor?: number;
  ignore_above?: number;
}

/** Flattens parsed mapping JSON into dotted field paths. */
export function flattenMapping(root: MappingNode): IndexMapping {
  const fields = new Map<string, MappedField>();
  const aliases = new Map<string, string>();
  const describe = (path: string, node: MappingNode, type: string): MappedField => {
    const field: MappedField = { path, type };
    if (node.format !== undefined) field.format = node.format;
    if (node.null_value !== undefined) field.nullValue = node.null_value;
    if (node.scaling_factor !== undefined) field.scalingFactor = node.scaling_factor;
    if (node.ignore_above !== undefined) field.ignoreAbove = node.ignore_above;
    return field;
  };
  const visit = (properties: Record<string, MappingNode>, prefix: string) => {
    for (const [name, node] of Object.entries(properties)) {
      const path = prefix + name;
      const type = node.type ?? 'object';
      const field = describe(path, node, type);
      if (type === 'alias' && node.path !== undefined) {
        field.aliasOf = node.path;
        aliases.set(path, node.path);
      }
      fields.set(path, field);
      for (const [sub, subNode] of Object.entries(node.fields ?? {})) {
        const subField = describe(`${path}.${sub}`, subNode, subNode.type ?? 'keyword');
        subField.multiFieldOf = path;
        fields.set(subField.path, subField);
      }
      if (node.properties) visit(node.properties, `${path}.`);
    }
  };
  visit((root.mappings ?? root).properties ?? {}, '');
  return { fields, aliases };
}

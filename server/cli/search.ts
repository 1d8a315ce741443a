// `huntkit search`: hunts by ATT&CK tactic, technique or sub-technique, data source or keyword.
import { huntsJson, huntTable } from '../library/format.ts';
import { resolveTactic, searchHunts, type HuntSearch } from '../library/search.ts';
import { oneOf, parseCommandArgs, UsageError, type Command } from './command.ts';
import { loadHuntingLibrary, plural } from './huntingDirectory.ts';

const FORMATS = ['table', 'json'] as const;

export const searchCommand: Command = {
  usage: `usage: huntkit search [--tactic ID] [--technique ID] [--subtechnique ID] [--data-source X]
                      [--keyword K] [--format table|json] [--path HUNTING_DIR]

Lists the hunts that match every criterion given (at least one is required):
  --tactic ID          a tactic id (TA0003), name (Persistence) or short name (persistence)
  --technique ID       a technique id; T1071 also matches its sub-techniques
  --subtechnique ID    a sub-technique id, matched exactly (T1071.001)
  --data-source X      a platform folder (aws), an integration (aws.cloudtrail) or its package (aws)
  --keyword K          text in the name, description, notes or references (any case)
  --format F           table (default) or json
  --path HUNTING_DIR   the hunting directory (default: the one under the current directory)`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      tactic: { type: 'string' },
      technique: { type: 'string' },
      subtechnique: { type: 'string' },
      'data-source': { type: 'string' },
      keyword: { type: 'string' },
      format: { type: 'string', short: 'f' },
      path: { type: 'string' },
    });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (the hunting directory goes after --path)`);
    const format = oneOf('format', values.format, FORMATS, 'table');
    const search: HuntSearch = {
      tactic: values.tactic,
      technique: values.technique,
      subtechnique: values.subtechnique,
      dataSource: values['data-source'],
      keyword: values.keyword,
    };
    if (Object.values(search).every((value) => value === undefined)) {
      throw new UsageError('give at least one of --tactic, --technique, --subtechnique, --data-source, --keyword');
    }
    if (search.tactic !== undefined && !resolveTactic(search.tactic)) {
      throw new UsageError(`unknown tactic '${search.tactic}': use an id (TA0003), a name (Persistence) or a short name (persistence)`);
    }
    if (search.subtechnique !== undefined && !search.subtechnique.includes('.')) {
      throw new UsageError(`--subtechnique takes a sub-technique id such as T1071.001 (got '${search.subtechnique}'); use --technique for a technique`);
    }
    const found = searchHunts(loadHuntingLibrary(values.path).hunts, search);
    if (format === 'json') process.stdout.write(huntsJson(found));
    else process.stdout.write((found.length > 0 ? huntTable(found) : '') + `${plural(found.length, 'hunt')} found\n`);
    return 0;
  },
};

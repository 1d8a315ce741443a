// `huntkit summary`: hunt counts by platform, integration or language.
import { summaryJson, summaryTable } from '../library/format.ts';
import { summarize, type SummaryBreakdown } from '../library/summary.ts';
import { oneOf, parseCommandArgs, UsageError, type Command } from './command.ts';
import { loadHuntingLibrary, plural } from './huntingDirectory.ts';

const BREAKDOWNS = ['platform', 'integration', 'language'] as const satisfies readonly SummaryBreakdown[];
const FORMATS = ['table', 'json'] as const;

export const summaryCommand: Command = {
  usage: `usage: huntkit summary --breakdown platform|integration|language [--format table|json] [--path HUNTING_DIR]

Counts the hunts per platform folder, integration or query language, largest
first. A hunt with several integrations or languages counts once under each.
  --format F           table (default) or json
  --path HUNTING_DIR   the hunting directory (default: the one under the current directory)`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { breakdown: { type: 'string', short: 'b' }, format: { type: 'string', short: 'f' }, path: { type: 'string' } });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (the hunting directory goes after --path)`);
    if (values.breakdown === undefined) throw new UsageError(`--breakdown is required: one of ${BREAKDOWNS.join(', ')}`);
    const breakdown = oneOf('breakdown', values.breakdown, BREAKDOWNS, 'platform');
    const format = oneOf('format', values.format, FORMATS, 'table');
    const { hunts } = loadHuntingLibrary(values.path);
    const rows = summarize(hunts, breakdown);
    if (format === 'json') process.stdout.write(summaryJson(rows, breakdown));
    else process.stdout.write(summaryTable(rows, breakdown) + `${plural(hunts.length, 'hunt')} in total\n`);
    return 0;
  },
};

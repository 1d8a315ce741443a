// `huntkit test`: runs each hunt's and rule's queries over its test events and checks what they find.
import { findTomlFiles } from '../service/files.ts';
import { oneOf, parseCommandArgs, UsageError, type Command } from './command.ts';
import { findTestSubjects, runSubjectTests, type QueryTestResult } from './engineOutput/queryTests.ts';
import { junitReport, tapReport, TEST_FORMATS, textReport } from './engineOutput/testReports.ts';

export const testCommand: Command = {
  usage: `usage: huntkit test [PATH...] [--format text|junit|tap]

Finds hunts and rules under PATHs (default: .) that have test events beside
them and runs their queries over those events:

  foo.toml          the hunt or rule
  foo.test.ndjson   its test events (or foo.test.json, a JSON array); an event
                    the query must return carries "huntkit.expect": true, or for
                    a hunt the numbers of the queries that must return it, [0, 2]
  foo.test.toml     optional: now = "2024-05-01T12:00:00Z" (the clock; default
                    one minute after the newest test event), and
                    [[expect]] query = N, count = C for an exact result count

With marked events a query passes when it returns exactly the marked ones;
without marks, when it returns anything (or exactly count results). ES|QL
tables pass with at least one row, or exactly count rows.

Exit status: 1 when a test fails, 2 on bad usage, 0 otherwise.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string', short: 'f' } });
    if (values.help) {
      process.stdout.write(this.usage + '\n');
      return 0;
    }
    const format = oneOf('format', values.format, TEST_FORMATS, 'text');
    let files: string[];
    try {
      files = findTomlFiles(positionals.length > 0 ? positionals : ['.']);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const subjects = findTestSubjects(files);
    if (subjects.length === 0) process.stderr.write('huntkit test: no tests found (a test is a <name>.test.ndjson beside <name>.toml)\n');
    const results: QueryTestResult[] = [];
    for (const subject of subjects) results.push(...(await runSubjectTests(subject)));
    const report = format === 'junit' ? junitReport(results) : format === 'tap' ? tapReport(results) : textReport(results);
    process.stdout.write(report);
    return results.some((r) => r.status === 'failed') ? 1 : 0;
  },
};

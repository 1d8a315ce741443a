// Parse-time benchmark: median time to parse (and, separately, check) a
// detection-style ES|QL query of about 5 KB. Target: median parse < 0.5 ms.
//   node --import tsx test/bench/parse-esql.ts [runs=2000]
import { esqlFrontEnd } from '../../server/esql/index.ts';

const TARGET_MS = 0.5;
const runs = Number(process.argv[2] ?? 2000);

const INDICATORS = ['-enc', 'frombase64string', 'downloadstring', 'invoke-expression', 'bypass', 'hidden', 'iex', 'webclient', 'bitsadmin', 'certutil'];
const PARENTS = ['winword.exe', 'excel.exe', 'outlook.exe', 'mshta.exe', 'wscript.exe', 'cscript.exe'];

/** A realistic hunting query grown clause by clause to at least `length` characters. */
function detectionQuery(length: number): string {
  const lines = [
    'FROM logs-endpoint.events.process-*, logs-windows.sysmon_operational-*, logs-system.security-* METADATA _id, _version, _index',
    '| WHERE @timestamp > NOW() - 7 days AND host.os.type == "windows" AND event.category == "process" AND event.type == "start"',
    `    AND process.parent.name IN (${PARENTS.map((p) => `"${p}"`).join(', ')})`,
    '    AND NOT process.executable LIKE """C:\\Program Files\\*""" AND process.args IS NOT NULL // exclude installed software',
    '| EVAL Esql.command_line = TO_LOWER(MV_CONCAT(process.args, " ")), Esql.time_window = DATE_TRUNC(5 minutes, @timestamp)',
  ];
  const tail = [
    '| STATS Esql.event_count = COUNT(*), Esql.host_count = COUNT_DISTINCT(host.id), Esql.user_values = VALUES(user.name),',
    '        Esql.first_seen = MIN(@timestamp), Esql.last_seen = MAX(@timestamp), Esql.score = MAX(Esql.indicator_0 + Esql.indicator_1)',
    '    BY process.executable, process.parent.name, Esql.time_window',
    '| WHERE Esql.host_count <= 3 AND Esql.event_count < 50 AND Esql.score >= 2',
    '| SORT Esql.score DESC NULLS LAST, Esql.event_count ASC',
    '| KEEP Esql.*, process.executable, process.parent.name',
    '| LIMIT 100',
  ];
  for (let i = 0; [...lines, ...tail].join('\n').length < length; i++) {
    const indicator = INDICATORS[i % INDICATORS.length]!;
    lines.push(
      `| EVAL Esql.indicator_${i} = CASE(Esql.command_line LIKE "*${indicator}*", ${1 + (i % 3)}, Esql.command_line RLIKE """.*${indicator}[0-9]{2,}.*""", 1, 0)`,
    );
  }
  lines.push(...tail);
  return lines.join('\n');
}

const query = detectionQuery(5000);
const { ast, diagnostics } = esqlFrontEnd.parse(query);
const semantic = esqlFrontEnd.check(ast, query, {});
if (diagnostics.length + semantic.length > 0) {
  console.error('the benchmark query is not clean:', [...diagnostics, ...semantic]);
  process.exit(1);
}

function median(measure: () => void): number {
  for (let i = 0; i < 300; i++) measure();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    measure();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const parseMedian = median(() => esqlFrontEnd.parse(query));
const checkMedian = median(() => esqlFrontEnd.check(ast, query, {}));
console.log(`query         ${query.length} chars, ${ast.pipeline.commands.length} commands`);
console.log(`parse median  ${parseMedian.toFixed(3)} ms over ${runs} runs`);
console.log(`check median  ${checkMedian.toFixed(3)} ms`);
console.log(`target        parse median < ${TARGET_MS} ms: ${parseMedian < TARGET_MS ? 'met' : 'missed'}`);

// Seeded fuzz inputs for the ES|QL front-end: mutations of valid queries,
// token soup, random characters and deep nesting. Shared by the unit fuzz
// test and test/bench/fuzz-esql.ts.
import { int, pick, seededRandom } from '../../support/fuzzing.ts';

/** Valid queries covering every command and most expression forms. */
export const SEED_QUERIES: readonly string[] = [
  'FROM logs-endpoint.events.process-*, remote:logs-* METADATA _id, _index, _version\n| WHERE process.name == "cmd.exe" AND @timestamp > NOW() - 7 days\n| KEEP @timestamp, host.name, process.*',
  'from logs-* | where event.category == "process" and not process.args like ("*-enc*", "*-e *") | stats c = count(*), hosts = count_distinct(host.id) by process.executable | where c < 5 | sort c asc nulls first | limit 100',
  'ROW a = 1, b = "two", c = [1, 2, 3], d = 1.5e3, e = null, f = true, g = ?p, h = ?1\n| EVAL x = a + 2 * 3 - 4 / 5 % 6, y = CASE(a > 0, "pos", a < 0, "neg", "zero")',
  'FROM a | DISSECT message "%{date} - %{msg}" APPEND_SEPARATOR = "-" | GROK msg "%{WORD:verb} %{NUMBER:bytes:int}", "%{IP:ip}"',
  'FROM a | ENRICH _any:hosts-policy ON host.name WITH owner = user, dept | MV_EXPAND owner | RENAME owner AS host_owner, dept2 = dept | DROP dept*',
  'FROM a | LOOKUP JOIN threat_intel ON source.ip | INLINE STATS n = COUNT(*) WHERE x > 1 BY source.ip | INLINESTATS m = MAX(n)',
  'TS metrics-* | STATS load = avg(rate(requests)) BY host, bucket(@timestamp, 1 hour) | CHANGE_POINT load ON host AS kind, p',
  'FROM a | FORK (WHERE x > 1 | EVAL y = 1) (STATS c = count(*) BY z) | FUSE linear SCORE BY _score KEY BY _id GROUP BY _fork WITH {"normalizer": "minmax"}',
  'FROM a | COMPLETION answer = CONCAT("Summarise: ", message) WITH { "inference_id": "my-llm" } | RERANK "query" ON title, body WITH {"inference_id": "reranker"} | SAMPLE 0.25',
  'FROM a | EVAL t = DATE_TRUNC(5m, @timestamp), s = TO_STRING(x)::keyword, i = "10"::int, m = message:"error" | WHERE t >= "2024-01-01T00:00:00Z" AND s RLIKE """[a-z]+\\d"""',
  'SHOW INFO | KEEP version',
  'FROM `weird-index`, "quoted*" | WHERE match(message, "x", {"fuzziness": 1}) | EVAL `a b` = 1, c.`d.e` = 2 | KEEP `a b`, c.*',
  'FROM a // comment | not a pipe\n/* block /* nested */ comment */ | URI_PARTS p = url.original | USER_AGENT ua = user_agent.original | REGISTERED_DOMAIN d = dns.question.name',
  'SET time_zone = "UTC"; FROM a | STATS x = percentile(bytes, 95), v = values(host.name) WHERE host.name IS NOT NULL | EVAL y = mv_count(v) | SORT y DESC',
];

const VOCABULARY: readonly string[] = [
  'FROM', 'ROW', 'SHOW', 'INFO', 'TS', 'WHERE', 'EVAL', 'KEEP', 'DROP', 'RENAME', 'STATS', 'INLINE', 'INLINESTATS', 'SORT', 'LIMIT',
  'DISSECT', 'GROK', 'ENRICH', 'MV_EXPAND', 'LOOKUP', 'JOIN', 'CHANGE_POINT', 'COMPLETION', 'SAMPLE', 'FORK', 'RERANK', 'FUSE',
  'METADATA', 'BY', 'ON', 'WITH', 'AS', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'RLIKE', 'IS', 'NULL', 'NULLS', 'FIRST', 'LAST', 'ASC',
  'DESC', 'true', 'false', 'null', '|', ',', '.', '(', ')', '[', ']', '{', '}', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-',
  '*', '/', '%', '::', ':', ';', '->', '?', '?x', '?1', '??f', '1', '0.5', '1e3', '7 days', '5m', '"s"', '"unterminated', '"""t"""',
  '"""open', '"\\q"', '`q`', '`open', 'a', 'b.c', '@timestamp', '_id', 'count(*)', 'max(x)', 'bucket(t, 1h)', 'logs-*', 'r:idx',
  '// c\n', '/* c */', '/*', '*/', '\n', '#', '\u00e9', '\ud83d\ude00', '\ud800',
];

const CHARACTERS = [...'abcXYZ_@019 \t\n|,.()[]{}=!<>+-*/%:;?"`\'#$^&~\\\u00e9\u4e2d\ud83d\ude00'];

export function* fuzzCases(count: number, seed: number): Generator<string> {
  const random = seededRandom(seed);
  const token = () => pick(random, VOCABULARY);
  for (let i = 0; i < count; i++) {
    const kind = int(random, 0, 99);
    if (kind < 55) {
      // Mutate a valid query a few times.
      let text = pick(random, SEED_QUERIES);
      const steps = int(random, 1, 4);
      for (let s = 0; s < steps; s++) {
        const at = int(random, 0, text.length);
        switch (int(random, 0, 5)) {
          case 0:
            text = text.slice(0, at) + text.slice(at + int(random, 1, 12));
            break;
          case 1:
            text = text.slice(0, at) + ' ' + token() + ' ' + text.slice(at);
            break;
          case 2:
            text = text.slice(0, at) + pick(random, CHARACTERS) + text.slice(at);
            break;
          case 3:
            text = text.slice(0, at);
            break;
          case 4: {
            const other = pick(random, SEED_QUERIES);
            text = text.slice(0, at) + other.slice(int(random, 0, other.length - 1));
            break;
          }
          default: {
            const from = int(random, 0, text.length - 1);
            text = text.slice(0, at) + text.slice(from, from + int(random, 1, 20)) + text.slice(at);
          }
        }
      }
      yield text;
    } else if (kind < 80) {
      const parts: string[] = [];
      const length = int(random, 1, 60);
      for (let t = 0; t < length; t++) parts.push(token());
      yield parts.join(pick(random, [' ', '', '\n', ' | ']));
    } else if (kind < 95) {
      let text = '';
      const length = int(random, 0, 199);
      for (let c = 0; c < length; c++) text += pick(random, CHARACTERS);
      yield text;
    } else {
      // Deep nesting and long chains.
      const fragment = pick(random, ['(', 'NOT ', '- ', 'abs(', '[', '{"a":', '(FROM ', 'FORK (', '1 + ', 'x OR ', '::int']);
      yield 'ROW a = ' + fragment.repeat(int(random, 50, 1549));
    }
  }
}

// Seeded osquery SQL for the fuzz tests and the fuzz benchmark.
import { int, mutate, noise, pick } from '../../support/fuzzing.ts';
import type { Random } from '../../support/fuzzing.ts';

export const OSQUERY_PIECES = [
  'SELECT', ' ', '\n', '*', ',', '(', ')', "'", '"', ';', '=', '==', '<>', 'LIKE', 'IN', 'AND', 'OR', 'NOT', 'FROM', 'WHERE',
  'JOIN', 'ON', 'AS', 'groups', 'processes', 'f.path', "'%'", "'/etc/%%'", '--', '/*', '*/', '1', 'CASE', 'END', '.',
];

const TABLES = ['processes p', 'file f', 'users u', 'groups g', 'listening_ports', 'process_open_sockets s', 'crontab'];
const COLUMNS = ['pid', 'name', 'p.path', 'f.path', 'u.username', 'g.groupname', 'cmdline', "datetime(f.mtime, 'unixepoch') AS modified", 'count(*)'];
const CONDITIONS = [
  "f.path LIKE '/etc/%%'",
  'p.pid = u.uid',
  "name IN ('sshd', 'bash')",
  "cmdline != ''",
  "(mtime > strftime('%s', 'now') - (7 * 86400))",
  'key = "LD_PRELOAD"',
  'port BETWEEN 1 AND 1024',
  "CASE family WHEN 2 THEN 'IP4' ELSE 'IP6' END = 'IP4'",
];

/** A random osquery SELECT, mostly valid. */
export function generateOsquery(random: Random): string {
  const columns = Array.from({ length: int(random, 1, 4) }, () => pick(random, COLUMNS)).join(', ');
  let from = pick(random, TABLES);
  for (let joins = int(random, 0, 2); joins > 0; joins--) from += ` ${pick(random, ['JOIN', 'LEFT JOIN'])} ${pick(random, TABLES)} ON ${pick(random, CONDITIONS)}`;
  const where = random() < 0.7 ? `\nWHERE ${Array.from({ length: int(random, 1, 3) }, () => pick(random, CONDITIONS)).join(pick(random, [' AND ', '\n  OR ']))}` : '';
  const tail = pick(random, ['', ';', ' LIMIT 10', ' ORDER BY 1 DESC', ' -- trailing comment']);
  return `SELECT ${columns}\nFROM ${from}${where}${tail}`;
}

export function osqueryFuzzInput(random: Random): string {
  const roll = random();
  if (roll < 0.4) return generateOsquery(random);
  if (roll < 0.85) return mutate(random, generateOsquery(random), OSQUERY_PIECES);
  return noise(random, OSQUERY_PIECES, 12);
}

// String helpers for values kept long after the text they were read from.

/**
 * The same text in a string of its own. V8 makes a substring of 13 characters or more a view
 * of the string it was cut from: a short value kept for long (a rule's id, a query kept for
 * later) would otherwise keep its whole file's text alive.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

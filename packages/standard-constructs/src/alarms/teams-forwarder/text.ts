/**
 * Cuts `text` to at most `max` code points, the last being "…" when cut.
 * Counting code points, not UTF-16 units, never leaves half of a surrogate
 * pair (an emoji) behind, which would make the JSON invalid UTF-8 for Teams.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  // Walks only the first `max` code points: texts can be megabytes long.
  let cut = 0;
  for (let i = 0, count = 0; i < text.length; count++) {
    if (count === max - 1) cut = i;
    if (count === max) return `${text.slice(0, cut)}…`;
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return text;
}

/** Bytes of `text` as UTF-8: what Teams counts against its payload limit. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

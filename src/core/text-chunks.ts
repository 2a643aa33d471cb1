/**
 * Text cut into pieces of at most `size` UTF-16 code units without splitting a
 * surrogate pair: a piece never ends on a high surrogate, so a character
 * outside the Basic Multilingual Plane (an emoji, some CJK) stays whole in one
 * cell. Used for the saved settings document (30,000 characters a cell) by both
 * shells, so they cut it alike.
 */
export function chunkText(text: string, size: number): string[] {
  const out: string[] = [];
  const step = Math.max(2, Math.floor(size));
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + step);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** Names Excel accepts for the things the add-in creates. */

/**
 * A valid table name, unique among `taken` (lower-cased table and defined names): letters,
 * digits, "_", "." and "\" only, not starting with a digit, not a cell reference ("A1",
 * "R1C1") or "R"/"C", at most 255 characters; "_2", "_3"… added until it is free.
 */
export function tableNameFor(wanted: string, taken: ReadonlySet<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_.\\]/g, '_');
  if (!/^[A-Za-z_\\]/.test(base)) base = `_${base}`;
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(base) || /^[RrCc]$/.test(base) || /^[Rr][0-9]*[Cc][0-9]*$/.test(base)) base = `_${base}`;
  base = base.slice(0, 250);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  return name;
}

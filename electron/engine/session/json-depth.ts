// JSON.parse copes with 100,000 nested arrays, but everything after it
// (JSON.stringify for the details panel, recursive walks, structured clone) runs
// out of stack. A session file is three levels deep; anything past MAX_JSON_DEPTH
// is refused before parsing, with a reason, instead of crashing a request later.

export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of [ and { in JSON text, counting outside strings; stops past `limit`. */
export function jsonNestingDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return max;
}

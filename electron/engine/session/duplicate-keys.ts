// Duplicate keys in a session file. JSON.parse keeps the last of two "status" keys,
// but 4D Server's parser may keep another, so a file with `"status":"pending"` and
// `"status":"accepted"` has no certain meaning: the session is flagged, and an edit
// sets every occurrence (edit/json-edit.ts).
//
// A full tokenizer pass costs as much as JSON.parse, too much for every file of a
// 100,000-session scan; a regex over the keys 4D reads (0.15 µs a file) decides
// whether the pass is needed. A duplicate anywhere else is found whenever one of
// those keys also repeats, and is harmless to 4D's checks otherwise.

import type { SessionWarning } from '../../../shared/types';
import { parseJsonSpans, type JsonNode } from '../edit/json-spans';

const KEYS_4D_READS = /"(?:status|email|session|team|application)"/g;

/**
 * Whether one of those keys occurs twice: the same matches as `text.match`, taken
 * one at a time and stopping at the first repeat, without a match array or a Set.
 * The five keys' texts differ in length, so the length tells which key matched.
 */
function mayHaveDuplicates(text: string): boolean {
  KEYS_4D_READS.lastIndex = 0;
  let seen = 0;
  for (let m = KEYS_4D_READS.exec(text); m !== null; m = KEYS_4D_READS.exec(text)) {
    const bit = 1 << m[0].length;
    if ((seen & bit) !== 0) return true;
    seen |= bit;
  }
  return false;
}

export interface DuplicateKey {
  /** Dotted path of the key ("status", "session.id"). */
  path: string;
  count: number;
}

/** Every key that occurs more than once in the same object; [] for most files (cheap pre-check). */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  if (!mayHaveDuplicates(text)) return [];
  let root: JsonNode;
  try {
    root = parseJsonSpans(text);
  } catch {
    return []; // JSON.parse accepted it, so this does not happen; nothing to flag either way
  }
  const out: DuplicateKey[] = [];
  collect(root, '', out);
  return out;
}

function collect(node: JsonNode, prefix: string, out: DuplicateKey[]): void {
  if (node.kind === 'array') {
    for (const item of node.items) collect(item, prefix, out);
    return;
  }
  if (node.kind !== 'object') return;
  const counts = new Map<string, number>();
  for (const m of node.members) counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
  for (const [key, count] of counts) if (count > 1) out.push({ path: prefix + key, count });
  for (const m of node.members) collect(m.value, `${prefix}${m.key}.`, out);
}

export function duplicateKeyWarning(duplicates: readonly DuplicateKey[]): SessionWarning {
  const list = duplicates.map((d) => `"${d.path}" (${d.count} times)`).join(', ');
  return {
    code: 'duplicate-key',
    message: `The file repeats ${duplicates.length === 1 ? 'a key' : 'keys'}: ${list}. Which value 4D Server reads is uncertain; accepting, holding or editing the e-mail sets every occurrence.`,
  };
}

// Byte-preserving edits of JSON text. The tokenizer (json-spans.ts) records where
// every value starts and ends, so an edit replaces exactly one value's characters
// and leaves indentation, key order, line endings, BOM, escapes and trailing
// newline alone.

import { isWs, parseJsonSpans, type JsonMember, type JsonNode } from './json-spans';

/**
 * Sets one string value at `path` (object keys from the root), keeping every other
 * character. When the key is absent it is appended at the end of its object, in the
 * style of its siblings. With duplicate keys EVERY occurrence is set: JSON.parse keeps
 * the last but 4D Server's parser may keep another, so only setting them all makes
 * the file mean one thing. Throws on malformed JSON, on a missing or duplicated parent
 * object, or when a current value is an object or array (that would discard data).
 */
export function setJsonStringField(text: string, path: readonly string[], value: string): string {
  if (path.length === 0) throw new Error('setJsonStringField: empty path');
  const root = parseJsonSpans(text);
  let obj = root;
  for (const key of path.slice(0, -1)) {
    const found = members(obj, key);
    const member = found[0];
    if (found.length > 1) throw new Error(`"${key}" appears ${found.length} times; edit the file by hand to keep one`);
    if (!member || member.value.kind !== 'object') {
      throw new Error(`setJsonStringField: "${path.join('.')}" has no parent object "${key}"`);
    }
    obj = member.value;
  }
  if (obj.kind !== 'object') throw new Error('setJsonStringField: the JSON text is not an object');
  const key = path[path.length - 1] as string;
  const encoded = JSON.stringify(value);
  const found = members(obj, key);
  if (found.length === 0) return insertMember(text, root, obj, key, encoded);
  for (const { value: v } of found) {
    if (v.kind === 'object' || v.kind === 'array') {
      throw new Error(
        `setJsonStringField: "${path.join('.')}" holds ${v.kind === 'object' ? 'an object' : 'an array'}, not a value`,
      );
    }
  }
  // Last to first, so the earlier spans stay valid.
  let out = text;
  for (let i = found.length - 1; i >= 0; i--) {
    const v = (found[i] as JsonMember).value;
    out = out.slice(0, v.start) + encoded + out.slice(v.end);
  }
  return out;
}

/** Every member named `key`, in file order. */
function members(node: JsonNode, key: string): JsonMember[] {
  return node.kind === 'object' ? node.members.filter((m) => m.key === key) : [];
}

function insertMember(
  text: string,
  root: JsonNode,
  obj: Extract<JsonNode, { kind: 'object' }>,
  key: string,
  encoded: string,
): string {
  const last = obj.members[obj.members.length - 1];
  if (last) {
    // Copy the sibling's leading whitespace and its key/colon/value spacing.
    const lead = text.slice(leadingWhitespaceStart(text, last.keyStart), last.keyStart);
    const colon = text.slice(last.keyEnd, last.value.start);
    const member = `,${lead}${JSON.stringify(key)}${colon}${encoded}`;
    return text.slice(0, last.value.end) + member + text.slice(last.value.end);
  }
  const colon = firstColonStyle(text, root) ?? ':';
  const member = `${JSON.stringify(key)}${colon}${encoded}`;
  if (!text.includes('\n')) {
    return `${text.slice(0, obj.start + 1)}${member}${text.slice(obj.end - 1)}`;
  }
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = lineIndent(text, obj.start);
  const unit = indentUnit(text, root) ?? '\t';
  return `${text.slice(0, obj.start)}{${nl}${indent}${unit}${member}${nl}${indent}}${text.slice(obj.end)}`;
}

function leadingWhitespaceStart(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && isWs(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The spaces/tabs at the start of the line that contains `pos`. */
function lineIndent(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  let i = lineStart;
  while (i < pos && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return text.slice(lineStart, i);
}

/** The first indentation step found in the document: a member's indent minus its object's line indent. */
function indentUnit(text: string, node: JsonNode): string | undefined {
  if (node.kind === 'object') {
    const first = node.members[0];
    if (first) {
      const lead = text.slice(leadingWhitespaceStart(text, first.keyStart), first.keyStart);
      const nlAt = lead.lastIndexOf('\n');
      if (nlAt >= 0) {
        const own = lead.slice(nlAt + 1);
        const parent = lineIndent(text, node.start);
        if (own.length > parent.length && own.startsWith(parent)) return own.slice(parent.length);
      }
    }
    for (const m of node.members) {
      const found = indentUnit(text, m.value);
      if (found) return found;
    }
  } else if (node.kind === 'array') {
    for (const item of node.items) {
      const found = indentUnit(text, item);
      if (found) return found;
    }
  }
  return undefined;
}

function firstColonStyle(text: string, node: JsonNode): string | undefined {
  if (node.kind === 'object') {
    const first = node.members[0];
    if (first) return text.slice(first.keyEnd, first.value.start);
    for (const m of node.members) {
      const found = firstColonStyle(text, m.value);
      if (found) return found;
    }
  } else if (node.kind === 'array') {
    for (const item of node.items) {
      const found = firstColonStyle(text, item);
      if (found) return found;
    }
  }
  return undefined;
}

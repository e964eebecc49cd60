// A small JSON tokenizer that records where every value starts and ends (the spans
// byte-preserving edits need), and locates syntax errors (line, column) for
// problem reports. Strict JSON, as JSON.parse reads it; depth bounded.

export class JsonSyntaxError extends Error {
  readonly offset: number;
  readonly line: number;
  readonly column: number;

  constructor(text: string, offset: number, what: string) {
    const { line, column } = lineColumn(text, offset);
    super(`${what} at line ${line}, column ${column} (character ${offset})`);
    this.name = 'JsonSyntaxError';
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string' | 'number' | 'literal'; start: number; end: number };

export interface JsonMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

/** Parses JSON text into spans (end is exclusive). A leading BOM is skipped. Throws JsonSyntaxError. */
export function parseJsonSpans(text: string): JsonNode {
  const p = new SpanParser(text);
  return p.document();
}

/** Null when the text is valid JSON, else where and why it is not. */
export function locateJsonError(text: string): JsonSyntaxError | null {
  try {
    parseJsonSpans(text);
    return null;
  } catch (err) {
    if (err instanceof JsonSyntaxError) return err;
    throw err;
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const MAX_DEPTH = 512;

class SpanParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  document(): JsonNode {
    this.skipWs();
    if (this.pos >= this.text.length) this.fail('The file is empty');
    const node = this.value();
    this.skipWs();
    if (this.pos < this.text.length) this.fail('Unexpected content after the end of the JSON value');
    return node;
  }

  private fail(what: string): never {
    throw new JsonSyntaxError(this.text, this.pos, what);
  }

  private unexpected(expected: string): never {
    if (this.pos >= this.text.length)
      this.fail(`Unexpected end of file (the file looks truncated; expected ${expected})`);
    const ch = this.text[this.pos] as string;
    const shown = ch.charCodeAt(0) < 32 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch;
    this.fail(`Unexpected character "${shown}" (expected ${expected})`);
  }

  private skipWs(): void {
    const t = this.text;
    while (this.pos < t.length && isWs(t.charCodeAt(this.pos))) this.pos++;
  }

  private value(): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    if (c === 123 /* { */) return this.object();
    if (c === 91 /* [ */) return this.array();
    if (c === 34 /* " */) {
      const start = this.pos;
      this.string();
      return { kind: 'string', start, end: this.pos };
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) return this.number();
    for (const lit of ['true', 'false', 'null']) {
      if (this.text.startsWith(lit, this.pos)) {
        const start = this.pos;
        this.pos += lit.length;
        return { kind: 'literal', start, end: this.pos };
      }
    }
    return this.unexpected('a value');
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail('JSON nested too deeply');
  }

  private object(): JsonNode {
    this.enter();
    const start = this.pos++;
    const members: JsonMember[] = [];
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 125 /* } */) {
      this.pos++;
      this.depth--;
      return { kind: 'object', start, end: this.pos, members };
    }
    for (;;) {
      this.skipWs();
      if (this.text.charCodeAt(this.pos) !== 34) this.unexpected('a property name in double quotes');
      const keyStart = this.pos;
      const key = this.string();
      const keyEnd = this.pos;
      this.skipWs();
      if (this.text.charCodeAt(this.pos) !== 58 /* : */) this.unexpected('":"');
      this.pos++;
      this.skipWs();
      const value = this.value();
      members.push({ key, keyStart, keyEnd, value });
      this.skipWs();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44 /* , */) {
        this.pos++;
        continue;
      }
      if (c === 125) {
        this.pos++;
        this.depth--;
        return { kind: 'object', start, end: this.pos, members };
      }
      this.unexpected('"," or "}"');
    }
  }

  private array(): JsonNode {
    this.enter();
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 93 /* ] */) {
      this.pos++;
      this.depth--;
      return { kind: 'array', start, end: this.pos, items };
    }
    for (;;) {
      this.skipWs();
      items.push(this.value());
      this.skipWs();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 93) {
        this.pos++;
        this.depth--;
        return { kind: 'array', start, end: this.pos, items };
      }
      this.unexpected('"," or "]"');
    }
  }

  /** Scans a string token and returns its decoded value. */
  private string(): string {
    const t = this.text;
    const start = this.pos++;
    let escaped = false;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        const raw = t.slice(start, this.pos);
        return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      }
      if (c < 32) this.fail('Control character inside a string');
      if (c === 92 /* \ */) {
        escaped = true;
        this.escape();
      } else {
        this.pos++;
      }
    }
    return this.fail('Unexpected end of file inside a string (the file looks truncated)');
  }

  private escape(): void {
    const t = this.text;
    const e = t.charCodeAt(this.pos + 1);
    // " \ / b f n r t
    if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
      this.pos += 2;
      return;
    }
    if (e === 117 /* u */) {
      for (let i = 2; i < 6; i++) {
        if (!isHex(t.charCodeAt(this.pos + i))) {
          this.pos += i;
          this.fail('Invalid \\u escape in a string');
        }
      }
      this.pos += 6;
      return;
    }
    this.pos++;
    if (this.pos >= t.length) this.fail('Unexpected end of file inside a string (the file looks truncated)');
    this.fail('Invalid escape in a string');
  }

  private number(): JsonNode {
    const t = this.text;
    const start = this.pos;
    if (t.charCodeAt(this.pos) === 45) this.pos++;
    const intStart = this.pos;
    if (!this.digits()) this.unexpected('a digit');
    if (t.charCodeAt(intStart) === 48 && this.pos - intStart > 1) {
      this.pos = intStart + 1;
      this.fail('Leading zero in a number');
    }
    if (t.charCodeAt(this.pos) === 46 /* . */) {
      this.pos++;
      if (!this.digits()) this.unexpected('a digit');
    }
    const e = t.charCodeAt(this.pos);
    if (e === 101 || e === 69) {
      this.pos++;
      const s = t.charCodeAt(this.pos);
      if (s === 43 || s === 45) this.pos++;
      if (!this.digits()) this.unexpected('a digit');
    }
    return { kind: 'number', start, end: this.pos };
  }

  private digits(): boolean {
    const from = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c < 48 || c > 57) break;
      this.pos++;
    }
    return this.pos > from;
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Digit-by-digit matching of libphonenumber's number patterns, used once at start-up to expand the
 * metadata's regular expressions into explicit prefixes.
 *
 * A JavaScript RegExp can only say whether a whole string matches; to ask "can a number that starts with
 * these digits still match?" and "has the pattern already matched a prefix?" digit by digit, the pattern
 * is compiled to a Thompson NFA over the alphabet 0-9. libphonenumber patterns use a small regular subset
 * — digits, `\d`, character classes with ranges, `(?:…)` and `(…)` groups, `|`, and the quantifiers `?`,
 * `*`, `+`, `{n}`, `{n,}`, `{n,m}` — and anything else is refused with an Error so the caller can fall back.
 */

type Ast =
  | { readonly t: "set"; readonly mask: number }
  | { readonly t: "cat"; readonly parts: readonly Ast[] }
  | { readonly t: "alt"; readonly options: readonly Ast[] }
  | { readonly t: "rep"; readonly node: Ast; readonly min: number; readonly max: number };

const ALL_DIGITS = 0x3ff;
const MAX_REPEAT = 64;

class Parser {
  private at = 0;
  constructor(private readonly src: string) {}

  parse(): Ast {
    const ast = this.alternation();
    if (this.at !== this.src.length) this.fail("unexpected character");
    return ast;
  }

  private fail(why: string): never {
    throw new Error(`digit pattern ${JSON.stringify(this.src)}: ${why} at ${this.at}`);
  }

  private peek(): string {
    return this.src[this.at] ?? "";
  }

  private alternation(): Ast {
    const options = [this.concatenation()];
    while (this.peek() === "|") {
      this.at++;
      options.push(this.concatenation());
    }
    return options.length === 1 ? options[0]! : { t: "alt", options };
  }

  private concatenation(): Ast {
    const parts: Ast[] = [];
    while (this.at < this.src.length && this.peek() !== "|" && this.peek() !== ")") parts.push(this.repeat());
    return parts.length === 1 ? parts[0]! : { t: "cat", parts };
  }

  private repeat(): Ast {
    let node = this.atom();
    for (;;) {
      const c = this.peek();
      if (c === "?") node = { t: "rep", node, min: 0, max: 1 };
      else if (c === "*") node = { t: "rep", node, min: 0, max: -1 };
      else if (c === "+") node = { t: "rep", node, min: 1, max: -1 };
      else if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
        if (!m) this.fail("bad {} quantifier");
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === "" ? -1 : Number(m[3]);
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min))
          this.fail("quantifier out of range");
        node = { t: "rep", node, min, max };
        this.at += m[0].length - 1;
      } else return node;
      this.at++;
    }
  }

  private atom(): Ast {
    const c = this.peek();
    if (c >= "0" && c <= "9") {
      this.at++;
      return { t: "set", mask: 1 << (c.charCodeAt(0) - 48) };
    }
    if (c === "\\") {
      if (this.src[this.at + 1] !== "d") this.fail("only \\d is supported");
      this.at += 2;
      return { t: "set", mask: ALL_DIGITS };
    }
    if (c === "[") return this.characterClass();
    if (c === "(") {
      this.at++;
      if (this.src.startsWith("?:", this.at)) this.at += 2;
      const inner = this.alternation();
      if (this.peek() !== ")") this.fail("missing )");
      this.at++;
      return inner;
    }
    return this.fail("unsupported construct");
  }

  private characterClass(): Ast {
    this.at++; // [
    let negate = false;
    if (this.peek() === "^") {
      negate = true;
      this.at++;
    }
    let mask = 0;
    while (this.peek() !== "]") {
      let lo: number;
      if (this.peek() === "\\" && this.src[this.at + 1] === "d") {
        mask |= ALL_DIGITS;
        this.at += 2;
        continue;
      }
      const c = this.peek();
      if (!(c >= "0" && c <= "9")) this.fail("unsupported class member");
      lo = c.charCodeAt(0) - 48;
      this.at++;
      let hi = lo;
      if (this.peek() === "-" && this.src[this.at + 1] !== "]") {
        const h = this.src[this.at + 1] ?? "";
        if (!(h >= "0" && h <= "9")) this.fail("bad range");
        hi = h.charCodeAt(0) - 48;
        this.at += 2;
      }
      for (let d = lo; d <= hi; d++) mask |= 1 << d;
    }
    this.at++; // ]
    return { t: "set", mask: negate ? ~mask & ALL_DIGITS : mask };
  }
}

const KIND_SET = 0;
const KIND_SPLIT = 1;
const KIND_ACCEPT = 2;

/** A set of NFA states after some digits; empty means no continuation can match. */
export type PatternState = Int32Array;

/** A compiled pattern: the NFA plus the set-stepping primitives. */
export class DigitPattern {
  private readonly kind: number[] = [];
  private readonly mask: number[] = [];
  private readonly out1: number[] = [];
  private readonly out2: number[] = [];
  private readonly start: number;
  private marks: Int32Array = new Int32Array(0);
  private generation = 0;
  private stack: number[] = [];

  /** Compiles `source`; throws Error for constructs outside the supported subset. */
  constructor(readonly source: string) {
    const ast = new Parser(source).parse();
    const accept = this.state(KIND_ACCEPT, 0, -1, -1);
    this.start = this.compile(ast, accept);
    this.marks = new Int32Array(this.kind.length);
  }

  private state(kind: number, mask: number, out1: number, out2: number): number {
    this.kind.push(kind);
    this.mask.push(mask);
    this.out1.push(out1);
    this.out2.push(out2);
    return this.kind.length - 1;
  }

  /** Emits the states of `node` so that they continue into `next`; returns the entry state. */
  private compile(node: Ast, next: number): number {
    switch (node.t) {
      case "set":
        return this.state(KIND_SET, node.mask, next, -1);
      case "cat": {
        let entry = next;
        for (let i = node.parts.length - 1; i >= 0; i--) entry = this.compile(node.parts[i]!, entry);
        return entry;
      }
      case "alt": {
        let entry = this.compile(node.options[node.options.length - 1]!, next);
        for (let i = node.options.length - 2; i >= 0; i--) {
          entry = this.state(KIND_SPLIT, 0, this.compile(node.options[i]!, next), entry);
        }
        return entry;
      }
      case "rep": {
        let entry: number;
        if (node.max < 0) {
          // Loop: a split that either runs the body (and comes back) or leaves.
          const loop = this.state(KIND_SPLIT, 0, -1, next);
          this.out1[loop] = this.compile(node.node, loop);
          entry = loop;
        } else {
          // (x(x(x)?)?)? for the optional copies, then the mandatory ones in front.
          entry = next;
          for (let i = 0; i < node.max - node.min; i++) {
            entry = this.state(KIND_SPLIT, 0, this.compile(node.node, entry), next);
          }
        }
        for (let i = 0; i < node.min; i++) entry = this.compile(node.node, entry);
        return entry;
      }
    }
  }

  /** Adds `s` and everything reachable from it without consuming a digit to the current generation. */
  private closure(s: number, out: number[]): void {
    const stack = this.stack;
    stack.length = 0;
    stack.push(s);
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x < 0 || this.marks[x] === this.generation) continue;
      this.marks[x] = this.generation;
      if (this.kind[x] === KIND_SPLIT) {
        stack.push(this.out2[x]!, this.out1[x]!);
      } else {
        out.push(x);
      }
    }
  }

  /** The states before any digit. */
  initial(): PatternState {
    this.generation++;
    const out: number[] = [];
    this.closure(this.start, out);
    return Int32Array.from(out).sort();
  }

  /** The states after reading `digit` (0-9) in `state` (sorted; empty when nothing can match). */
  step(state: PatternState, digit: number): PatternState {
    this.generation++;
    const out: number[] = [];
    const bit = 1 << digit;
    for (let i = 0; i < state.length; i++) {
      const s = state[i]!;
      if (this.kind[s] === KIND_SET && (this.mask[s]! & bit) !== 0) this.closure(this.out1[s]!, out);
    }
    // Sorted, so that equal state sets have equal keys.
    return Int32Array.from(out).sort();
  }

  /** Whether the digits read so far match the whole pattern. */
  accepts(state: PatternState): boolean {
    for (let i = 0; i < state.length; i++) if (this.kind[state[i]!] === KIND_ACCEPT) return true;
    return false;
  }

  /** Whether the digits read so far match the whole string (convenience for tests). */
  matchesEntirely(digits: string): boolean {
    let s = this.initial();
    for (let i = 0; i < digits.length && s.length > 0; i++) s = this.step(s, digits.charCodeAt(i) - 48);
    return this.accepts(s);
  }
}

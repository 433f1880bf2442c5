import { flushHeredoc, gapBreaksLine, unescapeHeredoc, unescapeQuoted } from '../dist/hcl-text.js';
class Bail extends Error {
}
const BAIL = new Bail('outside the fast subset');
const MAX_NESTING = 64;
// Character codes.
const SP = 32, TAB = 9, LF = 10, CR = 13;
const HASH = 35, SLASH = 47, STAR = 42, QUOTE = 34, BACKSLASH = 92, DOLLAR = 36, PERCENT = 37;
const LBRACE = 123, RBRACE = 125, LBRACK = 91, RBRACK = 93, LPAREN = 40, RPAREN = 41;
const EQ = 61, COLON = 58, COMMA = 44, DOT = 46, LT = 60, MINUS = 45, UNDERSCORE = 95, TILDE = 126;
/**
 * ASCII characters a quoted string's literal text runs over without a second look: everything but
 * the quote, `$`, `%`, `\`, line breaks, vertical tab and form feed (non-ASCII is looked at too).
 */
const PLAIN_IN_STRING = new Uint8Array(128).fill(1);
for (const c of [QUOTE, DOLLAR, PERCENT, BACKSLASH, LF, CR, 11, 12])
    PLAIN_IN_STRING[c] = 0;
function isIdStart(c) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === UNDERSCORE;
}
function isIdContinue(c) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === UNDERSCORE || c === MINUS;
}
function isDigit(c) {
    return c >= 48 && c <= 57;
}
function isAlnum(c) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
class Reader {
    text;
    starts;
    pos = 0;
    n;
    constructor(text, starts) {
        this.text = text;
        this.starts = starts;
        this.n = text.length;
    }
    /** The line of the last position asked: positions come mostly in order, so search from there. */
    line = 0;
    /** 0-based line of an offset (lines split at \n, as tree-sitter counts rows). */
    lineOf(offset) {
        const s = this.starts;
        let l = this.line;
        const last = s.length - 1;
        // A few lines ahead: step; anything else: binary search.
        for (let k = 0; k < 4 && offset >= s[l]; k++) {
            if (l === last || s[l + 1] > offset)
                return (this.line = l);
            l++;
        }
        let lo = 0;
        let hi = last;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (s[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return (this.line = lo);
    }
    region(start, end) {
        const a = this.lineOf(start);
        const sc = start - this.starts[a] + 1;
        const b = this.lineOf(end);
        return { startLine: a + 1, startColumn: sc, endLine: b + 1, endColumn: end - this.starts[b] + 1 };
    }
    /** Skips whitespace and comments (the grammar's extras). Unusual whitespace gives up. */
    trivia() {
        const t = this.text;
        for (;;) {
            const c = t.charCodeAt(this.pos);
            // Most calls stop at once on a token's first character.
            if (c > SP && c < 128 && c !== HASH && c !== SLASH)
                return;
            if (c === SP || c === LF || c === TAB || c === CR) {
                this.pos++;
            }
            else if (c === HASH || (c === SLASH && t.charCodeAt(this.pos + 1) === SLASH)) {
                const nl = t.indexOf('\n', this.pos);
                this.pos = nl === -1 ? this.n : nl;
            }
            else if (c === SLASH && t.charCodeAt(this.pos + 1) === STAR) {
                const close = t.indexOf('*/', this.pos + 2);
                if (close === -1)
                    throw globalThis.__rec(new Error().stack, this);
                this.pos = close + 2;
            }
            else if (c > 127 || c === 11 || c === 12) {
                throw globalThis.__rec(new Error().stack, this); // tree-sitter's idea of whitespace there is not worth guessing
            }
            else {
                return;
            }
        }
    }
    peek() {
        this.trivia();
        return this.pos < this.n ? this.text.charCodeAt(this.pos) : -1;
    }
    expect(c) {
        if (this.peek() !== c)
            throw globalThis.__rec(new Error().stack, this);
        this.pos++;
    }
    identifier() {
        const t = this.text;
        const start = this.pos;
        if (!isIdStart(t.charCodeAt(start)))
            throw globalThis.__rec(new Error().stack, this);
        let i = start + 1;
        for (;;) {
            const c = t.charCodeAt(i);
            if (isIdContinue(c))
                i++;
            else if (c === COLON && t.charCodeAt(i + 1) === COLON)
                i += 2;
            else
                break;
        }
        if (t.charCodeAt(i) > 127)
            throw globalThis.__rec(new Error().stack, this); // a non-ASCII identifier character
        this.pos = i;
        return { name: t.slice(start, i), start, end: i };
    }
    file() {
        const c = this.peek();
        if (c === -1)
            return { attrs: [], blocks: [] };
        if (c === LBRACE)
            throw globalThis.__rec(new Error().stack, this); // a JSON-like object file: tree-sitter's `object` root
        const body = this.body(0);
        if (this.peek() !== -1)
            throw globalThis.__rec(new Error().stack, this);
        return body;
    }
    body(depth) {
        if (depth > MAX_NESTING)
            throw globalThis.__rec(new Error().stack, this);
        const out = { attrs: [], blocks: [] };
        for (;;) {
            const c = this.peek();
            if (c === -1 || c === RBRACE)
                return out;
            const id = this.identifier();
            const next = this.peek();
            if (next === EQ) {
                if (this.text.charCodeAt(this.pos + 1) === EQ || this.text.charCodeAt(this.pos + 1) === 62)
                    throw globalThis.__rec(new Error().stack, this);
                this.pos++;
                this.peek();
                // A line break before the value is a syntax error: tree-sitter's converter reports it.
                const nl = this.text.indexOf('\n', id.end);
                if (nl !== -1 && nl < this.pos && gapBreaksLine(this.text.slice(id.end, this.pos)))
                    throw globalThis.__rec(new Error().stack, this);
                const expr = this.expression(depth + 1);
                out.attrs.push({ name: id.name, nameRegion: this.region(id.start, id.end), expr });
                // After an expression only another item, the body's end or the file's end may follow.
                const after = this.peek();
                if (after !== -1 && after !== RBRACE && !isIdStart(after))
                    throw globalThis.__rec(new Error().stack, this);
            }
            else {
                out.blocks.push(this.block(id, depth));
            }
        }
    }
    block(id, depth) {
        const labels = [];
        let lastEnd = id.end;
        for (;;) {
            const c = this.peek();
            if (c === QUOTE) {
                const s = this.quoted(depth);
                if (!s.plain)
                    throw globalThis.__rec(new Error().stack, this);
                const seg = s.parts[0];
                labels.push(seg ? (s.escapes ? unescapeQuoted(seg.raw) : seg.raw) : '');
                lastEnd = s.end;
            }
            else if (c !== -1 && isIdStart(c)) {
                const l = this.identifier();
                labels.push(l.name);
                lastEnd = l.end;
            }
            else if (c === LBRACE) {
                break;
            }
            else {
                throw globalThis.__rec(new Error().stack, this);
            }
        }
        this.pos++; // {
        const body = this.body(depth + 1);
        this.expect(RBRACE);
        return { type: id.name, labels, header: this.region(id.start, lastEnd), body };
    }
    /**
     * An attribute value, tuple item, object key or value, argument, index or interpolation:
     * operations (read as text, as the converter does) and conditionals, which tree-sitter's
     * grammar makes left-associative (`a ? b : c ? d : e` is `(a ? b : c) ? d : e`).
     */
    expression(depth, inFor = false) {
        if (depth > MAX_NESTING)
            throw globalThis.__rec(new Error().stack, this);
        this.peek();
        const start = this.pos;
        let e = this.operation(depth);
        for (;;) {
            const end = this.pos;
            const c = this.peek();
            if (c === 63 /* ? */) {
                this.pos++;
                const a = this.expression(depth + 1);
                this.expect(COLON);
                if (this.text.charCodeAt(this.pos) === COLON)
                    throw globalThis.__rec(new Error().stack, this);
                const b = this.operation(depth + 1);
                e = { k: 'cond', cond: e, a, b, r: this.region(start, this.pos) };
                continue;
            }
            if (c === EQ && this.text.charCodeAt(this.pos + 1) === EQ)
                throw globalThis.__rec(new Error().stack, this);
            if (!inFor && c === EQ && this.text.charCodeAt(this.pos + 1) === 62)
                throw globalThis.__rec(new Error().stack, this); // =>
            if (!inFor && c === DOT && this.text.charCodeAt(this.pos + 1) === DOT)
                throw globalThis.__rec(new Error().stack, this); // ...
            this.pos = end;
            return e;
        }
    }
    /** The length of a binary operator at the position, or 0. */
    binaryOperator() {
        const t = this.text;
        const c = t.charCodeAt(this.pos);
        const n1 = t.charCodeAt(this.pos + 1);
        switch (c) {
            case 43: // +
            case MINUS:
            case STAR:
            case SLASH:
            case PERCENT:
                return 1;
            case 62: // > >=
                return n1 === EQ ? 2 : 1;
            case LT: // < <= (<< would be a heredoc)
                if (n1 === LT)
                    throw globalThis.__rec(new Error().stack, this);
                return n1 === EQ ? 2 : 1;
            case EQ:
                return n1 === EQ ? 2 : 0;
            case 33: // !=
                return n1 === EQ ? 2 : 0;
            case 38: // &&
                return n1 === 38 ? 2 : 0;
            case 124: // ||
                return n1 === 124 ? 2 : 0;
            default:
                return 0;
        }
    }
    /** Unary and binary operations: an `other` of their text; a lone term is the term. */
    operation(depth) {
        this.peek();
        const start = this.pos;
        let single = true;
        let e = this.operand(depth);
        for (;;) {
            const end = this.pos;
            this.peek();
            const len = this.binaryOperator();
            if (len === 0) {
                this.pos = end;
                break;
            }
            this.pos += len;
            this.operand(depth + 1);
            single = false;
        }
        if (!single)
            e = { k: 'other', text: this.text.slice(start, this.pos), r: this.region(start, this.pos) };
        return e;
    }
    /** A term, or `-` / `!` and an operand. */
    operand(depth) {
        if (depth > MAX_NESTING)
            throw globalThis.__rec(new Error().stack, this);
        const c = this.peek();
        if (c === MINUS || (c === 33 && this.text.charCodeAt(this.pos + 1) !== EQ)) {
            const start = this.pos;
            this.pos++;
            this.operand(depth + 1);
            return { k: 'other', text: this.text.slice(start, this.pos), r: this.region(start, this.pos) };
        }
        return this.term(depth);
    }
    /** A term and its `.attr` / `[index]` suffixes, as the converter reads an `expression` node. */
    term(depth) {
        const c = this.peek();
        const start = this.pos;
        let head;
        let root;
        if (c === QUOTE) {
            head = this.stringExpr(depth);
        }
        else if (c === LT) {
            head = this.heredoc(depth);
        }
        else if ((c === LBRACK || c === LBRACE) && this.forFollows()) {
            head = this.forExpr(c === LBRACE, depth);
        }
        else if (c === LBRACK) {
            head = this.tuple(depth);
        }
        else if (c === LBRACE) {
            head = this.object(depth);
        }
        else if (c === LPAREN) {
            // `(x)`: the converter reads the inner expression.
            this.pos++;
            head = this.expression(depth + 1);
            this.expect(RPAREN);
        }
        else if (c !== -1 && isDigit(c)) {
            head = this.number();
        }
        else if (c !== -1 && isIdStart(c)) {
            const id = this.identifier();
            const keyword = id.name === 'true' || id.name === 'false' || id.name === 'null' || id.name === 'for';
            if (this.peek() === LPAREN) {
                if (keyword)
                    throw globalThis.__rec(new Error().stack, this);
                head = this.call(id, depth);
            }
            else {
                this.pos = id.end;
                if (id.name === 'for')
                    throw globalThis.__rec(new Error().stack, this); // a for expression
                if (id.name === 'true' || id.name === 'false')
                    head = { k: 'lit', value: id.name === 'true', r: this.region(id.start, id.end) };
                else if (id.name === 'null')
                    head = { k: 'lit', value: null, r: this.region(id.start, id.end) };
                else
                    root = id.name;
            }
        }
        else {
            throw globalThis.__rec(new Error().stack, this); // anything else
        }
        // Suffixes.
        const path = [];
        let ok = true;
        let suffixes = 0;
        let end = this.pos;
        for (;;) {
            const s = this.peek();
            if (s === DOT) {
                const after = this.text.charCodeAt(this.pos + 1);
                if (after === DOT)
                    break; // an ellipsis: the caller decides
                if (after === STAR || isDigit(after)) {
                    // `.*` splat, `.0` legacy index: the converter keeps the whole expression as text.
                    this.pos += 2;
                    if (after !== STAR)
                        while (isDigit(this.text.charCodeAt(this.pos)))
                            this.pos++;
                    if (isIdContinue(this.text.charCodeAt(this.pos)) || this.text.charCodeAt(this.pos) > 127)
                        throw globalThis.__rec(new Error().stack, this);
                    ok = false;
                    suffixes++;
                    end = this.pos;
                    continue;
                }
                this.pos++;
                const p = this.peek();
                if (p === -1 || !isIdStart(p))
                    throw globalThis.__rec(new Error().stack, this);
                const id = this.identifier();
                path.push(id.name);
                suffixes++;
                end = this.pos;
            }
            else if (s === LBRACK) {
                if (this.text.charCodeAt(this.pos + 1) === STAR && this.text.charCodeAt(this.pos + 2) === RBRACK) {
                    this.pos += 3; // `[*]` splat
                    ok = false;
                    suffixes++;
                    end = this.pos;
                    continue;
                }
                this.pos++;
                if (this.peek() === STAR)
                    throw globalThis.__rec(new Error().stack, this);
                const idx = this.expression(depth + 1);
                this.expect(RBRACK);
                if (idx.k === 'lit' && (typeof idx.value === 'string' || typeof idx.value === 'number'))
                    path.push(idx.value);
                else
                    ok = false;
                suffixes++;
                end = this.pos;
            }
            else {
                break;
            }
        }
        this.pos = end;
        if (root !== undefined) {
            const text = this.text.slice(start, end);
            const r = this.region(start, end);
            return ok ? { k: 'ref', root, path, text, r } : { k: 'other', text, r };
        }
        if (suffixes > 0 || head === undefined)
            return { k: 'other', text: this.text.slice(start, end), r: this.region(start, end) };
        return head;
    }
    /** At `[` or `{`: is the next token the `for` keyword? */
    forFollows() {
        const save = this.pos;
        this.pos++;
        const c = this.peek();
        const t = this.text;
        const yes = c === 102 && t.startsWith('for', this.pos) && !isIdContinue(t.charCodeAt(this.pos + 3)) && t.charCodeAt(this.pos + 3) !== COLON && t.charCodeAt(this.pos + 3) <= 127;
        this.pos = save;
        return yes;
    }
    /**
     * `[for k, v in coll : x if cond]` / `{for k, v in coll : key => value... if cond}`: kept as text
     * by the converter; read here only to find its end and to be sure it parses.
     */
    forExpr(object, depth) {
        const start = this.pos;
        this.pos++;
        this.peek();
        this.pos += 3; // for
        const name = () => {
            const c = this.peek();
            if (c === -1 || !isIdStart(c))
                throw globalThis.__rec(new Error().stack, this);
            const id = this.identifier().name;
            if (id === 'in' || id === 'for' || id === 'if')
                throw globalThis.__rec(new Error().stack, this);
            return id;
        };
        name();
        if (this.peek() === COMMA) {
            this.pos++;
            name();
        }
        if (this.peek() !== 105 || !this.text.startsWith('in', this.pos) || isIdContinue(this.text.charCodeAt(this.pos + 2)) || this.text.charCodeAt(this.pos + 2) === COLON)
            throw globalThis.__rec(new Error().stack, this);
        this.pos += 2;
        const coll = this.expression(depth + 1, true);
        if (coll.k === 'cond')
            throw globalThis.__rec(new Error().stack, this); // `in a ? b : c :` is ambiguous to read by hand
        this.expect(COLON);
        if (this.text.charCodeAt(this.pos) === COLON)
            throw globalThis.__rec(new Error().stack, this);
        this.expression(depth + 1, true);
        if (object) {
            if (this.peek() !== EQ || this.text.charCodeAt(this.pos + 1) !== 62)
                throw globalThis.__rec(new Error().stack, this);
            this.pos += 2;
            this.expression(depth + 1, true);
            if (this.peek() === DOT && this.text.startsWith('...', this.pos))
                this.pos += 3;
        }
        const c = this.peek();
        if (c === 105 && this.text.startsWith('if', this.pos) && !isIdContinue(this.text.charCodeAt(this.pos + 2)) && this.text.charCodeAt(this.pos + 2) !== COLON) {
            this.pos += 2;
            this.expression(depth + 1, true);
        }
        this.expect(object ? RBRACE : RBRACK);
        return { k: 'other', text: this.text.slice(start, this.pos), r: this.region(start, this.pos) };
    }
    number() {
        const t = this.text;
        const start = this.pos;
        let i = start;
        if (t.charCodeAt(i) === 48 && t.charCodeAt(i + 1) === 120 /* x */ && isAlnum(t.charCodeAt(i + 2))) {
            i += 2;
            while (isAlnum(t.charCodeAt(i)))
                i++;
        }
        else {
            while (isDigit(t.charCodeAt(i)))
                i++;
            if (t.charCodeAt(i) === DOT && isDigit(t.charCodeAt(i + 1))) {
                i++;
                while (isDigit(t.charCodeAt(i)))
                    i++;
                const e = t.charCodeAt(i);
                if (e === 101 || e === 69) {
                    let j = i + 1;
                    const sign = t.charCodeAt(j);
                    if (sign === 43 || sign === MINUS)
                        j++;
                    if (!isDigit(t.charCodeAt(j)))
                        throw globalThis.__rec(new Error().stack, this);
                    while (isDigit(t.charCodeAt(j)))
                        j++;
                    i = j;
                }
            }
        }
        const after = t.charCodeAt(i);
        if (isIdContinue(after) || after === DOT || after > 127)
            throw globalThis.__rec(new Error().stack, this);
        this.pos = i;
        return { k: 'lit', value: Number(t.slice(start, i)), r: this.region(start, i) };
    }
    call(id, depth) {
        this.pos++; // (
        const args = this.list(RPAREN, depth);
        return { k: 'call', name: id.name, args, r: this.region(id.start, this.pos), text: this.text.slice(id.start, this.pos) };
    }
    /** Comma-separated expressions up to `close` (a trailing comma allowed), the closer consumed: call arguments, tuple items. */
    list(close, depth) {
        const items = [];
        if (this.peek() !== close) {
            for (;;) {
                items.push(this.expression(depth + 1));
                const c = this.peek();
                if (c === COMMA) {
                    this.pos++;
                    if (this.peek() === close)
                        break;
                }
                else if (c === close) {
                    break;
                }
                else {
                    throw globalThis.__rec(new Error().stack, this);
                }
            }
        }
        this.expect(close);
        return items;
    }
    tuple(depth) {
        const start = this.pos;
        this.pos++; // [
        const items = this.list(RBRACK, depth);
        return { k: 'tuple', items, r: this.region(start, this.pos) };
    }
    object(depth) {
        const start = this.pos;
        this.pos++; // {
        const entries = [];
        for (;;) {
            const c = this.peek();
            if (c === RBRACE)
                break;
            const keyStart = this.pos;
            const key = this.expression(depth + 1);
            const keyEnd = this.pos;
            const sep = this.peek();
            if (sep !== EQ && sep !== COLON)
                throw globalThis.__rec(new Error().stack, this);
            if (sep === COLON && this.text.charCodeAt(this.pos + 1) === COLON)
                throw globalThis.__rec(new Error().stack, this);
            this.pos++;
            const value = this.expression(depth + 1);
            const name = key.k === 'ref' && key.path.length === 0 ? key.root : key.k === 'lit' && typeof key.value === 'string' ? key.value : undefined;
            if (name !== undefined)
                entries.push({ key: name, keyRegion: this.region(keyStart, keyEnd), value });
            if (this.peek() === COMMA)
                this.pos++;
        }
        this.pos++; // }
        return { k: 'object', entries, r: this.region(start, this.pos) };
    }
    /** A quoted string: a literal when it has no interpolation, else a template. */
    stringExpr(depth) {
        const s = this.quoted(depth);
        const r = this.region(s.start, s.end);
        if (s.plain) {
            const seg = s.parts[0];
            const raw = seg ? seg.raw : '';
            const exact = !s.escapes;
            return exact && seg ? { k: 'lit', value: raw, r, off: seg.start } : { k: 'lit', value: unescapeQuoted(raw), r };
        }
        const parts = s.parts.map((p) => ('raw' in p ? unescapeQuoted(p.raw) : p));
        return { k: 'tpl', parts, r, text: this.text.slice(s.start, s.end) };
    }
    /**
     * Reads `"..."`: literal segments exactly as written between the quotes and the `${`
     * interpolations (spaces included), `$${` / `%%{` escapes left for unescapeQuoted.
     */
    quoted(depth) {
        const t = this.text;
        const start = this.pos;
        let i = start + 1;
        const parts = [];
        let plain = true;
        let escapes = false;
        let segStart = i; // where the current literal segment starts
        for (;;) {
            let c = t.charCodeAt(i);
            // Run over ordinary text (NaN at the end of the text stops the run too).
            while (c < 128 && PLAIN_IN_STRING[c] === 1)
                c = t.charCodeAt(++i);
            if (Number.isNaN(c) || c === LF || c === CR)
                throw globalThis.__rec(new Error().stack, this);
            if (c === QUOTE) {
                if (i > segStart)
                    parts.push({ raw: t.slice(segStart, i), start: segStart });
                this.pos = i + 1;
                return { start, end: i + 1, parts, plain, escapes };
            }
            if (c === DOLLAR || c === PERCENT) {
                escapes = true;
                const n1 = t.charCodeAt(i + 1);
                if (n1 === LBRACE) {
                    if (c === PERCENT)
                        throw globalThis.__rec(new Error().stack, this); // a directive
                    if (i > segStart)
                        parts.push({ raw: t.slice(segStart, i), start: segStart });
                    plain = false;
                    parts.push(this.interpolation(i, depth));
                    i = segStart = this.pos;
                    continue;
                }
                i = n1 === c ? (t.charCodeAt(i + 2) === LBRACE ? i + 3 : i + 2) : i + 1;
            }
            else if (c === BACKSLASH) {
                escapes = true;
                const e = t.charCodeAt(i + 1);
                if (e === QUOTE || e === 110 || e === 114 || e === 116 || e === BACKSLASH)
                    i += 2;
                else if (e === 117 /* u */ || e === 85 /* U */) {
                    const len = e === 117 ? 4 : 8;
                    for (let k = 0; k < len; k++)
                        if (!/[0-9a-fA-F]/.test(t[i + 2 + k] ?? ''))
                            throw globalThis.__rec(new Error().stack, this);
                    i += 2 + len;
                }
                else
                    throw globalThis.__rec(new Error().stack, this);
            }
            else {
                if (c > 127 && /\s/.test(t[i]))
                    throw globalThis.__rec(new Error().stack, this); // unusual whitespace: left to tree-sitter
                if (c === 11 || c === 12)
                    throw globalThis.__rec(new Error().stack, this);
                i++;
            }
        }
    }
    /** `${ expression }` at `at`; leaves `pos` after the `}`. */
    interpolation(at, depth) {
        this.pos = at + 2;
        if (this.peek() === TILDE)
            throw globalThis.__rec(new Error().stack, this); // strip markers
        if (this.peek() === RBRACE) {
            this.pos++;
            return { k: 'other', text: this.text.slice(at, this.pos), r: this.region(at, this.pos) };
        }
        const e = this.expression(depth + 1);
        this.expect(RBRACE);
        return e;
    }
    /**
     * `<<EOT` / `<<-EOT` heredocs: a literal, as written, or a template of `${...}` interpolations
     * (a policy with `${aws_sqs_queue.q.arn}` in it); `%{` directives are left to tree-sitter.
     */
    heredoc(depth) {
        const t = this.text;
        const start = this.pos;
        if (t.charCodeAt(start + 1) !== LT)
            throw globalThis.__rec(new Error().stack, this);
        let i = start + 2;
        if (t.charCodeAt(i) === MINUS)
            i++;
        const idStart = i;
        while (isAlnum(t.charCodeAt(i)) || t.charCodeAt(i) === UNDERSCORE || t.charCodeAt(i) === MINUS)
            i++;
        const ident = t.slice(idStart, i);
        if (ident.length === 0 || ident.length > 64)
            throw globalThis.__rec(new Error().stack, this);
        // Nothing but spaces may follow the identifier on its line.
        let j = i;
        while (t.charCodeAt(j) === SP || t.charCodeAt(j) === TAB || t.charCodeAt(j) === CR)
            j++;
        if (t.charCodeAt(j) !== LF)
            throw globalThis.__rec(new Error().stack, this);
        const contentStart = j + 1;
        // The closing line: only the identifier, between spaces.
        let lineStart = contentStart;
        for (;;) {
            if (lineStart >= this.n)
                throw globalThis.__rec(new Error().stack, this);
            let k = lineStart;
            while (t.charCodeAt(k) === SP || t.charCodeAt(k) === TAB || t.charCodeAt(k) === CR)
                k++;
            if (t.startsWith(ident, k)) {
                let m = k + ident.length;
                while (t.charCodeAt(m) === SP || t.charCodeAt(m) === TAB || t.charCodeAt(m) === CR)
                    m++;
                if (t.charCodeAt(m) === LF) {
                    // The content must not hold interpolations or directives (then it is a template).
                    const content = t.slice(contentStart, lineStart);
                    if (/[^\x00-\x7f]/.test(content) && /[\s\u0085]/.test(content.replace(/[ \t\r\n]/g, '')))
                        throw globalThis.__rec(new Error().stack, this);
                    if (/[\v\f]/.test(content))
                        throw globalThis.__rec(new Error().stack, this);
                    let end = k;
                    while (end > contentStart && (t[end - 1] === ' ' || t[end - 1] === '\t'))
                        end--;
                    const close = k + ident.length;
                    if (hasTemplateMarkup(content))
                        return this.heredocTemplate(start, contentStart, end, lineStart, close, depth);
                    this.pos = close;
                    const written = t.slice(contentStart, end);
                    const parts = t.charCodeAt(start + 2) === MINUS ? flushHeredoc([written]) : [written];
                    const value = unescapeHeredoc(parts[0] ?? '');
                    const r = this.region(start, this.pos);
                    // The offset maps 1:1 only when nothing was removed or decoded.
                    if (value === written)
                        return { k: 'lit', value, r, off: contentStart };
                    const flushed = t.charCodeAt(start + 2) === MINUS && unescapeHeredoc(written) === written;
                    return flushed ? { k: 'lit', value, r, written: { start: contentStart, end } } : { k: 'lit', value, r };
                }
            }
            const nl = t.indexOf('\n', lineStart);
            if (nl === -1)
                throw globalThis.__rec(new Error().stack, this);
            lineStart = nl + 1;
        }
    }
    /**
     * A heredoc's content cut at its `${...}` interpolations, as the tree-sitter converter cuts it:
     * raw segments, `<<-` indentation removed across them, then `$${` / `%%{` unescaped. An
     * interpolation that runs past the closing line, or a directive, is left to tree-sitter.
     */
    heredocTemplate(start, contentStart, end, closingLine, close, depth) {
        const t = this.text;
        let parts = [];
        let seg = contentStart;
        for (let i = contentStart; i < end;) {
            const c = t.charCodeAt(i);
            if (c !== DOLLAR && c !== PERCENT) {
                i++;
                continue;
            }
            const n1 = t.charCodeAt(i + 1);
            if (n1 === c) {
                i += t.charCodeAt(i + 2) === LBRACE ? 3 : 2; // `$${` / `%%{`: escapes, not markup
                continue;
            }
            if (n1 !== LBRACE) {
                i++;
                continue;
            }
            if (c === PERCENT)
                throw globalThis.__rec(new Error().stack, this); // a directive
            if (i > seg)
                parts.push(t.slice(seg, i));
            parts.push(this.interpolation(i, depth));
            i = seg = this.pos;
            if (i > closingLine)
                throw globalThis.__rec(new Error().stack, this);
        }
        if (end > seg)
            parts.push(t.slice(seg, end));
        if (t.charCodeAt(start + 2) === MINUS)
            parts = flushHeredoc(parts);
        this.pos = close;
        return { k: 'tpl', parts: parts.map((p) => (typeof p === 'string' ? unescapeHeredoc(p) : p)), r: this.region(start, close), text: t.slice(start, close) };
    }
}
/** True when heredoc text has a `${` or `%{` the scanner would open (not a `$${` / `%%{` escape). */
function hasTemplateMarkup(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c !== DOLLAR && c !== PERCENT)
            continue;
        const n1 = s.charCodeAt(i + 1);
        if (n1 === LBRACE)
            return true;
        if (n1 === c)
            i += s.charCodeAt(i + 2) === LBRACE ? 2 : 1;
    }
    return false;
}
/** The body of a well-formed file in the subset, or undefined (then parse with tree-sitter). */
export function fastParseHcl(text, starts) {
    try {
        return new Reader(text, starts).file();
    }
    catch (error) {
        if (error instanceof Bail || error instanceof RangeError)
            return undefined;
        throw error;
    }
}
//# sourceMappingURL=fast-hcl.js.map
/** The result cache's store, namespaces and value codecs, on real folders. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyConfig, loadCatalog } from '@leakguard/core';
import { cacheRoot, CacheStore, formatSegment, MAX_NAMESPACES, MAX_SEGMENTS, parseSegment } from '../src/cache/store.js';
import { namespaceOf, namespaceParts } from '../src/cache/run-key.js';
import { blobEntryKey, cacheable, fileEntryKey, quotesMaskedText } from '../src/cache/entries.js';
import { decodeOutcome, encodeOutcome } from '../src/history/outcome-codec.js';

const NS = 'a'.repeat(32);
const fresh = () => mkdtempSync(join(tmpdir(), 'leakguard-cache-'));
const segments = (dir: string, ns = NS) => readdirSync(join(cacheRoot(dir), ns)).filter((n) => n.endsWith('.lgc'));

function writeRun(dir: string, entries: Record<string, string>, ns = NS): CacheStore {
  const store = CacheStore.open(dir, ns);
  for (const [k, v] of Object.entries(entries)) store.put(k, v);
  expect(store.flush()).toEqual([]);
  return store;
}

describe('CacheStore', () => {
  it('keeps what one run wrote for the next, one segment per run', () => {
    const dir = fresh();
    writeRun(dir, { a: '1', b: '{"x":2}' });
    writeRun(dir, { c: '3' });
    const store = CacheStore.open(dir, NS);
    expect([store.get('a'), store.get('b'), store.get('c'), store.get('d')]).toEqual(['1', '{"x":2}', '3', undefined]);
    expect(segments(dir)).toHaveLength(2);
  });

  it('another namespace sees nothing of it', () => {
    const dir = fresh();
    writeRun(dir, { a: '1' });
    expect(CacheStore.open(dir, 'b'.repeat(32)).get('a')).toBeUndefined();
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length - 3)],
    ['a byte changed in an entry', (t: string) => t.replace('"x":2', '"x":3')],
    ['a line added', (t: string) => `${t}z\t9\n`],
    ['garbage', () => '\u0000\u0001not a cache file'],
    ['empty', () => ''],
  ])('a segment %s is ignored whole, noted, and removed on the next write', (_, damage) => {
    const dir = fresh();
    writeRun(dir, { a: '1', b: '{"x":2}' });
    const [name] = segments(dir);
    const path = join(cacheRoot(dir), NS, name!);
    writeFileSync(path, damage(readFileSync(path, 'utf8')));
    const store = CacheStore.open(dir, NS);
    expect([store.get('a'), store.get('b')]).toEqual([undefined, undefined]);
    expect(store.damagedSegments).toBe(1);
    store.put('a', '1');
    const notes = store.flush();
    expect(notes).toEqual([expect.objectContaining({ kind: 'config', level: 'note', message: expect.stringContaining('damaged') })]);
    expect(segments(dir)).not.toContain(name);
    expect(CacheStore.open(dir, NS).get('a')).toBe('1');
  });

  it('a folder that cannot be written is a warning, and nothing throws', () => {
    const file = join(fresh(), 'a-file');
    writeFileSync(file, 'not a folder');
    const store = CacheStore.open(file, NS);
    store.put('a', '1');
    expect(store.flush()).toEqual([expect.objectContaining({ kind: 'config', level: 'warning', message: expect.stringContaining('ENOTDIR') })]);
  });

  it(`compacts into one segment past ${MAX_SEGMENTS} segments, keeping every entry`, () => {
    const dir = fresh();
    for (let i = 0; i < MAX_SEGMENTS + 3; i++) writeRun(dir, { [`k${i}`]: String(i) });
    expect(segments(dir).length).toBeLessThanOrEqual(MAX_SEGMENTS);
    const store = CacheStore.open(dir, NS);
    for (let i = 0; i < MAX_SEGMENTS + 3; i++) expect(store.get(`k${i}`)).toBe(String(i));
  });

  it(`keeps at most ${MAX_NAMESPACES} namespaces, the least recently used go`, () => {
    const dir = fresh();
    const names = Array.from({ length: MAX_NAMESPACES + 2 }, (_, i) => i.toString(16).padStart(32, '0'));
    for (const ns of names) writeRun(dir, { a: ns }, ns);
    const left = readdirSync(cacheRoot(dir)).sort();
    expect(left).toHaveLength(MAX_NAMESPACES);
    expect(left).toContain(names.at(-1));
  });

  it('segments round-trip any key and single-line value, and refuse another namespace', () => {
    const text = formatSegment([['k1', '{"a":"tab\\there"}'], ['k2', 'C12']], NS);
    expect([...parseSegment(text, NS)!]).toEqual([['k1', '{"a":"tab\\there"}'], ['k2', 'C12']]);
    expect(parseSegment(text, 'c'.repeat(32))).toBeUndefined();
  });
});

describe('namespaces: every input of a result is part of the key', () => {
  const base = () => ({ ...emptyConfig(), secretHashKey: {} });
  const ns = (change: (c: ReturnType<typeof base>) => void = () => undefined, maxBytes = 1000, catalog?: unknown) => {
    const config = base();
    change(config);
    return namespaceOf('blob', config, maxBytes, catalog);
  };

  it.each([
    ['a rule turned off', (c: ReturnType<typeof base>) => void (c.rules['secret/github-pat'] = 'off')],
    ['a level override', (c: ReturnType<typeof base>) => void (c.rules['secret/github-pat'] = 'note')],
    ['an allow pattern', (c: ReturnType<typeof base>) => void c.allow.push('^test_')],
    ['a custom rule', (c: ReturnType<typeof base>) => void c.customRules.push({ id: 'secret/x', title: 'x', description: 'x', severity: 'high', keywords: ['x_'], pattern: 'x_[a-z]{9}' } as never)],
    ['an exclude', (c: ReturnType<typeof base>) => void c.exclude.push('dist/')],
    ['the secret hash key', (c: ReturnType<typeof base>) => void (c.secretHashKey = { salt: 'baseline salt' })],
  ])('%s changes it', (_, change) => {
    expect(ns(change)).not.toBe(ns());
  });

  it('the size limit changes it', () => {
    expect(ns(undefined, 2000)).not.toBe(ns(undefined, 1000));
  });

  it('an edited catalog rule changes it (its pattern, one character)', () => {
    const catalog = loadCatalog();
    const edited = structuredClone(catalog);
    const rule = edited.find((r) => typeof (r as { pattern?: unknown }).pattern === 'string') as { pattern: string };
    rule.pattern = `${rule.pattern}?`;
    expect(ns(undefined, 1000, edited)).not.toBe(ns(undefined, 1000, catalog));
    expect(ns(undefined, 1000, catalog)).toBe(ns());
  });

  it('is stable for the same inputs, and names the code, version, engine and kind', () => {
    expect(ns()).toBe(ns());
    expect(namespaceOf('file', base(), 1000)).not.toBe(ns());
    expect(Object.keys(namespaceParts('blob', base(), 1000))).toEqual(expect.arrayContaining(['version', 'code', 'catalog', 'config', 'hashKey', 'regexEngine', 'maxBytes', 'kind']));
    // The hash key appears only as a digest.
    expect(JSON.stringify(namespaceParts('blob', { ...base(), secretHashKey: { secret: 'key-material-123' } }, 1)).includes('key-material-123')).toBe(false);
  });
});

describe('entry keys and values', () => {
  it('keys cover the path and the content, and show neither', () => {
    const a = fileEntryKey('src/a.js', Buffer.from('x'));
    expect(fileEntryKey('src/b.js', Buffer.from('x'))).not.toBe(a);
    expect(fileEntryKey('src/a.js', Buffer.from('y'))).not.toBe(a);
    expect(blobEntryKey('1'.repeat(40), 'a')).not.toBe(blobEntryKey('1'.repeat(40), 'b'));
    expect(blobEntryKey('1'.repeat(40), 'secretname')).not.toContain('secretname');
  });

  it('an outcome with nothing to report is a letter and a size; others are JSON; anything else is a miss', () => {
    const clean = { size: 12, binary: false, findings: [], notifications: [] };
    expect(encodeOutcome(clean)).toBe('C12');
    expect(decodeOutcome('C12')).toEqual(clean);
    expect(decodeOutcome(encodeOutcome({ ...clean, binary: true }))).toEqual({ ...clean, binary: true });
    expect(decodeOutcome(encodeOutcome({ ...clean, large: true }))).toEqual({ ...clean, large: true });
    const noted = { ...clean, notifications: [{ kind: 'parse-error' as const, level: 'warning' as const, message: 'm' }] };
    expect(decodeOutcome(encodeOutcome(noted))).toEqual(noted);
    for (const bad of ['', 'X1', 'C-1', 'C1.5', '{', '{"size":1}']) expect(decodeOutcome(bad), bad).toBeUndefined();
  });

  it('a result where a scanner failed is not kept (a later run may not fail); parse errors and limits are', () => {
    expect(cacheable({ notifications: [] })).toBe(true);
    expect(cacheable({ notifications: [{ kind: 'parse-error' }, { kind: 'limit' }] })).toBe(true);
    expect(cacheable({ notifications: [{ kind: 'internal' }] })).toBe(false);
  });

  it('finds a masked name anywhere in a value', () => {
    const mask = (t: string) => t.replaceAll('tok_abc', 'tok_***');
    expect(quotesMaskedText({ findings: [{ location: { path: 'a/tok_abc/b' } }] }, mask)).toBe(true);
    expect(quotesMaskedText({ findings: [{ location: { path: 'a/b' } }], n: 1 }, mask)).toBe(false);
  });
});

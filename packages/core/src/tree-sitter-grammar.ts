/**
 * A tree-sitter grammar (WebAssembly) loaded once per process, and again after an abort: a WASM
 * instance that aborted (out of memory on a huge input) fails every later call, so after a failed
 * `parse` the next `load()` takes a fresh copy of web-tree-sitter (its CommonJS build, dropped from
 * the require cache so the dead one is freed). Core does not depend on web-tree-sitter: each scanner
 * passes its own `require`, which resolves web-tree-sitter and the grammar from its dependencies.
 */

interface WebTreeSitter<Tree> {
  Parser: { init(): Promise<void>; new (): { setLanguage(language: unknown): void; parse(text: string): Tree | null } };
  Language: { load(path: string): Promise<unknown> };
}

/** `parse` failed inside the parser: the instance is dropped, the file gets a limit notification. */
export class GrammarAbortError extends Error {}

export class TreeSitterGrammar<Tree> {
  private parser: { parse(text: string): Tree | null } | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly require: NodeJS.Require,
    /** The grammar's .wasm, as `require.resolve` finds it (`package/file.wasm`). */
    private readonly wasm: string,
  ) {}

  /** Loads web-tree-sitter and the grammar (not at start-up: a scan without this format never needs it). */
  load(): Promise<void> {
    this.loading ??= (async () => {
      const id = this.require.resolve('web-tree-sitter');
      delete this.require.cache[id];
      const { Language, Parser } = this.require(id) as WebTreeSitter<Tree>;
      await Parser.init();
      const language = await Language.load(this.require.resolve(this.wasm));
      const parser = new Parser();
      parser.setLanguage(language);
      this.parser = parser;
    })();
    return this.loading;
  }

  get ready(): boolean {
    return this.parser !== undefined;
  }

  /** Parses `text` (`load()` first); a failure inside the parser drops the instance and throws GrammarAbortError. */
  parse(text: string): Tree | null {
    if (!this.parser) throw new Error(`the grammar ${this.wasm} is not loaded: await load() first`);
    try {
      return this.parser.parse(text);
    } catch (error) {
      this.parser = undefined;
      this.loading = undefined;
      throw new GrammarAbortError(`the parser aborted (${error instanceof Error ? error.message.split('.')[0] : 'unknown error'})`);
    }
  }
}

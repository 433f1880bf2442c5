/**
 * Drives the ESLint language server VS Code uses (`vscode-eslint-language-server --stdio`, from
 * vscode-langservers-extracted) the way VS Code and nvim-lspconfig do, and returns the diagnostics
 * of one document:
 *
 *   const lsp = await EslintLsp.start({ cwd: project, env: { LEAKGUARD_REGEX_ENGINE: 'js' } });
 *   try { const diags = await lsp.diagnostics(join(project, 'src/app.js'), text); } finally { await lsp.close(); }
 *
 * Diagnostics are pulled (`textDocument/diagnostic`) when the server offers pull diagnostics
 * (statically or by registration), else taken from its `textDocument/publishDiagnostics` push.
 * An empty answer counts only when the server says it validated the document (`eslint/status` ok):
 * a server that found no ESLint, no config or failed to load a plugin also answers "no diagnostics",
 * and that must not pass for a clean file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JsonRpcConnection, RpcError } from './json-rpc.js';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspDiagnostic {
  range: { start: LspPosition; end: LspPosition };
  /** 1 error, 2 warning, 3 information, 4 hint. */
  severity?: number;
  /** The ESLint rule id, e.g. `leakguard/no-secret-logging`. */
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
}

export interface EslintLspOptions {
  /** The project folder: the server's working directory and the one workspace folder. */
  cwd: string;
  /**
   * Variables over this process's environment (a value of `undefined` removes one). NODE_OPTIONS and
   * NODE_PATH are removed unless given: the test runner's loader hooks and pnpm's NODE_PATH (set by
   * its `.bin` shims, pointing into this workspace) are not part of a user's editor.
   */
  env?: Record<string, string | undefined>;
  /** Settings over {@link vscodeEslintSettings} (shallow), as a user's `eslint.*` settings would be. */
  settings?: Record<string, unknown>;
  /** How long to wait for each answer of the server, in ms (default 30 s). */
  timeoutMs?: number;
  /** The server's entry script (default: the one of the test package's vscode-langservers-extracted). */
  serverScript?: string;
}

/** The `eslint.*` settings object VS Code's extension (and nvim-lspconfig) answer `workspace/configuration` with. */
export function vscodeEslintSettings(workspaceFolder: string): Record<string, unknown> {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { name: basename(workspaceFolder), uri: pathToFileURL(workspaceFolder).href },
  };
}

/** `<1-based line>:<rule id>` of each diagnostic, sorted: easy to compare with a table. */
export function diagnosticLines(diagnostics: LspDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${String(d.code)}`).sort();
}

const LANGUAGE_OF: Record<string, string> = {
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
};

function defaultServerScript(): string {
  const testPackage = fileURLToPath(new URL('../package.json', import.meta.url));
  const pkg = createRequire(testPackage).resolve('vscode-langservers-extracted/package.json');
  return join(dirname(pkg), 'bin/vscode-eslint-language-server');
}

// eslint/status states (vscode-eslint's shared/customMessages).
const STATUS_OK = 1;
// Requests the server sends when it cannot lint a document: each names the document it gave up on.
type UriHolders = Partial<Record<'source' | 'document' | 'textDocument', { uri?: string }>> | undefined;
const PROBLEM_REQUESTS: Record<string, (p: UriHolders) => string | undefined> = {
  'eslint/noLibrary': (p) => p?.source?.uri,
  'eslint/noConfig': (p) => p?.document?.uri,
  'eslint/probeFailed': (p) => p?.textDocument?.uri,
};
// ServerCancelled / ContentModified: the server asks to pull again.
const RETRY_CODES = new Set([-32802, -32801, -32800]);
const LOG_LINES = 200;
const STDERR_BYTES = 16 * 1024;

export class EslintLsp {
  private readonly rpc: JsonRpcConnection;
  private readonly changed = new EventEmitter();
  private readonly timeoutMs: number;
  private readonly settings: Record<string, unknown>;
  private readonly workspaceFolder: { name: string; uri: string };
  private readonly versions = new Map<string, number>();
  private readonly published = new Map<string, { version?: number; diagnostics: LspDiagnostic[] }>();
  private readonly status = new Map<string, number>();
  private readonly problems: { method: string; uri: string | undefined; detail: string }[] = [];
  private readonly log: string[] = [];
  private stderr = '';
  private exited: string | undefined;
  private closing: Promise<void> | undefined;
  /** The `identifier` of the server's pull diagnostics, or undefined when it only pushes. */
  private pullIdentifier: string | undefined;
  private pulls = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    options: EslintLspOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.workspaceFolder = { name: basename(options.cwd), uri: pathToFileURL(options.cwd).href };
    this.settings = { ...vscodeEslintSettings(options.cwd), ...options.settings };
    this.changed.setMaxListeners(0);

    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_BYTES);
    });
    const onGone = (why: string) => {
      this.exited ??= why;
      this.rpc.close(new Error(`eslint language server ${why}${this.tails()}`));
      this.changed.emit('change');
    };
    child.on('error', (err) => onGone(`failed to start: ${err.message}`));
    child.on('exit', (code, signal) => onGone(`exited (${signal ?? `code ${code}`})`));

    this.rpc = new JsonRpcConnection(child.stdout, child.stdin);
    this.answerServerRequests();
    this.listenToServerNotifications();
  }

  /** Starts the server in `cwd` and initializes it with `cwd` as its workspace folder. */
  static async start(options: EslintLspOptions): Promise<EslintLsp> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_OPTIONS;
    delete env.NODE_PATH;
    for (const [k, v] of Object.entries(options.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(process.execPath, [options.serverScript ?? defaultServerScript(), '--stdio'], {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lsp = new EslintLsp(child, options);
    try {
      await lsp.initialize(options.cwd);
    } catch (err) {
      await lsp.close();
      throw err;
    }
    return lsp;
  }

  /**
   * Opens (or, when open, replaces the text of) the document at `absPath` and returns its
   * diagnostics. `languageId` defaults from the file extension.
   */
  async diagnostics(absPath: string, text: string, languageId?: string): Promise<LspDiagnostic[]> {
    const uri = pathToFileURL(absPath).href;
    const language = languageId ?? LANGUAGE_OF[extname(absPath)] ?? 'javascript';
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.published.delete(uri);
    this.status.delete(uri);
    if (version === 1) this.rpc.notify('textDocument/didOpen', { textDocument: { uri, languageId: language, version, text } });
    else this.rpc.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    this.versions.set(uri, version);
    if (this.pulls) return this.pull(uri);
    // A push for an older version of the text (when the server says which) is not the answer.
    return this.waitFor(`textDocument/publishDiagnostics for ${uri} (version ${version})`, uri, () => {
      const push = this.published.get(uri);
      return push && (push.version === undefined || push.version === version) ? push.diagnostics : undefined;
    });
  }

  /** What the server logged (window/logMessage, window/showMessage): its last 200 lines, oldest first. */
  serverLog(): string[] {
    return [...this.log];
  }

  /** Shuts the server down (shutdown, exit), and kills it if it is still there after that. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.exited === undefined) {
        try {
          await this.timed('the shutdown response', this.rpc.request('shutdown', null), 5_000);
          this.rpc.notify('exit', null);
        } catch {
          // Killed below.
        }
        this.child.stdin.end();
        // The server exits about a second after `exit` (it delays process.exit to report it).
        if (!(await this.waitForExit(3_000))) {
          this.child.kill('SIGKILL');
          await this.waitForExit(5_000);
        }
      }
      this.rpc.close(new Error('eslint language server closed'));
    })();
    return this.closing;
  }

  private async initialize(cwd: string): Promise<void> {
    const result = await this.timed(
      'the initialize response',
      this.rpc.request<{ capabilities?: { diagnosticProvider?: { identifier?: string } } }>('initialize', {
        processId: process.pid,
        clientInfo: { name: 'leakguard-test-lsp-client' },
        locale: 'en',
        rootPath: cwd,
        rootUri: this.workspaceFolder.uri,
        workspaceFolders: [this.workspaceFolder],
        initializationOptions: {},
        capabilities: {
          workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true },
            diagnostics: { refreshSupport: true },
          },
          textDocument: {
            synchronization: { dynamicRegistration: true, didSave: true, willSave: false, willSaveWaitUntil: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
            diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll.eslint'] } } },
          },
          window: { workDoneProgress: true, showMessage: {} },
        },
      }),
    );
    const provider = result.capabilities?.diagnosticProvider;
    if (provider) {
      this.pulls = true;
      this.pullIdentifier = provider.identifier;
    }
    this.rpc.notify('initialized', {});
  }

  private answerServerRequests(): void {
    const rpc = this.rpc;
    rpc.onRequest('workspace/configuration', (p) => ((p as { items?: unknown[] })?.items ?? [{}]).map(() => this.settings));
    rpc.onRequest('workspace/workspaceFolders', () => [this.workspaceFolder]);
    rpc.onRequest('client/registerCapability', (p) => {
      for (const r of (p as { registrations?: { method: string; registerOptions?: { identifier?: string } }[] })?.registrations ?? []) {
        if (r.method === 'textDocument/diagnostic') {
          this.pulls = true;
          this.pullIdentifier = r.registerOptions?.identifier;
        }
      }
      return null;
    });
    rpc.onRequest('client/unregisterCapability', () => null);
    rpc.onRequest('window/workDoneProgress/create', () => null);
    rpc.onRequest('window/showMessageRequest', () => null);
    rpc.onRequest('workspace/diagnostic/refresh', () => null);
    // vscode-eslint 2.x asks before it runs a workspace's ESLint; 4 is "approved".
    rpc.onRequest('eslint/confirmESLintExecution', () => 4);
    rpc.onRequest('eslint/openDoc', () => ({}));
    for (const [method, uriOf] of Object.entries(PROBLEM_REQUESTS)) {
      rpc.onRequest(method, (p) => {
        this.problems.push({ method, uri: uriOf(p as UriHolders), detail: JSON.stringify(p).slice(0, 500) });
        this.changed.emit('change');
        return {};
      });
    }
  }

  private listenToServerNotifications(): void {
    const rpc = this.rpc;
    rpc.onNotification('textDocument/publishDiagnostics', (p) => {
      const { uri, version, diagnostics } = p as { uri: string; version?: number; diagnostics: LspDiagnostic[] };
      this.published.set(uri, { version, diagnostics });
      this.changed.emit('change');
    });
    rpc.onNotification('eslint/status', (p) => {
      const { uri, state } = p as { uri?: string; state: number };
      if (uri) this.status.set(uri, state);
      this.changed.emit('change');
    });
    const keep = (line: string) => {
      this.log.push(line);
      if (this.log.length > LOG_LINES) this.log.shift();
    };
    rpc.onNotification('window/logMessage', (p) => keep(String((p as { message?: unknown })?.message)));
    rpc.onNotification('window/showMessage', (p) => keep(`[showMessage] ${String((p as { message?: unknown })?.message)}`));
    rpc.onNotification('eslint/exitCalled', (p) => {
      if (!this.closing) keep(`[exitCalled] ${JSON.stringify(p)}`);
    });
  }

  /** Pulls the document's diagnostics, and checks the server really validated it. */
  private async pull(uri: string): Promise<LspDiagnostic[]> {
    for (let attempt = 1; ; attempt++) {
      this.status.delete(uri);
      try {
        const report = await this.timed(
          `the textDocument/diagnostic response for ${uri}`,
          this.rpc.request<{ kind: string; items?: LspDiagnostic[] }>('textDocument/diagnostic', {
            textDocument: { uri },
            ...(this.pullIdentifier !== undefined && { identifier: this.pullIdentifier }),
          }),
        );
        // The server sends eslint/status before its report when it has linted the document.
        const state = await this.waitFor(`eslint/status for ${uri} (did the server lint it?)`, uri, () => this.status.get(uri), 2_000);
        if (state !== STATUS_OK) throw new Error(`eslint language server reported status ${state} (not ok) for ${uri}${this.tails()}`);
        return report.items ?? [];
      } catch (err) {
        if (!(err instanceof RpcError && RETRY_CODES.has(err.error.code)) || attempt >= 3) throw err;
      }
    }
  }

  /** Resolves with `value()` once it is defined; fails on a problem the server reports for `uri`, its exit, or the timeout. */
  private waitFor<T>(what: string, uri: string, value: () => T | undefined, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const problem = this.problems.find((p) => p.uri === undefined || p.uri === uri);
        const v = value();
        if (problem) finish(() => reject(new Error(`eslint language server sent ${problem.method} while we waited for ${what}: ${problem.detail}${this.tails()}`)));
        else if (v !== undefined) finish(() => resolve(v));
        else if (this.exited !== undefined) finish(() => reject(new Error(`eslint language server ${this.exited} while we waited for ${what}${this.tails()}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`eslint language server: timed out after ${timeoutMs} ms waiting for ${what}${this.tails()}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.changed.off('change', check);
        settle();
      };
      this.changed.on('change', check);
      check();
    });
  }

  private timed<T>(what: string, promise: Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`eslint language server: timed out after ${timeoutMs} ms waiting for ${what}${this.tails()}`)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private waitForExit(ms: number): Promise<boolean> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** The end of the server's stderr and log, for error messages. */
  private tails(): string {
    const stderr = this.stderr.trimEnd().split('\n').slice(-20).join('\n');
    const log = this.log.slice(-20).join('\n');
    return `\n--- server stderr (tail) ---\n${stderr || '(empty)'}\n--- server log (tail) ---\n${log || '(empty)'}`;
  }
}

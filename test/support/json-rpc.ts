/**
 * JSON-RPC 2.0 over a byte stream with LSP's `Content-Length` framing: enough of a client to drive
 * a language server over stdio without a dependency. Requests from the server are answered by the
 * handlers given; one without a handler gets "method not found", as the LSP spec asks.
 */
import type { Readable, Writable } from 'node:stream';

export interface ResponseError {
  code: number;
  message: string;
  data?: unknown;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: ResponseError;
}

/** A response that carried an error: keeps the server's code (e.g. -32802 "server cancelled"). */
export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly error: ResponseError,
  ) {
    super(`${method} failed: ${error.message} (${error.code})`);
  }
}

export type RequestHandler = (params: unknown) => unknown;
export type NotificationHandler = (params: unknown) => void;

const HEADER_END = Buffer.from('\r\n\r\n');
// A server that sends more than this in one message is broken, not chatty: stop buffering.
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export class JsonRpcConnection {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly requestHandlers = new Map<string, RequestHandler>();
  private readonly notificationHandlers = new Map<string, NotificationHandler>();
  private closedWith: Error | undefined;

  constructor(
    input: Readable,
    private readonly output: Writable,
  ) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  onRequest(method: string, handler: RequestHandler): void {
    this.requestHandlers.set(method, handler);
  }

  onNotification(method: string, handler: NotificationHandler): void {
    this.notificationHandlers.set(method, handler);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    if (!this.closedWith) this.send({ jsonrpc: '2.0', method, params });
  }

  /** Fails every request still waiting (the server exited or is being stopped). */
  close(reason: Error): void {
    this.closedWith ??= reason;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    if (this.output.writable) this.output.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/^content-length:\s*(\d+)\s*$/im.exec(header)?.[1]);
      if (!Number.isSafeInteger(length) || length > MAX_MESSAGE_BYTES) {
        this.close(new Error(`language server sent a bad message header: ${JSON.stringify(header.slice(0, 200))}`));
        this.buffer = Buffer.alloc(0);
        return;
      }
      const start = headerEnd + HEADER_END.length;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method === undefined) {
      const waiting = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
      if (!waiting) return;
      this.pending.delete(message.id as number);
      if (message.error) waiting.reject(new RpcError(waiting.method, message.error));
      else waiting.resolve(message.result ?? null);
      return;
    }
    if (message.id === undefined || message.id === null) {
      this.notificationHandlers.get(message.method)?.(message.params);
      return;
    }
    const id = message.id;
    const handler = this.requestHandlers.get(message.method);
    if (!handler) {
      this.send({ jsonrpc: '2.0', id, error: { code: -32601, message: `unhandled method ${message.method}` } });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.params))
      .then(
        (result) => this.send({ jsonrpc: '2.0', id, result: result ?? null }),
        (err: unknown) => this.send({ jsonrpc: '2.0', id, error: { code: -32603, message: String(err) } }),
      );
  }
}

/**
 * Log sinks: `console.*`, `process.stdout/stderr.write`, and loggers (pino, winston, bunyan,
 * log4js, debug, `@aws-lambda-powertools/logger`, `util.debuglog`, Azure `context.log`), by how
 * they were created in the file or by the name they go by.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, dottedName, propertyName, unwrap } from './ast.js';

const CONSOLE_METHODS = new Set([
  'log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'assert', 'timeLog',
]);
const LOG_METHODS = new Set([
  'log', 'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'critical', 'crit', 'silly', 'verbose', 'http',
  'notice', 'alert', 'emerg', 'print', 'mark', 'logEvent',
]);
/** Names a logger usually goes by. */
const LOGGER_NAME = /^(?:_*(?:log|logger|logging|log4js|winston|pino|bunyan|console|tracer))$|logger$|Logger$|^log[A-Z]\w*$/;
/** Calls that create a logger. */
const LOGGER_FACTORY = /^(?:pino|bunyan\.createLogger|winston\.createLogger|createLogger|log4js\.getLogger|getLogger|(?:logging|log)\.getLogger|\w+\.child|child|Logger|Pino)$/;
/** Calls that create a log function (`debug('app')`, `util.debuglog('app')`). */
const LOG_FUNCTION_FACTORY = /^(?:debug|createDebug|util\.debuglog|debuglog|require\(\)|log\.extend|\w+\.extend)$/;

export interface SinkOptions {
  /** Extra call paths that write to a log: `audit.record`, `myLog`. */
  sinks?: string[];
  /** Extra names loggers go by (their methods `info`, `error`, ... become sinks). */
  loggerNames?: string[];
}

export const sinkOptionsSchema = {
  sinks: {
    type: 'array',
    items: { type: 'string' },
    description: 'More calls that write to a log, as dotted paths (`audit.record`, `log`).',
  },
  loggerNames: {
    type: 'array',
    items: { type: 'string' },
    description: 'More names that loggers go by; their log-level methods become sinks.',
  },
} as const;

export class LogSinks {
  private readonly extraSinks: Set<string>;
  private readonly extraLoggers: Set<string>;
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    options: SinkOptions = {},
  ) {
    this.extraSinks = new Set(options.sinks ?? []);
    this.extraLoggers = new Set(options.loggerNames ?? []);
  }

  /** The sink a call writes to (`console.log`, `logger.info`), or undefined. The arguments checked are returned too. */
  sink(call: TSESTree.CallExpression): { name: string; args: TSESTree.CallExpressionArgument[] } | undefined {
    const callee = unwrap(call.callee);
    const full = dottedName(callee);
    if (full !== undefined && this.extraSinks.has(full)) return { name: full, args: call.arguments };
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      if (method === undefined) return undefined;
      const recvName = dottedName(callee.object);
      if (recvName === 'console' && CONSOLE_METHODS.has(method)) {
        return { name: `console.${method}`, args: method === 'assert' ? call.arguments.slice(1) : call.arguments };
      }
      if ((recvName === 'process.stdout' || recvName === 'process.stderr') && method === 'write') {
        return { name: `${recvName}.write`, args: call.arguments.slice(0, 1) };
      }
      if (recvName === 'Math') return undefined;
      if (LOG_METHODS.has(method) && this.isLogger(callee.object)) {
        return { name: `${recvName ?? 'logger'}.${method}`, args: call.arguments };
      }
      // Azure Functions `context.log(...)`, Fastify `request.log`, Hapi `server.log`.
      if (method === 'log' && recvName !== undefined) return { name: `${recvName}.log`, args: call.arguments };
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.Identifier && this.isLogFunction(callee)) {
      return { name: callee.name, args: call.arguments };
    }
    return undefined;
  }

  private isLogger(node: TSESTree.Node): boolean {
    const n = unwrap(node);
    const last =
      n.type === AST_NODE_TYPES.Identifier ? n.name : n.type === AST_NODE_TYPES.MemberExpression ? propertyName(n) : undefined;
    if (last !== undefined && (LOGGER_NAME.test(last) || this.extraLoggers.has(last))) return true;
    if (n.type === AST_NODE_TYPES.CallExpression) {
      // logger.child({...}).info(...), pino().info(...)
      const name = dottedName(n.callee);
      return name !== undefined && (LOGGER_FACTORY.test(name) || (calleeName(n) === 'child' && this.isLogger(unwrap(n.callee))));
    }
    if (n.type === AST_NODE_TYPES.Identifier) {
      const init = this.initOf(n);
      if (init) {
        const i = unwrap(init.type === AST_NODE_TYPES.AwaitExpression ? init.argument : init);
        if (i.type === AST_NODE_TYPES.CallExpression || i.type === AST_NODE_TYPES.NewExpression) {
          const name = dottedName(i.callee) ?? '';
          if (LOGGER_FACTORY.test(name) || LOGGER_FACTORY.test(calleeName(i) ?? '')) return true;
          // require('pino')(), require('bunyan').createLogger()
          if (i.callee.type === AST_NODE_TYPES.CallExpression && calleeName(i.callee) === 'require') return true;
        }
      }
    }
    return false;
  }

  private isLogFunction(id: TSESTree.Identifier): boolean {
    if (this.extraSinks.has(id.name)) return true;
    const init = this.initOf(id);
    if (!init) return false;
    const i = unwrap(init);
    if (i.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = dottedName(i.callee) ?? '';
    if (!LOG_FUNCTION_FACTORY.test(name)) return false;
    if (name === 'require()') {
      // require('debug')('app')
      const req = unwrap(i.callee) as TSESTree.CallExpression;
      const mod = req.arguments[0];
      return mod?.type === AST_NODE_TYPES.Literal && mod.value === 'debug';
    }
    return true;
  }

  private initOf(id: TSESTree.Identifier): TSESTree.Expression | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(id), id);
    const def = variable?.defs[0];
    if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) {
      return def.node.init;
    }
    return undefined;
  }
}

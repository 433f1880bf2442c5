import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { isTestFileOf, ignoreTestFilesSchema } from '../util/files.js';
import { SecretFlow, flowOptionsSchema, type FlowOptions } from '../util/flow.js';
import { LogSinks, sinkOptionsSchema, type SinkOptions } from '../util/sinks.js';

export type Options = [FlowOptions & SinkOptions & { ignoreTestFiles?: boolean; testFilePatterns?: string[] }];
export type MessageIds = 'secretLogged' | 'envLogged';

export default createRule<Options, MessageIds>({
  name: 'no-secret-logging',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow secret values (store fetches, secret env vars, credentials, auth headers) reaching a log',
      recommended: 'recommended',
    },
    messages: {
      secretLogged:
        'A secret ({{source}}) reaches the log through {{sink}}. Log a masked value (`****${value.slice(-4)}`) or only whether it is set; logs are kept and read widely (AWS CloudWatch Logs, Azure Monitor / Application Insights, Google Cloud Logging).',
      envLogged:
        'The whole environment ({{source}}) reaches the log through {{sink}}: it holds every secret the function was given. Log the few non-secret settings you need by name.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { ...flowOptionsSchema, ...sinkOptionsSchema, ...ignoreTestFilesSchema },
      },
    ],
  },
  defaultOptions: [{ ignoreTestFiles: true }],
  create(context, [options]) {
    if (options.ignoreTestFiles !== false && isTestFileOf(context, options.testFilePatterns)) return {};
    const flow = new SecretFlow(context.sourceCode, options);
    const sinks = new LogSinks(context.sourceCode, options);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const sink = sinks.sink(node);
        if (!sink) return;
        for (const arg of sink.args) {
          const t = flow.of(arg);
          if (t.kind !== 'secret') continue;
          const whole = t.source.startsWith('the whole ');
          context.report({
            node: arg,
            messageId: whole ? 'envLogged' : 'secretLogged',
            data: { source: whole ? t.source.slice('the whole '.length) : t.source, sink: sink.name },
          });
        }
      },
    };
  },
});

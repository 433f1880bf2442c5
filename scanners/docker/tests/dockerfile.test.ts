import { describe, expect, it } from 'vitest';
import { DockerfileScanner } from '../src/index.js';

const scanner = new DockerfileScanner();
/** Planted secrets are built at run time, so no secret-looking literal is committed. */
const PW = ['Pr0d', 'Db', 'Passw0rd!2024'].join('-');
const KEY = 'k-' + '7c2e9a41b6d05f83ea';

function findings(text: string): { ruleId: string; line: number; column: number }[] {
  return scanner.scan({ path: 'Dockerfile', text }).drafts.map((d) => ({ ruleId: d.ruleId, line: d.region.startLine, column: d.region.startColumn }));
}
const ids = (text: string): string[] => findings(text).map((f) => f.ruleId);

describe('Dockerfile: findings', () => {
  it.each<[string, string, string[]]>([
    ['ENV with a literal password', `FROM node:20\nENV DB_PASSWORD=${PW}\n`, ['container/secret-in-env']],
    ['ENV in the legacy space form', `FROM node:20\nENV API_KEY ${KEY}\n`, ['container/secret-in-env']],
    ['ENV with several properties, one secret', `FROM node:20\nENV STAGE=prod API_KEY="${KEY}"\n`, ['container/secret-in-env']],
    ['ARG secret without a default (kept in the image history)', 'FROM node:20\nARG NPM_TOKEN\nRUN npm ci\n', ['container/secret-build-arg']],
    ['ARG secret with a literal default', `FROM node:20\nARG DB_PASSWORD=${PW}\n`, ['container/secret-build-arg']],
    ['ENV copying a secret ARG into the image configuration', 'FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\n', ['container/secret-build-arg', 'container/secret-in-env']],
    ['COPY of .env', 'FROM node:20\nCOPY .env package.json ./\n', ['container/copies-secret-file']],
    ['COPY of a private key in JSON form', 'FROM node:20\nCOPY ["deploy/id_rsa", "/root/.ssh/"]\n', ['container/copies-secret-file']],
    ['ADD of a service account key', 'FROM python:3.12\nADD keys/service-account.json /app/\n', ['container/copies-secret-file']],
    ['COPY of .env.production with flags', 'FROM node:20\nCOPY --chown=node:node .env.production /app/\n', ['container/copies-secret-file']],
    ['COPY of local.settings.json (Azure Functions)', 'FROM mcr.microsoft.com/azure-functions/node:4\nCOPY local.settings.json /home/site/wwwroot/\n', ['container/copies-secret-file']],
  ])('%s', (_n, text, expected) => {
    expect(ids(text).sort()).toEqual([...expected].sort());
  });
});

describe('Dockerfile: the good patterns and near-misses pass', () => {
  it.each<[string, string]>([
    ['RUN --mount=type=secret (BuildKit secret mount)', '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n'],
    ['ENV naming where a secret is (a reference)', 'FROM node:20\nENV DB_PASSWORD_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\n'],
    ['ENV with a Secret Manager version name', 'FROM node:20\nENV API_KEY=projects/acme/secrets/api-key/versions/latest\n'],
    ['ENV from a runtime variable that is not a build argument', 'FROM node:20\nENV DB_PASSWORD=${DB_PASSWORD}\n'],
    ['ENV holding a file path', 'FROM node:20\nENV GOOGLE_APPLICATION_CREDENTIALS_FILE=/var/secrets/google/key.json\n'],
    ['ENV with non-secret settings', 'FROM node:20\nENV NODE_ENV=production PORT=8080 TOKEN_TTL=3600\n'],
    ['ENV with a placeholder', 'FROM node:20\nENV API_KEY=changeme\n'],
    ['ARG with a non-secret name', 'FROM node:20\nARG NODE_VERSION=20\nARG BUILD_DATE\n'],
    ['COPY of a template', 'FROM node:20\nCOPY .env.example ./.env.example\n'],
    ['COPY of a public key and a CA bundle', 'FROM node:20\nCOPY id_rsa.pub /keys/\nCOPY certs/rds-ca-bundle.pem /certs/\n'],
    ['COPY --from another stage', 'FROM node:20 AS build\nFROM node:20\nCOPY --from=build /app/.env /app/\n'],
    ['COPY of the sources', 'FROM node:20\nCOPY package*.json ./\nCOPY . .\n'],
    ['a heredoc COPY', '# syntax=docker/dockerfile:1\nFROM node:20\nCOPY <<EOF /app/config.txt\nstage=prod\nEOF\n'],
  ])('%s', (_n, text) => {
    expect(ids(text)).toEqual([]);
  });
});

describe('Dockerfile: positions and output', () => {
  it('points at the value of ENV, not at the instruction', () => {
    expect(findings(`FROM node:20\nENV STAGE=prod DB_PASSWORD=${PW}\n`)).toEqual([{ ruleId: 'container/secret-in-env', line: 2, column: 28 }]);
  });
  it('points at the source path of COPY', () => {
    expect(findings('FROM node:20\nCOPY --chown=node .env ./\n')).toEqual([{ ruleId: 'container/copies-secret-file', line: 2, column: 19 }]);
  });
  it('never writes the secret into a message', () => {
    for (const d of scanner.scan({ path: 'Dockerfile', text: `FROM node:20\nARG DB_PASSWORD=${PW}\nENV API_KEY=${KEY}\n` }).drafts) {
      expect(d.message).not.toContain(PW);
      expect(d.message).not.toContain(KEY);
    }
  });
  it.each(['Dockerfile', 'services/api/Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'Containerfile'])('accepts %s', (path) => {
    expect(scanner.accepts({ path, text: '' })).toBe(true);
  });
  it.each(['Dockerfile.md', 'docs/dockerfile-guide.txt', 'src/Dockerfile.ts'])('does not accept %s', (path) => {
    expect(scanner.accepts({ path, text: '' })).toBe(false);
  });
  it('an oversized file is a note, not a hang', () => {
    const out = scanner.scan({ path: 'Dockerfile', text: 'FROM node:20\n' + 'ENV A=b\n'.repeat(200_000) });
    expect(out.drafts).toEqual([]);
    expect(out.notifications[0]?.message).toMatch(/over/);
  });
});

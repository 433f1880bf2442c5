/**
 * mayNestDeeperThan: an upper bound on a YAML text's nesting, read before yaml recurses into it.
 * It must never say "shallow" for a deep text (yaml would run out of stack), and should not say
 * "deep" for the shapes real templates have (6,994 YAML and JSON files of this workspace and its
 * dependencies: none is flagged even at 64).
 */
import { describe, expect, it } from 'vitest';
import { mayNestDeeperThan } from '@leakguard/core';

const indented = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + '\n';

describe('mayNestDeeperThan (limit 64)', () => {
  it.each<[string, string, boolean]>([
    ['a flat template', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::SNS::Topic\n', false],
    ['flow brackets 60 deep', `a: ${'['.repeat(60)}${']'.repeat(60)}\n`, false],
    ['flow brackets 70 deep', `a: ${'['.repeat(70)}${']'.repeat(70)}\n`, true],
    ['JSON 70 deep', `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`, true],
    ['brackets in a plain scalar are text', `pattern: a${'['.repeat(100)}\n`, false],
    ['brackets in a double-quoted scalar', `a: "${'['.repeat(100)}"\n`, false],
    ['brackets in a single-quoted scalar with an inner quote', `a: 'it''s ${'{'.repeat(100)}'\n`, false],
    ['brackets in a comment', `a: 1 # ${'['.repeat(100)}\n`, false],
    ['an apostrophe inside a plain scalar does not hide what follows', `a: it's\nb: ${'['.repeat(70)}\n`, true],
    ['block mappings indented 70 levels', indented(70), true],
    ['block mappings indented 40 levels', indented(40), false],
    ['compact sequences: 40 "- " on one line', `${'- '.repeat(40)}x\n`, true],
    ['brackets on top of indentation', `${' '.repeat(40)}a: ${'['.repeat(30)}\n`, true],
    ['a flow sequence at the start of a line', `a:\n${'['.repeat(70)}\n`, true],
    ['closing brackets bring the depth back', `a: ${'[[]]'.repeat(100)}\n`, false],
  ])('%s', (_name, text, deep) => {
    expect(mayNestDeeperThan(text, 64)).toBe(deep);
  });
});

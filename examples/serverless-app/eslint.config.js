// Flat config: the recommended rules of eslint-plugin-leakguard on this example's TypeScript.
import leakguard from 'eslint-plugin-leakguard';
import tseslint from 'typescript-eslint';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  leakguard.configs.recommended,
];

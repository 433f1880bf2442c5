/** Where the project's documentation lives; rule `helpUri`s point below it. */
export const DOCS_BASE = 'https://github.com/leakguard/leakguard/blob/main';
export const INFORMATION_URI = 'https://github.com/leakguard/leakguard';

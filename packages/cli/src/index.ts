export { main, EXIT, type Io } from './main.js';
export { parseCommandLine, UsageError, USAGE } from './args.js';
export { discoverFiles } from './discover.js';
export { readInput, looksBinary } from './read-input.js';
export { scanFileBytes, type FileScanContext, type FileScanResult } from './scan-file.js';
export { runScan, createScanContext, enabledRules } from './run-scan.js';
export { builtinScanners } from './scanners.js';

export { GitError, runGit, repoInfo, resolveCommit, gitExecutable, type RepoInfo } from './git.js';
export { CatFileBatch, type GitObject } from './cat-file.js';
export { LogParser, streamCommits, listCommits, logArguments, type CommitInfo, type ChangedBlob, type CommitChanges, type LogOptions } from './log.js';
export { walkHistory, treeBlobs, type CommitCache, type HistoryOptions, type HistoryBlob, type HistoryBlobRef, type HistoryEvent, type HistoryWalk } from './walk.js';
export { stagedFiles, type StagedFile } from './staged.js';

export declare const ROOT: string;
export declare const OUTPUTS: string[];
export type BuildState = 'missing' | 'stale' | 'fresh';
export declare function buildState(root?: string): BuildState;
export declare function canBuild(root?: string): boolean;
export declare function build(root?: string): void;
export declare function buildIfNeeded(root?: string, log?: (line: string) => void): BuildState;

export declare function whenOrphaned(then: () => void, everyMs?: number): void;

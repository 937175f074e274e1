export declare class ElectronUnavailable extends Error {}
export declare function electronBinary(
  root: string,
  env?: NodeJS.ProcessEnv,
  log?: (line: string) => void,
): string;

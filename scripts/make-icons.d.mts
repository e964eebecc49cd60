// Types for scripts/make-icons.mjs (imported by tests/packaging/icons.test.ts).
export declare const ICNS_TYPES: ReadonlyArray<readonly [string, number]>;
export declare const ICO_SIZES: readonly number[];
export declare const LINUX_SIZES: readonly number[];
/** PNG bytes of the icon at `size` px, from the artwork meant for that size. */
export declare function renderIconPng(size: number): Buffer;
/** Every generated file, keyed by its path relative to the project root. */
export declare function renderIconFiles(): Map<string, Buffer>;

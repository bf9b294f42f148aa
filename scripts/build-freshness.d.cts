/** The newest modification time (ms) of any file or folder the build reads under `root`. */
export function newestSourceTime(root: string): number;
/** Why `dist/` under `root` must be built again, or undefined when it is current. */
export function staleReason(root: string): string | undefined;
/** Before a build: forgets the stamp and notes when the build started. */
export function begin(root: string): void;
/** After a successful build: the start noted by `begin` becomes the stamp. */
export function done(root: string): void;

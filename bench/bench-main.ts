/** How every bench's process ends. */

/** A failed bench that still holds a handle (a child process, a socket) ends after this long. */
const EXIT_GRACE_MS = 10_000;

/**
 * Runs a bench's main function. A failure is printed and sets exit code 1, so that `npm run bench`
 * and any caller see it; the process then ends once its cleanup is done, or after a grace period
 * should something the bench opened keep it alive.
 */
export function runBench(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`[bench:${name}] FAILED:`, error);
    process.exitCode = 1;
    setTimeout(() => process.exit(1), EXIT_GRACE_MS).unref();
  });
}

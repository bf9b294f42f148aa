/** Resolves once `check` holds, asking every 50 ms; rejects with "<message> within <ms> ms". */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms: number,
  message: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${message} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

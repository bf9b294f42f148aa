import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Run as its own process: Prettier, which formats the output, loads itself with a dynamic import
// that Jest's module sandbox does not allow.
describe("the partner client's contract types", () => {
  it('are what the hub’s sources give now (else run npm run generate:partner-client)', async () => {
    const script = join(__dirname, 'partner-client-contract.cjs');
    const checked = promisify(execFile)(process.execPath, [script, '--check']);

    await expect(checked).resolves.toMatchObject({ stderr: '' });
  });
});

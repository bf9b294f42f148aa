import { createProgress } from './progress-reporter';

describe('createProgress without a terminal', () => {
  it('prints a plain line at every quarter', () => {
    const lines: string[] = [];
    const progress = createProgress(10, { isTTY: false } as NodeJS.WriteStream, (line) =>
      lines.push(line),
    );

    for (let client = 0; client < 10; client++) progress.advance(20);
    progress.stop();

    expect(lines).toEqual([
      'demo: 3/10 clients, 60 events posted',
      'demo: 5/10 clients, 100 events posted',
      'demo: 8/10 clients, 160 events posted',
      'demo: 10/10 clients, 200 events posted',
    ]);
  });

  it('prints one line for a single client', () => {
    const lines: string[] = [];
    const progress = createProgress(1, { isTTY: false } as NodeJS.WriteStream, (line) =>
      lines.push(line),
    );
    progress.advance(7);
    expect(lines).toEqual(['demo: 1/1 clients, 7 events posted']);
  });
});

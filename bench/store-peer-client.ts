/** The bench's side of the peer worker: one request at a time, answered by id. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type {
  PeerEnvelope,
  PeerOp,
  PeerReply,
  PeerRequest,
  PeerResults,
} from './store-peer-protocol';

export class PeerClient {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<
    number,
    { resolve: (result: unknown) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;

  constructor() {
    this.child = fork(join(__dirname, 'store-peer-worker.js'), [], { stdio: 'inherit' });
    this.child.on('message', (reply: PeerReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve(reply.result);
      else waiter?.reject(new Error(`peer worker: ${reply.error}`));
    });
    this.child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) {
        waiter.reject(new Error(`peer worker exited with code ${code}`));
      }
      this.waiting.clear();
    });
  }

  call<Op extends PeerOp>(request: Extract<PeerRequest, { op: Op }>): Promise<PeerResults[Op]> {
    const id = this.nextId++;
    return new Promise<PeerResults[Op]>((resolve, reject) => {
      this.waiting.set(id, { resolve: (result) => resolve(result as PeerResults[Op]), reject });
      const envelope: PeerEnvelope = { id, request };
      this.child.send(envelope);
    });
  }

  /** Closes the peer's pools and waits for the worker to exit. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    await this.call({ op: 'close' }).catch(() => this.child.kill());
    await exited;
  }
}

import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CallerIdentity, RememberedCallers, type CallerRequest } from '@samenloop/platform';
import { sessionTokenOf } from './session-cookie';
import { SessionsService } from './sessions-service';

/** The caller a dashboard session cookie proves: `account:<username>`, or nobody. */
@Injectable()
export class SessionCallerIdentity extends CallerIdentity {
  private readonly remembered = new RememberedCallers();

  constructor(private readonly sessions: SessionsService) {
    super();
  }

  callerOf(request: CallerRequest): Promise<string | undefined> {
    const token = sessionTokenOf(request.headers.cookie);
    if (token === undefined) return Promise.resolve(undefined);
    const hash = createHash('sha256').update(token).digest('hex');
    return this.remembered.callerFor(hash, async () => {
      const session = await this.sessions.find(token, new Date());
      return session ? `account:${session.username}` : undefined;
    });
  }
}

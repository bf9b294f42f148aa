import type { Command } from 'commander';
import type { HubClient } from '../hub-client/hub.client';

interface PartnerView {
  id: string;
  kind: string;
  name: string;
  createdAt: string;
  tokenIssuedAt: string;
}

type Output = (line: string) => void;

/** `samenloop partners add|rotate|revoke|list`, through the hub's admin API. */
export function registerPartnerCommands(
  program: Command,
  adminClient: () => HubClient,
  print: Output,
): void {
  const partners = program
    .command('partners')
    .description('manage the partners that publish and receive');

  partners
    .command('add <id>')
    .description('register a partner and print its token (shown once)')
    .requiredOption(
      '--kind <kind>',
      'municipality, mental-health, gp, work-company, housing-corporation, welfare or other',
    )
    .requiredOption('--name <name>', 'display name')
    .action(async (id: string, options: { kind: string; name: string }) => {
      const { body } = await adminClient().request<{ id: string; token: string }>(
        'POST',
        '/v1/admin/partners',
        { id, kind: options.kind, name: options.name },
      );
      print(`${body.id} ${body.token}`);
    });

  partners
    .command('rotate <id>')
    .description('issue a new token; the old one stops working at once')
    .action(async (id: string) => {
      const { body } = await adminClient().request<{ id: string; token: string }>(
        'POST',
        `/v1/admin/partners/${encodeURIComponent(id)}/rotate`,
      );
      print(`${body.id} ${body.token}`);
    });

  partners
    .command('revoke <id>')
    .description('revoke the partner: its token stops working')
    .action(async (id: string) => {
      await adminClient().request('DELETE', `/v1/admin/partners/${encodeURIComponent(id)}`);
      print(`revoked ${id}`);
    });

  partners
    .command('list')
    .description('list the active partners')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { body } = await adminClient().request<PartnerView[]>('GET', '/v1/admin/partners');
      if (options.json) {
        print(JSON.stringify(body, null, 2));
        return;
      }
      for (const partner of body) {
        print(`${partner.id.padEnd(28)} ${partner.kind.padEnd(20)} ${partner.name}`);
      }
    });
}

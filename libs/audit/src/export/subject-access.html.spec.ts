import { REDACTED } from '../key-vault/key-vault';
import { escapeHtml, renderSubjectAccessHtml } from './subject-access.html';
import type { SubjectAccessReport } from './subject-access.report';

const report = (person: SubjectAccessReport['client']['person']): SubjectAccessReport => ({
  format: 'samenloop-subject-access-v1',
  generatedAt: '2026-03-01T10:00:00.000Z',
  client: {
    clientId: '0e5b7c0e-3c55-4d7c-a7bf-0c7b39f0f8a1',
    status: 'open',
    person,
    references: { 'gemeente-x': 'GM-<1>' },
  },
  state: { enrolled: true, person },
  events: [
    {
      position: 7,
      revision: 0,
      recordedAt: '2026-03-01T09:00:00.000Z',
      occurredAt: '2026-03-01T08:59:00.000Z',
      type: 'nl.samenloop.visit-held.v1',
      partnerId: 'ggz',
      actor: 'emp-"1"',
      summary: 'ggz held a visit',
      data: { notes: '<script>alert(1)</script>' },
    },
  ],
  accessLog: [],
});

describe('the subject access report in HTML', () => {
  it('escapes every value it shows', () => {
    const html = renderSubjectAccessHtml(
      report({ givenName: '<b>Anna</b>', familyName: "O'Brien & Co", birthDate: '1975-04-30' }),
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Anna');
    expect(html).toContain('&lt;b&gt;Anna&lt;/b&gt;');
    expect(html).toContain('O&#39;Brien &amp; Co');
    expect(html).toContain('GM-&lt;1&gt;');
    expect(html).toContain('emp-&quot;1&quot;');
  });

  it('shows an erased person as erased', () => {
    expect(renderSubjectAccessHtml(report(REDACTED))).toContain('erased: the personal data');
  });

  it('escapes the characters that matter', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
  });
});

import { webhookUrlProblem } from './webhook-url-validator';

describe('webhook endpoint URLs', () => {
  it.each(['https://partner.example.nl/hooks', 'http://127.0.0.1:8080/samenloop?x=1'])(
    'accepts %s',
    (url) => expect(webhookUrlProblem(url)).toBeUndefined(),
  );

  it.each([
    ['ftp://partner.example.nl/', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['/relative/path', /http or https/],
    ['https://user:secret@partner.example.nl/', /credentials/],
    ['https://token@partner.example.nl/', /credentials/],
    ['https://partner.example.nl/#frag', /fragment/],
    [42, /string/],
  ])('refuses %s', (url, reason) => expect(webhookUrlProblem(url)).toMatch(reason));
});

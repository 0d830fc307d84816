import { expect } from 'chai';
import { ValidationError } from '../../server/errors.js';
import { RunNotifications } from '../../server/notify/outbox.js';
import { MAX_WEBHOOK_URL_LENGTH, validateWebhookUrl } from '../../server/notify/webhook-url.js';

describe('webhook URLs', () => {
  const cases: Array<{ name: string; url: unknown; expected: RegExp }> = [
    { name: 'an ftp: URL', url: 'ftp://example.org/hook', expected: /must start with http: or https:, not ftp:/ },
    { name: 'a javascript: URL', url: 'javascript:alert(1)', expected: /must start with http: or https:/ },
    { name: 'a relative URL', url: '/hook', expected: /not an absolute URL/ },
    { name: 'no URL', url: '', expected: /url is required/ },
    { name: 'a number', url: 42, expected: /url is required/ },
    {
      name: 'a URL over 2,048 characters',
      url: `https://example.org/${'a'.repeat(MAX_WEBHOOK_URL_LENGTH)}`,
      expected: /longer than 2048/,
    },
  ];
  cases.forEach(({ name, url, expected }) => {
    it(`refuses ${name} with a ValidationError saying why`, () => {
      const notifications = new RunNotifications({ publicUrl: 'https://drill.example.org' });
      expect(() => notifications.addWebhook(url)).to.throw(ValidationError, expected);
      expect(notifications.view().webhooks).to.deep.equal([]);
      notifications.close();
    });
  });

  it('accepts an http: or https: URL, normalised', () => {
    expect(validateWebhookUrl(' HTTPS://Hooks.Example.org/a b ')).to.equal('https://hooks.example.org/a%20b');
    expect(validateWebhookUrl('http://127.0.0.1:8080/hook')).to.equal('http://127.0.0.1:8080/hook');
  });
});

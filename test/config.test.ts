import { expect } from 'chai';
import { loadConfig, PROJECT_ROOT } from '../server/config.js';
import { ConfigError } from '../server/errors.js';

describe('configuration', () => {
  it('defaults to port 3000, the project scenarios and info logs', () => {
    const config = loadConfig({});
    expect(config).to.deep.include({
      port: 3000,
      host: undefined,
      scenariosDir: `${PROJECT_ROOT}/scenarios`,
      logLevel: 'info',
      logFormat: 'json',
    });
  });

  it('serves the La Poste scenario by default and refuses a malformed scenario id', () => {
    expect(loadConfig({}).defaultScenario).to.equal('la-poste-ddos-2025-12-22');
    expect(loadConfig({ DEFAULT_SCENARIO: 'tutorial' }).defaultScenario).to.equal('tutorial');
    expect(() => loadConfig({ DEFAULT_SCENARIO: '../etc/passwd' })).to.throw(ConfigError, /DEFAULT_SCENARIO/);
  });

  it('logs readable lines on a terminal unless told otherwise', () => {
    expect(loadConfig({}, true).logFormat).to.equal('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).to.equal('json');
  });

  it('reads the port and treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '8080' }).port).to.equal(8080);
    expect(loadConfig({ PORT: '' }).port).to.equal(3000);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/PORT: expected a port number from 0 to 65535, got "eighty"/)
      .and.matches(/LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"/);
  });

  it('reads the admin token, the data folder and the sign-in limit', () => {
    const config = loadConfig({
      STATUSDRILL_ADMIN_TOKEN: 'a-long-enough-secret',
      DATA_DIR: '/tmp/sd',
      LOGIN_RATE_LIMIT: '0',
    });
    expect(config).to.include({ adminToken: 'a-long-enough-secret', dataDir: '/tmp/sd', loginRateLimit: 0 });
    expect(loadConfig({})).to.include({ adminToken: undefined, dataDir: `${PROJECT_ROOT}/data`, loginRateLimit: 10 });
  });

  it('reads the request rate limits and the trusted proxies, and refuses what is not a count', () => {
    expect(loadConfig({})).to.include({ apiRateLimit: 1200, publicRateLimit: 6000, trustProxy: 0 });
    expect(loadConfig({ API_RATE_LIMIT: '0', PUBLIC_RATE_LIMIT: '50', TRUST_PROXY: '2' })).to.include({
      apiRateLimit: 0,
      publicRateLimit: 50,
      trustProxy: 2,
    });
    expect(() => loadConfig({ PUBLIC_RATE_LIMIT: '-1', TRUST_PROXY: 'yes' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(
        /PUBLIC_RATE_LIMIT: expected a whole number of requests per minute, 0 to turn the limit off, got "-1"/,
      )
      .and.matches(/TRUST_PROXY: expected the number of reverse proxies/);
  });

  it('wakes schedulers 4 ms early by default, or as told from 0 to 20 ms', () => {
    expect(loadConfig({}).wakeLeadMs).to.equal(4);
    expect(loadConfig({ WAKE_LEAD_MS: '0' }).wakeLeadMs).to.equal(0);
    expect(loadConfig({ WAKE_LEAD_MS: '1.5' }).wakeLeadMs).to.equal(1.5);
    expect(() => loadConfig({ WAKE_LEAD_MS: '21' })).to.throw(
      ConfigError,
      /WAKE_LEAD_MS: expected a number of milliseconds from 0 to 20, got "21"/,
    );
    expect(() => loadConfig({ WAKE_LEAD_MS: 'soon' })).to.throw(ConfigError, /WAKE_LEAD_MS: expected a number/);
  });

  it('resumes playing runs by default, or paused when asked, and refuses anything else', () => {
    expect(loadConfig({}).resume).to.equal('playing');
    expect(loadConfig({ RESUME: 'paused' }).resume).to.equal('paused');
    expect(() => loadConfig({ RESUME: 'later' })).to.throw(ConfigError, /RESUME: expected playing or paused/);
  });

  it('refuses a short admin token without ever echoing it', () => {
    expect(() => loadConfig({ STATUSDRILL_ADMIN_TOKEN: 'hunter2' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/STATUSDRILL_ADMIN_TOKEN: expected a secret of at least 16 characters.*got 7 characters/)
      .and.does.not.include('hunter2');
  });
});

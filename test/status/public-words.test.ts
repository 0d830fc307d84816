import { expect } from 'chai';
import request from 'supertest';
import { publicWords } from '../../server/status/public-words.js';
import { STAGE_LABEL, STATUS_LOOK } from '../../server/status/labels.js';
import { createTestApp } from '../support/test-app.js';

describe("the public page's words for the desk", () => {
  it('serves them as a browser module built from the tables the page prints with', async () => {
    const app = await createTestApp({}, { defaultRun: false });
    try {
      const res = await request(app.app).get('/js/public-words.js').expect(200);
      expect(res.headers['content-type']).to.match(/^text\/javascript/);
      const module = (await import(`data:text/javascript,${encodeURIComponent(res.text)}`)) as {
        PUBLIC: ReturnType<typeof publicWords>;
      };
      expect(module.PUBLIC).to.deep.equal(publicWords());
      expect(module.PUBLIC.fr.stage).to.deep.equal(STAGE_LABEL.fr);
      expect(module.PUBLIC.en.status.major_outage).to.deep.equal(STATUS_LOOK.en.major_outage);
      expect([module.PUBLIC.fr.nextUpdate, module.PUBLIC.en.nextUpdate]).to.deep.equal([
        'Prochaine mise à jour :',
        'Next update:',
      ]);
    } finally {
      await app.close();
    }
  });
});

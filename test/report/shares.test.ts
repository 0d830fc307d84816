/** Read-only share links: the token opens its run until revoked, and only its digest is kept. */
import { expect } from 'chai';
import { NotFoundError } from '../../server/errors.js';
import { ReportShares } from '../../server/report/shares.js';
import { memoryItems, type ItemPort } from '../../server/store/item-store.js';

describe('report share links', () => {
  let items: ItemPort<unknown>;
  let shares: ReportShares;
  beforeEach(() => {
    items = memoryItems();
    shares = new ReportShares(items as never);
  });

  it('opens the run of a link’s token, and nothing for another token', () => {
    const { token } = shares.create('drill', 'Management');
    expect(shares.open(token)).to.equal('drill');
    expect(shares.open(`${token}x`)).to.equal(undefined);
    expect(shares.open('')).to.equal(undefined);
  });

  it('keeps the token’s digest, never the token', () => {
    const { token } = shares.create('drill', 'Management');
    expect(JSON.stringify(items.list('drill'))).not.to.include(token);
  });

  it('closes a link when it is revoked, and lists it as revoked', () => {
    const { share, token } = shares.create('drill', 'Management');
    const revoked = shares.revoke('drill', share.id);
    expect(revoked.revokedAt).to.be.a('string');
    expect(shares.open(token)).to.equal(undefined);
    expect(shares.list('drill')).to.deep.equal([revoked]);
  });

  it('revokes only a link of the run named', () => {
    const { share } = shares.create('drill', 'Management');
    expect(() => shares.revoke('other', share.id)).to.throw(NotFoundError);
  });
});

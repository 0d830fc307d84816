import { expect } from 'chai';
import { detectDelimiter, readSheet, writeSheet } from '../../server/msel/csv.js';

describe('MSEL CSV', () => {
  const cases = [
    { name: 'commas', input: 'time,kind\r\n+1h,prompt\r\n', expected: ',' },
    { name: 'semicolons (French Excel)', input: 'time;kind;body_fr\n+1h;prompt;"a, b"\n', expected: ';' },
    { name: 'tabs', input: 'time\tkind\n', expected: '\t' },
    { name: 'a byte order mark before the header', input: '\uFEFFtime;kind\n', expected: ';' },
  ];
  cases.forEach(({ name, input, expected }) => {
    it(`detects the separator of a sheet written with ${name}`, () => {
      expect(detectDelimiter(input)).to.equal(expected);
    });
  });

  it('numbers rows as the spreadsheet shows them, even after a cell holding newlines', () => {
    const sheet = readSheet(
      '\uFEFFtime;kind;body_fr\n+1h;prompt;"line one\nline two; with ""quotes"""\n+2h;prompt;x\n',
    );
    expect(sheet.header).to.deep.equal(['time', 'kind', 'body_fr']);
    expect(sheet.rows).to.deep.equal([
      { row: 2, cells: ['+1h', 'prompt', 'line one\nline two; with "quotes"'] },
      { row: 3, cells: ['+2h', 'prompt', 'x'] },
    ]);
  });

  it('reads back what it writes, quotes, newlines and separators included', () => {
    const rows = [['+1h', 'a;b', 'say "hi"\nthen go']];
    const text = writeSheet(['time', 'kind', 'body_fr'], rows, { delimiter: ';', bom: true });
    expect(text.startsWith('\uFEFF')).to.equal(true);
    expect(readSheet(text).rows[0]?.cells).to.deep.equal(rows[0]);
  });
});

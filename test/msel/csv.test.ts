import { expect } from 'chai';
import { detectDelimiter, readSheet, unescapeFormula, writeSheet } from '../../server/msel/csv.js';

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

  it('writes cells a spreadsheet would run as formulas behind an apostrophe, and reads them back as they were', () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1h', '-2+3', '@SUM(A1)', '\tx', '\uFF1Dcmd', 'plain'];
    const text = writeSheet(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [hostile]);
    const line = text.split('\r\n')[1]!;
    expect(line).to.equal(`"'=HYPERLINK(""http://evil.example"",""x"")",'+1h,'-2+3,'@SUM(A1),'\tx,'\uFF1Dcmd,plain`);
    expect(readSheet(text).rows[0]?.cells).to.deep.equal(hostile);
  });

  it('keeps an apostrophe a planner typed before anything else', () => {
    expect(unescapeFormula("'quoted'")).to.equal("'quoted'");
    expect(unescapeFormula("'=1")).to.equal('=1');
  });
});

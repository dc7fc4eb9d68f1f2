import { escapeCell } from './cell-escaping';

describe('spreadsheet cell escaping', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes %j', (value) => {
    expect(escapeCell(value)).toBe(`'${value}`);
  });

  it.each(['Al Masri', '', "O'Brien", 'a=b', '1979-03-14', ' =not-first'])('leaves %j alone', (value) => {
    expect(escapeCell(value)).toBe(value);
  });
});

import { escapeCell, escapeRow } from './cell-escaping';

describe('spreadsheet cell escaping', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes %j', (value) => {
    expect(escapeCell(value)).toBe(`'${value}`);
  });

  it.each(['Al Masri', '', "O'Brien", 'a=b', '1979-03-14', ' =not-first'])('leaves %j alone', (value) => {
    expect(escapeCell(value)).toBe(value);
  });

  it('escapes the strings of a row and keeps numbers as numbers', () => {
    expect(escapeRow({ name: '=cmd', count: -3, none: null, ok: 'x' })).toEqual({
      name: "'=cmd",
      count: -3,
      none: null,
      ok: 'x',
    });
  });
});

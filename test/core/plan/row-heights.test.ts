/** The exception sheet is print-ready: rows of wrapped text are as tall as their text needs. */
import { LINE_HEIGHT, wrappedLines, wrappedRowHeights } from '../../../src/core/plan/exceptionSheet';
import type { SheetCell } from '../../../src/core/types';

describe('wrapped lines', () => {
  test('a text that fits is one line; an empty text is one line', () => {
    expect(wrappedLines('Improving', 20)).toBe(1);
    expect(wrappedLines('', 20)).toBe(1);
  });
  test('words are kept whole: the word that does not fit starts the next line', () => {
    // 11 characters a line at width 10
    expect(wrappedLines('aaaaa bbbbb', 10)).toBe(1);
    expect(wrappedLines('aaaaa bbbbbb', 10)).toBe(2);
    expect(wrappedLines('aaaaa bbbbb ccccc ddddd', 10)).toBe(2);
    expect(wrappedLines('aaaaa bbbbb ccccc ddddd e', 10)).toBe(3);
  });
  test('a word longer than a line is broken across lines', () => {
    expect(wrappedLines('x'.repeat(23), 10)).toBe(3);
    expect(wrappedLines('ab ' + 'x'.repeat(23), 10)).toBe(4);
  });
  test('line breaks in the text start new lines', () => {
    expect(wrappedLines('one\ntwo\r\nthree', 40)).toBe(3);
  });
  test('bold text (headers) fits fewer characters a line', () => {
    expect(wrappedLines('Direction of travel', 18)).toBe(1);
    expect(wrappedLines('Direction of travel', 18, true)).toBe(2);
  });
});

describe('row heights', () => {
  const cell = (row: number, col: number, value: string, style: SheetCell['style']): SheetCell => ({ row, col, value, style });
  test('only rows whose wrapped or header cells need more than one line, at the tallest cell', () => {
    const cells = [
      cell(0, 0, 'A long title that is not wrapped and overflows to the right', 'title'),
      cell(1, 0, 'Short', 'wrap'),
      cell(2, 0, 'x '.repeat(30).trim(), 'wrap'), // 30 one-letter words, six to a line of 11 characters: 5 lines
      cell(2, 1, 'x '.repeat(10).trim(), 'wrap'),
      cell(3, 1, 'Variance %', 'header'),
    ];
    expect(wrappedRowHeights(cells, [10, 10])).toEqual([{ row: 2, height: 5 * LINE_HEIGHT }]);
  });
  test('numbers and blanks never make a row taller', () => {
    expect(wrappedRowHeights([{ row: 0, col: 0, value: 123456789012345, style: 'wrap' }, cell(0, 1, '', 'wrap')], [2, 2])).toEqual([]);
  });
});

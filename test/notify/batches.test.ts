import { inBatches } from '../../lib/sinks/batches';

describe('inBatches: items into the fewest batches a service takes', () => {
  it.each([
    ['nothing', [], 10, 100, []],
    ['a count limit', [1, 1, 1, 1, 1], 2, 100, [[1, 1], [1, 1], [1]]],
    ['a byte limit, up to and including it', [40, 60, 1, 50, 50], 10, 100, [[40, 60], [1, 50], [50]]],
    ['an item over the byte limit, alone', [10, 500, 10], 10, 100, [[10], [500], [10]]],
  ])('keeps order under %s', (_name, sizes, maxItems, maxBytes, expected) => {
    expect(inBatches(sizes, (n) => n, maxItems, maxBytes)).toEqual(expected);
  });
});

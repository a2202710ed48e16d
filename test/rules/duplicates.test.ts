import fc from 'fast-check';
import { evaluateBatch, RULES } from '../../lib/rules';

const entry = (id: string) => ({ id, timestamp: 1, message: '{"eventName":"x"}' });

describe('duplicate log event ids', () => {
  it.each([
    ['increasing', ['1', '2', '3'], 0],
    ['a repeat after an increasing run', ['1', '2', '3', '2'], 1],
    ['a repeat of the last id', ['1', '2', '2'], 1],
    ['decreasing, then a repeat of the first', ['3', '2', '1', '3'], 1],
    ['empty ids (control messages)', ['', ''], 1],
    ['ids of different lengths', ['9', '10', '9'], 1],
  ])('counts each id once when the ids are %s', (_, ids, duplicates) => {
    expect(evaluateBatch(ids.map(entry), RULES).duplicates).toBe(duplicates);
  });

  it('counts exactly the repeats, whatever the order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9]{1,3}$/), { maxLength: 60 }), (ids) => {
        expect(evaluateBatch(ids.map(entry), RULES).duplicates).toBe(ids.length - new Set(ids).size);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { roundOrder } from '../src/measure/order.ts';
import { median } from '../src/measure/stats.ts';

describe('roundOrder', () => {
  it('returns a permutation of the tasks, the same one for the same round', () => {
    const tasks = ['a', 'b', 'c', 'd', 'e'];
    expect([...roundOrder(tasks, 7)].sort()).toEqual(tasks);
    expect(roundOrder(tasks, 7)).toEqual(roundOrder(tasks, 7));
  });

  it('puts every task behind every other over a run of rounds, unlike a rotation', () => {
    const follows = new Set<string>();
    for (let round = 0; round < 30; round++) {
      const order = roundOrder(['a', 'b', 'c'], round);
      for (let i = 1; i < order.length; i++) follows.add(`${order[i - 1]}>${order[i]}`);
    }
    expect(follows).toEqual(new Set(['a>b', 'a>c', 'b>a', 'b>c', 'c>a', 'c>b']));
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

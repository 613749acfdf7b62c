import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from './heap.js';

describe('limitHeapGrowth', () => {
  it('takes 0 (V8 decides) to 300 per cent and refuses anything else before touching V8', () => {
    expect(() => limitHeapGrowth(0)).not.toThrow();
    for (const bad of [-1, 301, 1.5, Number.NaN]) expect(() => limitHeapGrowth(bad)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { applyHeapGrowth } from './heap-growth.js';

describe('applyHeapGrowth', () => {
  const run = (percent: number, nodeFlags: string[]) => {
    const set: string[] = [];
    const applied = applyHeapGrowth(percent, nodeFlags, (f) => set.push(f));
    return { applied, set };
  };

  it('sets the V8 flag to the configured percent', () => {
    expect(run(100, ['--enable-source-maps', ''])).toEqual({ applied: 100, set: ['--heap-growing-percent=100'] });
  });

  it('leaves it to V8 at 0', () => {
    expect(run(0, [''])).toEqual({ applied: undefined, set: [] });
  });

  it('lets a flag given to Node win, on the command line or in NODE_OPTIONS', () => {
    expect(run(100, ['--heap-growing-percent=30'])).toEqual({ applied: undefined, set: [] });
    expect(run(100, ['--max-old-space-size=512 --heap_growing_percent=50'])).toEqual({ applied: undefined, set: [] });
  });
});

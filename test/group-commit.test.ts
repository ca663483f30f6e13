import { describe, expect, it } from 'vitest';
import { createSqliteEventStore, openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import type { EventRecord } from '../src/core/events/event.js';
import { createGroupCommitter } from '../src/app/pipeline/group-commit.js';
import { makeEvent } from './helpers/events.js';

function setup(maxEvents = 5_000) {
  const store = createSqliteEventStore(openSqliteDatabase({ path: ':memory:' }));
  const calls: number[] = [];
  const committer = createGroupCommitter((records) => { calls.push(records.length); return store.insertEvents(records); }, maxEvents);
  return { store, calls, committer };
}
const batch = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => makeEvent({ id: `${prefix}-${i}` }));

describe('group commit', () => {
  it('writes batches handed in during one turn in one transaction, and gives each caller its own outcomes', async () => {
    const { store, calls, committer } = setup();
    const a = committer.insert(batch('a', 3));
    const b = committer.insert([makeEvent({ id: 'b-0' }), makeEvent({ id: 'a-1' }), makeEvent({ id: 'b-0' })]);
    expect(committer.pending()).toBe(6);
    const [outA, outB] = await Promise.all([a, b]);
    expect(calls).toEqual([6]);
    expect(committer.pending()).toBe(0);
    expect(outA.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(outB.map((o) => o.status)).toEqual(['accepted', 'duplicate', 'duplicate']); // as if committed one after the other
    expect(outB[0]?.seq).toBe(4);
    expect(await store.countEvents()).toBe(4);
  });

  it('writes one group at a time: batches handed in while a group is written form the next one', async () => {
    const store = createSqliteEventStore(openSqliteDatabase({ path: ':memory:' }));
    const calls: number[] = [];
    const slowDisk = async (records: readonly EventRecord[]) => {
      calls.push(records.length);
      await new Promise((r) => setTimeout(r, 30));
      return store.insertEvents(records);
    };
    const committer = createGroupCommitter(slowDisk, 5_000);
    const first = committer.insert(batch('a', 1));
    await new Promise((r) => setTimeout(r, 5)); // the first group is being written
    const later = [committer.insert(batch('b', 2)), committer.insert(batch('c', 3))];
    expect(calls).toEqual([1]);
    await Promise.all([first, ...later]);
    expect(calls).toEqual([1, 5]);
    expect(await store.countEvents()).toBe(6);
  });

  it('caps a group at maxEvents and writes the rest in the next turn', async () => {
    const { calls, committer } = setup(5);
    await Promise.all([committer.insert(batch('a', 3)), committer.insert(batch('b', 2)), committer.insert(batch('c', 4)), committer.insert(batch('d', 7))]);
    expect(calls).toEqual([5, 4, 7]);
  });

  it('when a group fails, retries each batch alone so only the bad batch fails', async () => {
    const { store, calls, committer } = setup();
    const bad = [makeEvent({ id: 'bad-0' }), { ...makeEvent({ id: 'bad-1' }), deployment: {} as unknown as string } satisfies EventRecord]; // cannot be bound: the insert throws;
    const results = await Promise.allSettled([committer.insert(batch('ok', 2)), committer.insert(bad), committer.insert(batch('ok2', 1))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'ARGUS_ERR_STORAGE' });
    expect(calls).toEqual([5, 2, 2, 1]);
    expect(await store.getEvent('bad-0')).toBeUndefined();
    expect(await store.countEvents()).toBe(3);
  });
});

import type { EventStore } from './types.js';

/** Every deployment with stored events, by the store's index scan where it has one (listDeployments counts every event). */
export async function deploymentNames(store: EventStore): Promise<string[]> {
  return store.listDeploymentNames ? store.listDeploymentNames() : (await store.listDeployments()).map((d) => d.deployment);
}

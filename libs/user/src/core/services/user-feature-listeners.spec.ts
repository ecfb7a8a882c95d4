import { UserFeatureListeners } from './user-feature-listeners.js';

describe('UserFeatureListeners.pageFeatures', () => {
  it('answers the page features of the registered listeners, in order, and none for a listener without one', () => {
    const listeners = new UserFeatureListeners();
    expect(listeners.pageFeatures()).toEqual([]);
    listeners.register({ pageFeature: 'passkeys' });
    listeners.register({ passwordChanged: async () => undefined });
    listeners.register({ pageFeature: 'magic-links' });
    expect(listeners.pageFeatures()).toEqual(['passkeys', 'magic-links']);
  });
});

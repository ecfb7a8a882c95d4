import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { UserDataExportSections } from './user-data-export.js';

const principal = { id: 'user-1', sessionId: 'session-1' } as AuthenticatedPrincipal;

describe('UserDataExportSections', () => {
  it('collects each registered section under its name, in registration order', async () => {
    const sections = new UserDataExportSections();
    sections.register({ name: 'orders', collect: async (me) => [{ owner: me.id }] });
    sections.register({ name: 'newsletter', collect: async () => ({ subscribed: true }) });
    const collected = await sections.collect(principal);
    expect(collected).toEqual({ orders: [{ owner: 'user-1' }], newsletter: { subscribed: true } });
    expect(Object.keys(collected)).toEqual(['orders', 'newsletter']);
  });

  it('collects nothing when no section is registered', async () => {
    expect(await new UserDataExportSections().collect(principal)).toEqual({});
  });

  it('refuses a second section of one name, and a name that is not camelCase', () => {
    const sections = new UserDataExportSections();
    sections.register({ name: 'orders', collect: async () => [] });
    expect(() => sections.register({ name: 'orders', collect: async () => [] })).toThrow(
      /registered twice/,
    );
    for (const name of ['', 'Orders', 'my-orders', '__proto__', 'x'.repeat(65)])
      expect(() => sections.register({ name, collect: async () => [] })).toThrow(/camelCase/);
  });

  it('fails the export when a section fails, rather than leave its data out', async () => {
    const sections = new UserDataExportSections();
    sections.register({
      name: 'orders',
      collect: async () => {
        throw new Error('orders database down');
      },
    });
    await expect(sections.collect(principal)).rejects.toThrow('orders database down');
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { AdminError } from '../../../src/admin/errors.js';
import { QueueEditor } from '../../../src/admin/queues.js';
import { ConsoleAuth } from '../../../src/channels/web/auth.js';
import { createDelegateRouter } from '../../../src/channels/web/delegate.js';
import { liveConsoleIdentities } from '../../../src/channels/web/delegate-deliverer.js';
import { FixedClock } from '../../../src/clock.js';
import { importEscalationConfig, storedDirectory } from '../../../src/escalation/directory.js';
import type { Store } from '../../../src/store/contract.js';
import { makeEscalation, messages, silentLogger } from '../../escalation/helpers.js';
import { backends, useStore } from '../../store/backends.js';
import { demoConfig } from './delegate-support.js';

const LUCIE_TOKEN = 'lucie-token-0123456789abcdef';

/** The delegate view over a configuration stored like production's, which admins edit at runtime. */
async function runtimeConsole(store: Store) {
  const clock = new FixedClock('2026-11-25T10:00:00+01:00');
  await importEscalationConfig(store, { ...demoConfig, webTokens: { ...demoConfig.webTokens, [LUCIE_TOKEN]: 'web:lucie' } }, { clock });
  const directory = storedDirectory(store);
  const escalation = makeEscalation(store, { directory, clock });
  const app = express();
  app.use(
    createDelegateRouter({
      escalation,
      store,
      messages,
      auth: new ConsoleAuth(liveConsoleIdentities(directory)),
      logger: silentLogger,
    }),
  );
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    escalation,
    editor: new QueueEditor(store, clock),
    board: (headers: Record<string, string>) => fetch(`${url}/api/delegate/board`, { headers }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const backend of backends) {
  describe(`delegate console after runtime queue edits (${backend.name})`, () => {
    const fx = useStore(backend);

    it('lets a delegate added at runtime sign in at once, and shuts out one removed at once', async () => {
      const c = await runtimeConsole(fx.store);
      try {
        const asLucie = { 'X-Relais-Demo-User': 'lucie' };
        const byToken = { 'X-Forwarded-For': '203.0.113.9', Authorization: `Bearer ${LUCIE_TOKEN}` };
        expect((await c.board(asLucie)).status).toBe(400);
        expect((await c.board(byToken)).status).toBe(403);

        await c.editor.updateDirectory('web:admin', {
          people: { 'web:lucie': { name: 'Lucie Fabre', role: 'conseillère CIS' } },
        });
        await c.editor.updateQueue('web:admin', 'cis-nord', { members: ['web:karim', 'web:claire', 'web:lucie'] });

        const board = await c.board(asLucie);
        expect(board.status).toBe(200);
        const body = await board.json();
        expect(body).toMatchObject({ identity: 'web:lucie', name: 'Lucie Fabre', staff: true });
        expect(body.queues.map((q: { id: string }) => q.id)).toEqual(['cis-nord']);
        expect(body.demoUsers.map((u: { id: string }) => u.id)).toContain('lucie');
        // From another machine she still needs her own token, which now opens her board.
        expect((await c.board({ 'X-Forwarded-For': '203.0.113.9' })).status).toBe(403);
        expect((await c.board(byToken)).status).toBe(200);

        await c.editor.updateQueue('web:admin', 'cis-nord', { members: ['web:karim', 'web:claire'] });
        await c.editor.updateDirectory('web:admin', { people: { 'web:lucie': null } });
        expect((await c.board(asLucie)).status).toBe(400);
        expect((await c.board(byToken)).status).toBe(403);
      } finally {
        await c.close();
      }
    });

    it('refuses a mistyped member, supervisor or absent delegate, naming the unknown id in French', async () => {
      const c = await runtimeConsole(fx.store);
      try {
        const refusal = async (edit: () => Promise<unknown>) => {
          const error = await edit().then(
            () => null,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(AdminError);
          return error as AdminError;
        };
        const members = await refusal(() =>
          c.editor.updateQueue('web:admin', 'cis-nord', { members: ['web:karim', 'web:clarie'] }),
        );
        expect(members.code).toBe('unknown_person');
        expect(members.details).toEqual(['queues.cis-nord.members.1: unknown person "web:clarie"']);
        expect(messages.t('fr', `admin.error.${members.code}`, members.params)).toMatch(/^Identifiant inconnu : web:clarie\./);

        const supervisors = await refusal(() =>
          c.editor.updateQueue('web:admin', 'cis-nord', { supervisors: ['web:sophy'] }),
        );
        expect(supervisors.details).toEqual(['queues.cis-nord.supervisors.0: unknown person "web:sophy"']);
        const absences = await refusal(() =>
          c.editor.updateDirectory('web:admin', { absences: [{ delegate: 'web:karin', from: '2026-12-01', to: '2026-12-02' }] }),
        );
        expect(absences.details).toEqual(['absences.0.delegate: unknown person "web:karin"']);

        // Nothing was saved: Claire keeps her queue.
        const config = await c.escalation.context.config();
        expect(config.queues.find((q) => q.id === 'cis-nord')?.members).toEqual(['web:karim', 'web:claire']);
        // Known people are accepted, and so is someone the same edit adds to the people.
        await c.editor.updateQueue('web:admin', 'cis-nord', { members: ['web:claire', 'web:sophie'] });
        await c.editor.updateDirectory('web:admin', {
          people: { 'slack:U0LUCIE': { name: 'Lucie Fabre' } },
          absences: [{ delegate: 'slack:U0LUCIE', from: '2026-12-01', to: '2026-12-02' }],
        });
      } finally {
        await c.close();
      }
    });
  });
}

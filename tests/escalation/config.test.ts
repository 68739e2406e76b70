import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import {
  checkEscalationConfigChoice,
  findBackupCycle,
  loadEscalationConfig,
  parseEscalationConfig,
} from '../../src/escalation/config.js';
import { repoRoot, testConfigInput } from './helpers.js';

describe('escalation configuration', () => {
  it('loads the shipped demo configuration with defaults applied', () => {
    const config = loadEscalationConfig(path.join(repoRoot, 'config/relais.yaml'));
    expect(config.queues.length).toBeGreaterThanOrEqual(2);
    expect(config.queues.find((q) => q.id === config.defaultQueue)).toBeDefined();
    const strasbourg = config.queues.find((q) => q.calendar === 'alsace-moselle');
    expect(strasbourg).toBeDefined();
    expect(config.admins.length).toBeGreaterThan(0);
    // Every delegate of the demo has a name to sign with.
    for (const member of config.queues.flatMap((q) => q.members))
      expect(config.people[member]?.name).toBeTruthy();
  });

  it('rejects a cycle between backup queues, naming it', () => {
    const queues = testConfigInput.queues.map((q) =>
      q.id === 'accueil' ? { ...q, backup: 'ref-claire' } : q,
    );
    expect(() => parseEscalationConfig({ ...testConfigInput, queues })).toThrow(/cycle \(.*ref-claire.*\)/);
  });

  it('finds cycles not through the first queue', () => {
    expect(
      findBackupCycle([
        { id: 'a', backup: 'b' },
        { id: 'b', backup: 'c' },
        { id: 'c', backup: 'b' },
      ]),
    ).toEqual(['b', 'c', 'b']);
    expect(findBackupCycle([{ id: 'a', backup: 'b' }, { id: 'b' }])).toBeNull();
  });

  it('rejects unknown queues, malformed identities and absences that end before they start', () => {
    const broken = {
      ...testConfigInput,
      defaultQueue: 'nowhere',
      topics: { facturation: 'ghost' },
      admins: ['claire'],
      absences: [{ delegate: 'web:claire', from: '2026-12-10', to: '2026-12-01' }],
    };
    let message = '';
    try {
      parseEscalationConfig(broken);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/admins\.0/);
    expect(message).toMatch(/absences\.0\.to/);
    const refsOnly = { ...testConfigInput, defaultQueue: 'nowhere', topics: { facturation: 'ghost' } };
    expect(() => parseEscalationConfig(refsOnly)).toThrow(
      /defaultQueue: unknown queue "nowhere"[\s\S]*topics\.facturation: unknown queue "ghost"/,
    );
  });

  it('reads where the digests go, and names the field of a malformed reports section', () => {
    const reports = {
      slack: 'C0ADMINS',
      teams: { conversationId: '19:admins@thread.tacv2', serviceUrl: 'https://smba.trafficmanager.net/emea/' },
      privateCopies: false,
    };
    expect(parseEscalationConfig({ ...testConfigInput, reports }).reports).toEqual(reports);
    // Absent: today's behaviour (nothing stored, so an unchanged file keeps its content hash).
    expect(parseEscalationConfig(testConfigInput).reports).toBeUndefined();
    const failure = (input: unknown) => {
      try {
        parseEscalationConfig({ ...testConfigInput, reports: input });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(failure({ slack: '#relais-admins' })).toMatch(/- reports\.slack: a Slack channel id/);
    expect(failure({ teams: { conversationId: '19:x', serviceUrl: 'not a url' } })).toMatch(/- reports\.teams\.serviceUrl:/);
    expect(failure({ slack: 'C0ADMINS', channel: 'C0OTHER' })).toMatch(/- reports: .*channel/);
    expect(failure({ privateCopies: 'no' })).toMatch(/- reports\.privateCopies:/);
    // Private copies off with no shared place: nobody would get the digests.
    expect(failure({ privateCopies: false })).toMatch(/- reports\.privateCopies: false needs a channel/);
    expect(failure({ web: false, privateCopies: false })).toMatch(/reports\.privateCopies/);
  });

  it('stops start-up when Slack or Teams is on with the demo configuration', () => {
    expect(() =>
      checkEscalationConfigChoice({ slackEnabled: true, teamsEnabled: false, relaisConfigExplicit: false }),
    ).toThrow(/RELAIS_CONFIG/);
    expect(() =>
      checkEscalationConfigChoice({ slackEnabled: false, teamsEnabled: true, relaisConfigExplicit: false }),
    ).toThrow(ConfigError);
    expect(() =>
      checkEscalationConfigChoice({ slackEnabled: true, teamsEnabled: true, relaisConfigExplicit: true }),
    ).not.toThrow();
    expect(() =>
      checkEscalationConfigChoice({ slackEnabled: false, teamsEnabled: false, relaisConfigExplicit: false }),
    ).not.toThrow();
  });
});

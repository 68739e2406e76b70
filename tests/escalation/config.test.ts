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

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClinicalGuard, createClinicalGuard, GuardsFileError } from '../../src/core/clinical-guard.js';
import { catalogue } from '../support/real-matcher.js';

const root = path.resolve(import.meta.dirname, '../..');
const guard = createClinicalGuard(root);

describe('clinical guard (messages/*/guards.yaml)', () => {
  it.each([
    ['diagnosis', 'Quel diagnostic pour un patient avec fièvre et toux ?'],
    ['diagnosis', "est-ce que c'est grave une douleur thoracique ?"],
    ['dose', 'quelle dose de paracétamol pour un enfant de 15 kg ?'],
    ['dose', 'posologie amoxicilline adulte'],
    ['dose', 'je peux donner 500mg par jour ?'],
    ['treatment', 'quel antibiotique pour une angine ?'],
    ['treatment', 'que prescrire contre une sinusite'],
    ['patient_file', 'Pouvez-vous regarder le dossier de Mme Martin ?'],
    ['patient_file', 'mon patient Dupont a-t-il bien reçu ses IJ ?'],
    ['patient_file', "ou en est l'arrêt de monsieur Durand"],
    ['diagnosis', 'what could be the diagnosis?'],
    ['patient_file', 'Mme Dupont née le 12/03/1962 a-t-elle droit aux IJ ?'],
    ['patient_file', 'Monsieur Leroy a-t-il droit au 100 % ?'],
    ['patient_file', 'le patient né(e) le 3.4.58 peut-il avoir une téléconsultation'],
    ['sick_leave_duration', "Mon patient a une angine, je lui mets combien de jours d'arrêt ?"],
    ['sick_leave_duration', "combien de jours d'arrêt pour une lombalgie ?"],
  ])('refuses (%s): %s', (category, text) => {
    expect(guard.check(text)?.category).toBe(category);
    expect(guard.refuses(text)).toBe(true);
  });

  it.each([
    "combien de jours d'arrêt je peux mettre en téléconsultation ?",
    'quel code pour une téléconsultation ?',
    'le médecin traitant doit-il prescrire la prolongation ?',
    "quel délai pour le traitement d'une FSE ?",
    'combien est payée une téléexpertise',
    'mon patient a-t-il droit au tiers payant en téléconsultation ?',
    'quand est-ce que je pars à la retraite ?',
    "combien de jours d'arrêt pour une téléconsultation ?",
    'quelle durée maximale pour un arrêt prescrit à distance ?',
    'Mme la directrice de la CPAM a-t-elle validé le tarif ?',
    'Bonjour',
  ])('lets administrative questions through: %s', (text) => {
    expect(guard.refuses(text)).toBe(false);
  });

  it('recognises the erase command in French and English, not inside a question', () => {
    expect(guard.command('Supprimer mes données')).toBe('erase_my_data');
    expect(guard.command('je voudrais effacer toutes mes données personnelles svp')).toBe('erase_my_data');
    expect(guard.command('delete my data')).toBe('erase_my_data');
    expect(guard.command('comment supprimer mes données patient du logiciel ?')).toBeNull();
    expect(guard.command('Annuler ma demande svp')).toBe('cancel_my_request');
    expect(guard.command('cancel my request')).toBe('cancel_my_request');
    expect(guard.command('comment annuler ma demande de remboursement ?')).toBeNull();
  });

  it('names the bodies a question points to that Relais does not cover, each with its words in fr and en', () => {
    expect(guard.elsewhere('mes cotisations URSSAF ont augmenté')).toEqual(['urssaf']);
    expect(guard.elsewhere('cotisations CARPIMKO et retraite')).toEqual(['retraite']);
    expect(guard.elsewhere('déclaration 2035 et TVA du cabinet')).toEqual(['impots']);
    expect(guard.elsewhere("combien de jours d'arrêt en téléconsultation ?")).toEqual([]);
    const ui = catalogue().ui;
    for (const topic of ['urssaf', 'retraite', 'ordre', 'impots']) {
      for (const locale of ['fr', 'en'] as const) {
        expect(ui[locale].has(`conversation.elsewhere.${topic}`), `${locale} ${topic}`).toBe(true);
      }
    }
  });

  it('names the file and pattern when a pattern is invalid', () => {
    expect(() =>
      buildClinicalGuard([
        {
          name: 'x.yaml',
          content: {
            clinical: { dose: { administrative: false, patterns: ['(('], casedPatterns: [] } },
            commands: { erase_my_data: [], cancel_my_request: [], confirm_yes: [], confirm_no: [] },
            elsewhere: {},
          },
        },
      ]),
    ).toThrow(GuardsFileError);
  });
});

import type { Language } from './language.js';

/**
 * Function words per language, in normalised form (lowercase, no accents, elisions expanded):
 * articles, pronouns, prepositions, auxiliaries and the scaffolding of a question ("est-ce que",
 * "comment", "puis-je", "how do I"). They say little about which intent a question is about, so
 * their word-unigram features are down-weighted (FeatureOptions.functionWordWeight); they stay
 * whole in word bigrams and character n-grams, where "ou est" or "how much" still carry meaning.
 * Negations ("pas", "not"), greetings and thanks ("bonjour", "merci", "hello": small-talk intents
 * live on them) and words that often decide an intent ("combien", "quand") are left out.
 */
export const FUNCTION_WORDS: Record<Language, readonly string[]> = {
  fr: [
    // articles, determiners
    'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'au', 'aux', 'ce', 'cet', 'cette', 'ces',
    // pronouns and possessives
    'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'me', 'te', 'se', 'moi', 'toi',
    'lui', 'leur', 'leurs', 'y', 'en', 'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'son', 'sa', 'ses',
    'notre', 'nos', 'votre', 'vos', 'cela', 'ca', 'ceci',
    // prepositions, conjunctions
    'a', 'dans', 'sur', 'pour', 'par', 'avec', 'et', 'ou', 'mais', 'donc', 'si',
    // question scaffolding and auxiliaries
    'que', 'qui', 'quoi', 'quel', 'quelle', 'quels', 'quelles', 'est', 'comment', 'pourquoi',
    'puis', 'peux', 'peut', 'pouvez', 'pourrais', 'pourriez', 'dois', 'doit', 'devez', 'faut',
    'suis', 'es', 'sommes', 'etes', 'sont', 'ai', 'as', 'avons', 'avez', 'ont', 'etre', 'avoir',
    'svp',
  ],
  en: [
    // articles, determiners
    'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any',
    // pronouns and possessives
    'i', 'me', 'my', 'mine', 'you', 'your', 'yours', 'we', 'us', 'our', 'he', 'him', 'his', 'she',
    'her', 'it', 'its', 'they', 'them', 'their',
    // prepositions, conjunctions
    'to', 'of', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about', 'into', 'and', 'or', 'but',
    'if', 'so', 'as',
    // question scaffolding and auxiliaries
    'what', 'which', 'who', 'how', 'why', 'where', 'is', 'are', 'am', 'was', 'were', 'be', 'been',
    'do', 'does', 'did', 'can', 'could', 'would', 'should', 'will', 'shall', 'may', 'might', 'have',
    'has', 'had', 'there', 'please',
  ],
};

/** The one parser of numbers typed as text is a leaf module (src/numberText.ts) so the scenario below the deals reads it too. */
export * from '../numberText';

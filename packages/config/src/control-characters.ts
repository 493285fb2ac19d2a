// One implementation for the whole project, in the dependency-free validation package.
export { escapeControlCharacters, findControlCharacter } from '@amplifier-azure-openai/validation';

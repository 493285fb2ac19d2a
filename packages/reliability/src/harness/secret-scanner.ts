/** A place a secret was found. */
export interface SecretHit {
  /** Where the text came from (e.g. `chat --json: stderr`). */
  source: string;
  /** Which secret (its label, never its value). */
  secret: string;
  /** The text around the hit, with the secret itself masked. */
  context: string;
}

/** Matches a JWT (what Entra ID and the emulator issue as access tokens). */
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;

/** Collects texts and reports every occurrence of the known secrets or of any JWT. */
export interface SecretScanner {
  /** Adds a secret to look for, under a label used in reports. */
  addSecret(label: string, value: string | undefined): void;
  /** Scans `text` (and remembers the hits). */
  scan(source: string, text: string): void;
  /** Every hit so far. */
  readonly hits: SecretHit[];
  /** How many texts and characters were scanned. */
  readonly scanned: { texts: number; characters: number };
}

/** Creates a scanner. Secrets shorter than 8 characters are refused (they would match noise). */
export function createSecretScanner(): SecretScanner {
  const secrets = new Map<string, string>();
  const hits: SecretHit[] = [];
  const scanned = { texts: 0, characters: 0 };
  const mask = (text: string) => {
    let masked = text;
    for (const value of secrets.values()) masked = masked.split(value).join('<SECRET>');
    return masked.replace(JWT, '<JWT>');
  };
  return {
    addSecret(label, value) {
      if (value === undefined || value === '') return;
      if (value.length < 8) throw new Error(`secret ${label} is too short to scan for`);
      secrets.set(label, value);
    },
    scan(source, text) {
      scanned.texts += 1;
      scanned.characters += text.length;
      for (const [label, value] of secrets) {
        let at = text.indexOf(value);
        while (at !== -1) {
          hits.push({
            source,
            secret: label,
            context: mask(text.slice(Math.max(0, at - 60), at + value.length + 60)),
          });
          at = text.indexOf(value, at + value.length);
        }
      }
      for (const match of text.matchAll(JWT)) {
        const at = match.index ?? 0;
        hits.push({
          source,
          secret: 'a JWT access token',
          context: mask(text.slice(Math.max(0, at - 60), at + match[0].length + 60)),
        });
      }
    },
    hits,
    scanned,
  };
}

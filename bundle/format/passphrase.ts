// The passphrase the inspector types at export and again to open the bundle. The key is derived from
// its UTF-8 bytes after Unicode NFC normalisation, so "ə" typed as one character or as "e" plus a
// combining mark opens the same bundle on any keyboard. It is never stored anywhere.

export const MIN_PASSPHRASE_LENGTH = 12;

/** Null when acceptable; otherwise the reason, written for the person typing it. */
export function passphraseProblem(passphrase: string): string | null {
  const length = [...passphrase.normalize('NFC')].length;
  if (passphrase.trim() === '') return 'the passphrase is empty';
  if (length < MIN_PASSPHRASE_LENGTH) {
    return `the passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long (it has ${length}); a few words are easier to type than a short password`;
  }
  return null;
}

export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

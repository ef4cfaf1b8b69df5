// The receipt HQ gives a centre for each slice it holds: the centre records it (exports.acknowledgeHq,
// a journal entry) and its next HQ slice starts after it (DESIGN §4: "HQ export is entries after the
// last one HQ acknowledged"). Plain JSON, so it travels by any means a slice does; it proves nothing
// by itself, which is why the centre checks that the acknowledged entry is one of its own.

import { z } from 'zod';

export const RECEIPT_FORMAT = 'centre-register-hq-receipt';
export const RECEIPT_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected 64 lower-case hex digits' });
const instantText = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, { message: 'expected an ISO-8601 UTC instant' });

export const receiptSchema = z
  .object({
    format: z.literal(RECEIPT_FORMAT, { message: `expected "${RECEIPT_FORMAT}": this is not an HQ receipt` }),
    version: z.literal(RECEIPT_VERSION, { message: `this program reads receipt version ${RECEIPT_VERSION}` }),
    centreId: z.string().min(1).max(100),
    centreName: z.string().min(1).max(200),
    keyFingerprint: hex64,
    /** The last entry HQ holds: the next slice starts after it. */
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    hash: hex64,
    /** When HQ imported the slice that brought it to this entry. */
    importedAt: instantText,
  })
  .strict();

export type HqReceipt = z.output<typeof receiptSchema>;

export class ReceiptError extends Error {
  override name = 'ReceiptError';
}

/** Parses a receipt file's text; a message that says what is wrong otherwise. */
export function parseReceipt(text: string): HqReceipt {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ReceiptError('the receipt is not JSON');
  }
  const r = receiptSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ReceiptError(`the receipt is not valid: ${issue.path.join('.') || 'receipt'}: ${issue.message}`);
  }
  return r.data;
}

export function receiptText(r: HqReceipt): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** A file name for the receipt: the centre and the entry, nothing a file system refuses. */
export function receiptFileName(r: Pick<HqReceipt, 'centreName' | 'centreId' | 'seq'>): string {
  const name = r.centreName.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'centre';
  // The name alone is not unique (two centres named alike, or named in another script, which is left
  // out): the start of the centre's id tells their receipts apart in one folder.
  const id = r.centreId.replace(/[^A-Za-z0-9]+/g, '').slice(0, 8) || 'id';
  return `hq-receipt-${name}-${id}-${r.seq}.json`;
}

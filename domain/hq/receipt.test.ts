import { describe, expect, it } from 'vitest';
import { receiptFileName } from './receipt.ts';

describe('receiptFileName', () => {
  it('tells apart the receipts of centres named alike, or named in another script', () => {
    const baku = { centreName: 'Бакинский центр', centreId: '0a2060c1-522e-4104-b807-2eb2b5d6bce7', seq: 3 };
    const ganja = { centreName: 'Гянджинский центр', centreId: '9f1c77aa-0000-4000-8000-000000000001', seq: 3 };
    expect(receiptFileName(baku)).toBe('hq-receipt-centre-0a2060c1-3.json');
    expect(receiptFileName(ganja)).not.toBe(receiptFileName(baku));
    const twin = { ...baku, centreName: 'Migrant Accommodation Centre', centreId: 'b1' };
    expect(receiptFileName(twin)).toBe('hq-receipt-Migrant-Accommodation-Centre-b1-3.json');
  });
});

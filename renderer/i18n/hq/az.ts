// Azərbaycanca: ixrac ekranı və mərkəzi aparat rejimi (bax: ./en.ts).

export const az: Record<string, string> = {
  'event.hq.acknowledged': 'mərkəzi aparatın qəbzi qeydə alındı',
};

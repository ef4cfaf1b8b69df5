// Русский: экран выгрузки и режим центрального аппарата (см. ./en.ts).

export const ru: Record<string, string> = {
  'event.hq.acknowledged': 'квитанция центрального аппарата зарегистрирована',
};

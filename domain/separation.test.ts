import { describe, expect, it } from 'vitest';
import { occupantConflicts, regimeOf, separationConflicts, validateRoomCategories, type OccupantCategories, type RoomCategories } from './separation.ts';

const menForced: RoomCategories = { sex: 'male', ageGroup: 'adult', regime: 'forced', family: false };
const family: RoomCategories = { sex: null, ageGroup: null, regime: 'voluntary', family: true };
const man: OccupantCategories = { personId: 'P1', placementId: 'S1', sex: 'male', ageGroup: 'adult', regime: 'forced', familyGroup: null };

const codes = (room: RoomCategories, person: OccupantCategories, others: OccupantCategories[] = []) =>
  occupantConflicts(room, person, others).map((r) => r.code);

describe('separation (art. 84.3)', () => {
  it('a man in a men’s forced room is fine', () => expect(codes(menForced, man)).toEqual([]));
  it('women from men', () => expect(codes(menForced, { ...man, sex: 'female' })).toEqual(['separation.sex']));
  it('minors from adults', () => expect(codes(menForced, { ...man, ageGroup: 'minor' })).toEqual(['separation.age_group']));
  it('forced from voluntary', () => expect(codes(menForced, { ...man, regime: 'voluntary' })).toEqual(['separation.regime']));
  it('asylum seekers in their own premises', () => expect(codes(menForced, { ...man, regime: 'asylum' })).toEqual(['separation.regime']));
  it('every mismatch is reported', () =>
    expect(codes(menForced, { ...man, sex: 'female', ageGroup: 'minor', regime: 'voluntary' }).sort()).toEqual(
      ['separation.age_group', 'separation.regime', 'separation.sex'],
    ));
  it('regime derives from kind and status', () => {
    expect(regimeOf('forced', 'irregular_migrant')).toBe('forced');
    expect(regimeOf('voluntary', 'irregular_migrant')).toBe('voluntary');
    expect(regimeOf('voluntary', 'asylum_seeker')).toBe('asylum');
    expect(regimeOf('voluntary', 'refugee')).toBe('asylum');
  });
});

describe('the family room exception', () => {
  const mother: OccupantCategories = { personId: 'P2', placementId: 'S2', sex: 'female', ageGroup: 'adult', regime: 'voluntary', familyGroup: 'F1' };
  const son: OccupantCategories = { personId: 'P3', placementId: 'S3', sex: 'male', ageGroup: 'minor', regime: 'voluntary', familyGroup: 'F1' };
  const stranger: OccupantCategories = { personId: 'P4', placementId: 'S4', sex: 'male', ageGroup: 'adult', regime: 'voluntary', familyGroup: 'F2' };
  it('one family of mixed sexes and ages is allowed', () => {
    expect(separationConflicts(family, [mother, son])).toEqual([]);
  });
  it('a second family is refused', () => expect(codes(family, stranger, [mother, son])).toEqual(['separation.family_room_other_family']));
  it('a person without a family is refused', () =>
    expect(codes(family, { ...stranger, familyGroup: null })).toEqual(['separation.family_room_without_family']));
  it('the regime still separates', () => expect(codes(family, { ...son, regime: 'forced' }, [mother])).toEqual(['separation.regime']));
  it('a room other than a family room needs its sex and age group', () => {
    expect(validateRoomCategories({ sex: null, ageGroup: null, regime: 'forced', family: false }).map((r) => r.code)).toEqual([
      'room.sex_required',
      'room.age_group_required',
    ]);
    expect(validateRoomCategories(family)).toEqual([]);
  });
});

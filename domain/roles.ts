export const ROLES = ['head_of_centre', 'registrar', 'duty_officer', 'medical_officer', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see medical details (DESIGN §7): medical staff and inspectors. */
export const MEDICAL_READERS: readonly Role[] = ['medical_officer', 'inspector'];

export function seesMedicalDetails(role: Role): boolean {
  return MEDICAL_READERS.includes(role);
}

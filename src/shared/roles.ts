/** Every role a person can hold. A person can hold several. */
export const ROLES = [
  'officeholder',
  'relative',
  'confidant',
  'ot_coordinator',
  'peer',
  'expert',
  'ccv_advisor',
  'training_coordinator',
  'sipa_advisor',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

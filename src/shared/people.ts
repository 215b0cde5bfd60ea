import { z } from 'zod';

/** The offices an officeholder can hold. */
export const OFFICES = [
  'burgemeester',
  'wethouder',
  'raadslid',
  'statenlid',
  'gedeputeerde',
  'commissaris_van_de_koning',
  'waterschapsbestuurder',
] as const;
export type Office = (typeof OFFICES)[number];

/** The association a confidant (vertrouwenspersoon) of the support team acts for. */
export const ASSOCIATIONS = ['ngb', 'wethoudersvereniging', 'nvvr', 'ipo', 'bzk'] as const;
export type Association = (typeof ASSOCIATIONS)[number];

/** An expert's field. */
export const EXPERT_FIELDS = ['security', 'legal', 'psychosocial'] as const;
export type ExpertField = (typeof EXPERT_FIELDS)[number];

export const PERSON_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const officeSchema = z.enum(OFFICES);
export const associationSchema = z.enum(ASSOCIATIONS);
export const expertFieldSchema = z.enum(EXPERT_FIELDS);

// Who a news or agenda item is for (issue 17): everyone, or any combination of departments, locations and roles.
import { z } from 'astro/zod';
import { ID, hint } from './common.ts';

/**
 * The audience of a news or agenda item. Leave it out (or every list empty) for everyone. The item stays visible to
 * everyone who looks for it; only notifications, the must-read banner and "Voor jou" go to the audience alone.
 * The build checks every id against content/afdelingen and the settings' `locations` and `roles`.
 */
export const AUDIENCE = hint(
  z.strictObject({
    /** Department ids: everyone in them. */
    departments: hint(z.array(ID).default([]), { label: 'Afdelingen', widget: 'list', ref: 'afdelingen' }),
    /** Location (vestiging) ids from the site settings: everyone who works there. */
    locations: hint(z.array(ID).default([]), { label: 'Vestigingen', widget: 'list', ref: 'locaties' }),
    /** Role ids from the site settings: everyone with one of them. */
    roles: hint(z.array(ID).default([]), { label: 'Rollen', widget: 'list', ref: 'rollen' }),
  }).optional(),
  {
    label: 'Doelgroep',
    widget: 'object',
    hint: 'Leeg: voor iedereen. Kies afdelingen, vestigingen en/of rollen: wie in één ervan valt, krijgt de melding (en bij verplicht lezen de balk). Iedereen kan het bericht wel vinden en lezen.',
  },
);

/** An audience after parsing. */
export type AudienceField = z.output<typeof AUDIENCE>;

// The request body of hiding an item: an optional one-line reason.
import { z } from 'astro/zod';
import { bodyError, oneLine } from '../content/fields.ts';

/** Hiding an item: an optional reason. */
export const hideInput = z.strictObject({ reden: oneLine('de reden').optional() }, { error: bodyError('eventueel een reden') });

// Every migration, in order: an explicit list (no folder globbing) so esbuild bundles them for Cloudflare.
// Forward-only: append a new numbered file and add it here; never edit one that has shipped.
import type { Migration } from '../types.ts';
import { initial } from './0001-initial.ts';
import { waarderingen } from './0002-waarderingen.ts';
import { aanmeldingen } from './0003-aanmeldingen.ts';
import { peilingen } from './0004-peilingen.ts';
import { groepsleden } from './0005-groepsleden.ts';
import { priveGroepen } from './0006-prive-groepen.ts';
import { meldingen } from './0007-meldingen.ts';
import { eMail } from './0008-e-mail.ts';
import { push } from './0009-push.ts';
import { moderatie } from './0010-moderatie.ts';
import { gelezen } from './0011-gelezen.ts';
import { kladErin } from './0012-klad-erin.ts';
import { bereik } from './0013-bereik.ts';

/** All migrations, oldest first; the last one's version is the newest schema this code knows. */
export const MIGRATIONS: readonly Migration[] = [initial, waarderingen, aanmeldingen, peilingen, groepsleden, priveGroepen, meldingen, eMail, push, moderatie, gelezen, kladErin, bereik];

/** The newest schema version this code knows. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

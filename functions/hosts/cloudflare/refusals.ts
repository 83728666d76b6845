// What Cloudflare Pages cannot do, refused clearly: sharp (photos) and satteri (the suggested-edit guard) are native
// Node modules that the Workers runtime cannot load. Both refusals come before anything is written.
import { ApiError } from '../../lib/api-error.ts';

/** The photo processor on Pages: a post with a photo is refused (501); a post without one never calls it. */
export async function refusePhoto(): Promise<never> {
  throw new ApiError(501, 'fotos_niet_beschikbaar', 'Foto’s plaatsen kan op deze installatie van het intranet niet. Haal de foto weg en plaats je bericht zonder foto.');
}

/** The suggested-edit guard on Pages: without the parser the site is built with, no body can be checked, so none is accepted (501). */
export function refuseProposalBody(): never {
  throw new ApiError(501, 'voorstellen_niet_beschikbaar', 'Wijzigingen voorstellen kan op deze installatie van het intranet niet. Mail je voorstel aan de eigenaar van de pagina.');
}

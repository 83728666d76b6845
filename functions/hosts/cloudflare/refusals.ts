// What Cloudflare Pages cannot do, refused clearly: satteri (the suggested-edit guard) is a native Node module that the
// Workers runtime cannot load. The refusal comes before anything is written. (Photos work: functions/photos/wasm-photo.ts.)
import { ApiError } from '../../lib/api-error.ts';

/** The suggested-edit guard on Pages: without the parser the site is built with, no body can be checked, so none is accepted (501). */
export function refuseProposalBody(): never {
  throw new ApiError(501, 'voorstellen_niet_beschikbaar', 'Wijzigingen voorstellen kan op deze installatie van het intranet niet. Mail je voorstel aan de eigenaar van de pagina.');
}

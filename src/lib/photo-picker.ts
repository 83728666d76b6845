// Choosing photos for a post in the browser, shared by the composer (src/components/Composer.astro) and the composer
// of a private group (src/lib/private-group-client.ts): up to 4 photos from one or more file inputs, each with a
// required alt text field, refused early with a clear message (SVG, not an image, over 20 MB), downscaled on sending.
import { checkPhoto, preparePhoto } from './photo-prepare.ts';

/** At most this many photos go with one post (the server refuses more). */
export const MAX_POST_PHOTOS = 4;

/** The photos chosen so far, and what a form does with them. */
export interface PhotoPicker {
  /** The chosen files, in order. */
  chosen(): File[];
  /** Adds the prepared photos (`foto`) and their alt texts (`alt`) to `data`; throws the Dutch message of a photo that cannot be read. */
  addTo(data: FormData): Promise<void>;
  /** Forgets the photos and removes their alt fields. */
  reset(): void;
}

/**
 * Watches `inputs` (a gallery input with `multiple` replaces the choice; a camera input adds to it) and keeps one
 * labelled alt text field per photo in `alts`, with ids `${idPrefix}-0`, `${idPrefix}-1`, …. `labels` holds `alt`
 * ("Beschrijf foto {n} …") and the photo.* messages with `{name}`; problems go to `error`.
 */
export function createPhotoPicker(options: { inputs: HTMLInputElement[]; alts: HTMLElement; error: HTMLElement; labels: Record<string, string>; idPrefix: string }): PhotoPicker {
  const { inputs, alts, error, labels, idPrefix } = options;
  let chosen: File[] = [];
  const say = (key: string, name: string) => (labels[key] ?? key).replace('{name}', name);
  const onChange = (input: HTMLInputElement) => {
    error.textContent = '';
    const picked = Array.from(input.files ?? []);
    input.value = '';
    // Refuse SVG, non-images and files over 20 MB here, clearly, before anything is uploaded.
    const problems = picked.flatMap((f) => { const p = checkPhoto(f); return p ? [say(p, f.name)] : []; });
    if (problems.length) {
      error.textContent = problems.join(' ');
      return;
    }
    chosen = (input.multiple ? picked : [...chosen, ...picked]).slice(0, MAX_POST_PHOTOS);
    const typed = Array.from(alts.querySelectorAll('input')).map((i) => i.value);
    alts.replaceChildren();
    chosen.forEach((file, i) => {
      const id = `${idPrefix}-${i}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = `${(labels.alt ?? '{n}').replace('{n}', String(i + 1))} (${file.name})`;
      const input = document.createElement('input');
      input.id = id;
      input.name = 'alt';
      input.required = true;
      input.maxLength = 300;
      input.value = typed[i] ?? '';
      alts.append(label, input);
    });
  };
  for (const input of inputs) input.addEventListener('change', () => onChange(input));
  return {
    chosen: () => chosen,
    async addTo(data) {
      for (const file of chosen) {
        try {
          data.append('foto', await preparePhoto(file));
        } catch {
          throw new Error(say('photo.unreadable', file.name));
        }
      }
      alts.querySelectorAll('input').forEach((i) => data.append('alt', i.value));
    },
    reset() {
      chosen = [];
      alts.replaceChildren();
    },
  };
}

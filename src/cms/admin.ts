// Browser entry of /admin: loads Decap CMS from our own origin, registers Plein's parts, then starts it.
import { findEmptyPaths, checkEntry, getContentType } from './entry-check.ts';
import { createEditorComponents, type PersonSummary } from './editor-components.ts';
import { createPreviewTemplates, type H } from './previews.ts';

/** What the admin page embeds for the CMS (see src/pages/admin/index.astro). */
export interface AdminData {
  previewStyle: string;
  collections: string[];
  people: Record<string, PersonSummary>;
  departments: Record<string, { name: string }>;
}

declare global {
  interface Window {
    CMS_MANUAL_INIT?: boolean;
    CMS?: any;
    h?: H;
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((ok, fail) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => ok();
    script.onerror = () => fail(new Error(`${src} kon niet worden geladen`));
    document.head.append(script);
  });
}

/** Removes emptied optional fields, then refuses to save what the build would refuse. */
function preSave({ entry }: { entry: any }) {
  let data = entry.get('data');
  for (let paths = findEmptyPaths(data.toJS()); paths.length; paths = findEmptyPaths(data.toJS())) {
    for (const path of paths) data = data.deleteIn(path);
  }
  const problems = checkEntry(entry.get('collection'), data.toJS());
  if (problems.length) throw new Error(`dit item klopt nog niet: ${problems.join('; ')}`);
  return data;
}

async function start() {
  const data = JSON.parse(document.getElementById('plein-cms-data')!.textContent!) as AdminData;
  window.CMS_MANUAL_INIT = true;
  await loadScript('/admin/decap-cms.js');
  const CMS = window.CMS;
  CMS.registerPreviewStyle(data.previewStyle);
  for (const component of createEditorComponents(data.people)) CMS.registerEditorComponent(component);
  const templates = createPreviewTemplates(window.h!, { people: data.people, departments: data.departments });
  for (const name of data.collections) {
    const template = templates[getContentType(name) ?? ''];
    if (template) CMS.registerPreviewTemplate(name, template);
  }
  CMS.registerEventListener({ name: 'preSave', handler: preSave });
  CMS.init();
}

start().catch((err: Error) => {
  document.body.textContent = `Het CMS kon niet starten: ${err.message}`;
});

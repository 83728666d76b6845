// Serves Decap CMS from the decap-cms package as /admin/<file>, in dev and as files in the build.
import { readFileSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';
import { listDecapAssets, type DecapAsset } from '../../cms/decap-assets.ts';

/** One page per file of decap-cms/dist that the CMS loads. */
export const getStaticPaths = (() => listDecapAssets().map((asset) => ({ params: { file: asset.name }, props: { asset } }))) satisfies GetStaticPaths;

/** The file's bytes with its content type. */
export const GET: APIRoute = ({ props }) => {
  const asset = props.asset as DecapAsset;
  return new Response(readFileSync(asset.path), { headers: { 'Content-Type': asset.type } });
};

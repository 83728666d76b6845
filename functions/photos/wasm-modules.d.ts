// A .wasm import is a compiled WebAssembly.Module on Workers (wrangler's CompiledWasm rule, Miniflare's modulesRules):
// Workers refuse to compile WebAssembly from bytes at run time.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

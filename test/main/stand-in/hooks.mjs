// Module hooks for the stand-in: the app's `import … from 'electron'` gets the fake.
const FAKE = new URL('../fake-electron.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: FAKE, shortCircuit: true };
  return next(specifier, context);
}

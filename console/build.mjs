// Bundles the console into one directory of static files: index.html, app.js, app.css (every asset local).
// Usage: node build.mjs [outdir]   (default: dist; the Maven build passes functions/target/generated-resources/console)
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const outdir = resolve(process.argv[2] || 'dist');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { app: 'src/main.js', styles: 'src/app.css' },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['es2020'],
  outdir,
  legalComments: 'linked',
  logLevel: 'warning',
});
cpSync('src/index.html', `${outdir}/index.html`);

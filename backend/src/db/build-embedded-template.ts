// Run by `npm run build -w backend` after tsc: the new database a first start copies.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildEmbeddedTemplate, embeddedTemplateDir } from './embedded-template.js';

const dir = embeddedTemplateDir();
await buildEmbeddedTemplate(dir);
// Templates of earlier PGlite releases, and builds stopped half-way.
for (const name of readdirSync(path.dirname(dir))) {
  if (name.startsWith('embedded-template-') && name !== path.basename(dir)) {
    rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
  }
}
console.log(`✓ embedded database template: ${dir}`);

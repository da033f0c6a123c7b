// Run by `npm run build -w backend` after tsc: the new database a first start copies.
import { buildEmbeddedTemplate, embeddedTemplateDir } from './embedded-template.js';

const dir = embeddedTemplateDir();
await buildEmbeddedTemplate(dir);
console.log(`✓ embedded database template: ${dir}`);

/** Templates of `views/` compiled once, for pages rendered outside express's `res.render`. */
import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../config.js';

/**
 * `views/<name>.ejs` compiled as express's view engine compiles it with its view cache on: includes
 * resolved from its folder and compiled once, not read and compiled again at every rendering (which
 * took over half of the live region's 0.9 ms; `npm run dev` restarts when a view changes).
 */
export function compileView(name: string, viewsDir = resolve(PROJECT_ROOT, 'views')): ejs.TemplateFunction {
  const file = resolve(viewsDir, `${name}.ejs`);
  return ejs.compile(readFileSync(file, 'utf8'), { filename: file, cache: true });
}

// Node only: the wasm transpiler sees an in-memory file system, so copy into
// it, at the same absolute paths, every file an #include could reach (quoted
// includes relative to the includer, then the -I directories), following
// includes transitively. Extra files (inside a false #if) are harmless.
import fs from 'node:fs';
import path from 'node:path';

export function mirrorIncludes(t, file, text, incDirs = [], seen = new Set()) {
  const re = /^[ \t]*#[ \t]*include[ \t]*["<]([^">\n]+)[">]/gm;
  for (let m; (m = re.exec(text));) {
    const cands = [path.resolve(path.dirname(file), m[1]), ...incDirs.map((d) => path.resolve(d, m[1]))];
    for (const p of cands) {
      if (seen.has(p)) continue;
      let body;
      try {
        if (!fs.statSync(p).isFile()) continue;
        body = fs.readFileSync(p);
      } catch {
        continue;
      }
      seen.add(p);
      t.addFiles({ [p]: body });
      mirrorIncludes(t, p, body.toString('utf8'), incDirs, seen);
    }
  }
}

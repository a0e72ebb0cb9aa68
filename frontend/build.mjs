// Builds the pinned front end into static/ (committed, so `make run` needs no npm).
//
//   npm ci && npm run build      (or: make frontend)
//
// - compiles frontend/scss/{public,staff}.scss with GOV.UK Frontend's and MOJ Frontend's
//   Sass into static/css/;
// - copies the two Design System JavaScript bundles (and their source maps, which
//   Django's manifest storage follows) and our own start-up modules into static/js/;
// - copies exactly the images the compiled CSS refers to into static/assets/images/;
// - vendors axe-core into tests/journeys/vendor/ for the accessibility checks.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const govuk = join(modules, "govuk-frontend", "dist", "govuk");
const moj = join(modules, "@ministryofjustice", "frontend", "moj");
const out = join(root, "static");

// Where each stylesheet's images come from, by the name the CSS asks for.
const imageSources = [join(govuk, "assets", "images"), join(moj, "assets", "images")];

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  console.log(`  ${to.slice(root.length + 1)}`);
}

// MOJ Frontend 11 still calls GOV.UK Frontend 6's deprecated govuk-text-colour mixin,
// and forwards GOV.UK Frontend with its own $govuk-suppressed-warnings, so we cannot
// silence it the documented way. Drop that one notice; print every other warning.
function warnUnlessMojDeprecation(message, { stack }) {
  if (message.includes("govuk-text-colour") && stack?.includes("@ministryofjustice")) return;
  console.warn(`WARNING: ${message}\n${stack ?? ""}`);
}

function compile(name) {
  const result = sass.compile(join(root, "frontend", "scss", `${name}.scss`), {
    // MOJ Frontend loads GOV.UK Frontend as "node_modules/govuk-frontend/...".
    loadPaths: [root, modules],
    importers: [new sass.NodePackageImporter(root)],
    style: "compressed",
    // The Design Systems' own deprecation notices are theirs to fix, not ours.
    quietDeps: true,
    logger: { warn: warnUnlessMojDeprecation },
  });
  const target = join(out, "css", `${name}.css`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${result.css}\n`);
  console.log(`  ${target.slice(root.length + 1)}`);
  return result.css;
}

function referencedImages(css) {
  const names = new Set();
  for (const match of css.matchAll(/url\(\s*["']?\.\.\/assets\/images\/([^"')?#]+)/g)) {
    names.add(match[1]);
  }
  return names;
}

function copyImage(name) {
  for (const dir of imageSources) {
    try {
      copy(join(dir, name), join(out, "assets", "images", name));
      return;
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
  }
  throw new Error(`The CSS refers to images/${name}, which no package provides`);
}

console.log("Building the front end:");
// static/assets/ holds only what this build copies, so stale images go with it; css/ and
// js/ may hold hand-written files, so the built ones are just overwritten.
rmSync(join(out, "assets"), { recursive: true, force: true });

const images = new Set();
for (const name of ["public", "staff"]) {
  for (const image of referencedImages(compile(name))) images.add(image);
}
for (const image of [...images].sort()) copyImage(image);

for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  copy(join(govuk, file), join(out, "js", file));
}
for (const file of ["moj-frontend.min.js", "moj-frontend.min.js.map"]) {
  copy(join(moj, file), join(out, "js", file));
}
for (const file of ["public.mjs", "staff.mjs"]) {
  copy(join(root, "frontend", "js", file), join(out, "js", file));
}

copy(join(modules, "axe-core", "axe.min.js"), join(root, "tests", "journeys", "vendor", "axe.min.js"));

// Record what was built from, so a reviewer can see the versions without npm.
const version = (pkg) => JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
const manifest = {
  "govuk-frontend": version("govuk-frontend"),
  "@ministryofjustice/frontend": version("@ministryofjustice/frontend"),
  sass: version("sass"),
  "axe-core": version("axe-core"),
};
writeFileSync(join(out, "frontend-versions.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log("  static/frontend-versions.json");

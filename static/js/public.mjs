// Starts GOV.UK Frontend's components (error summary focus, character count, radios'
// conditional reveals...). Pages work without it: every component degrades to HTML.
import { initAll } from "./govuk-frontend.min.js";

initAll();

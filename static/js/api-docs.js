// The API's human docs: Redoc, from our own static files, reading the schema's address and
// its settings from the page (no inline script, so the page keeps the strict CSP).
(function () {
  var container = document.getElementById("redoc-container");
  if (!container || typeof Redoc === "undefined") return;
  var settings = {};
  try {
    settings = JSON.parse(container.getAttribute("data-settings") || "{}");
  } catch (error) {
    settings = {};
  }
  Redoc.init(container.getAttribute("data-schema-url"), settings, container);
})();

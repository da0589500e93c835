// corridor console: the CSRF token on every htmx request, error fragments swapped in like
// any other answer, and Vega-Lite charts embedded from the JSON specs the server renders.
(function () {
  "use strict";
  function token() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = token();
  });
  if (window.htmx) {
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "[45]..", swap: true, error: true },
    ];
  }
  function embedCharts(root) {
    if (!window.vegaEmbed) { return; }
    root.querySelectorAll("[data-vega-spec]").forEach(function (el) {
      if (el.dataset.embedded) { return; }
      el.dataset.embedded = "1";
      var spec = JSON.parse(document.getElementById(el.dataset.vegaSpec).textContent);
      // narrower screens: the chart takes the width it has instead of its fixed one
      if (typeof spec.width === "number" && el.clientWidth < spec.width + 120) {
        spec.width = "container";
        spec.autosize = { type: "fit", contains: "padding" };
      }
      window.vegaEmbed(el, spec, { actions: { export: true, source: false, compiled: false, editor: false }, renderer: "svg" })
        .then(function () { el.setAttribute("data-rendered", "1"); })
        .catch(function (err) { el.textContent = "chart could not be drawn: " + err; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { embedCharts(document); });
  document.addEventListener("htmx:afterSettle", function (event) { embedCharts(event.target); });
})();

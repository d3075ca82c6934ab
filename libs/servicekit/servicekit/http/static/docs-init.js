// Starts Swagger UI on the page's container; the document's URL is a data attribute, so that the
// page needs no inline script and its Content-Security-Policy can allow scripts from itself only.
(function () {
  "use strict";
  var container = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: container.getAttribute("data-spec-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    validatorUrl: null
  });
})();

// Starts Swagger UI on the contract. A file of its own, not an inline script, so that the page's
// Content-Security-Policy can allow scripts from this server only. validatorUrl: null keeps Swagger UI
// from loading a badge from validator.swagger.io (which the policy would block anyway).
window.ui = SwaggerUIBundle({
  url: "/openapi/curbside.yaml",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  persistAuthorization: false
});

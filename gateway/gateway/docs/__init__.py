"""One OpenAPI document for the whole deployment, merged from every routed service and the gateway."""

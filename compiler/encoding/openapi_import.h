#pragma once
// OpenAPI 3.0 and 3.1 documents as CUE source text, for `cfgc import openapi`: an adapter over
// the JSON Schema importer (jsonschema_import.h), which translates the schemas.
//
//   - each `components.schemas.NAME` becomes the definition #NAME (named as the JSON Schema
//     importer names definitions: `bgp-neighbor` is #bgp_neighbor), and
//     `$ref: "#/components/schemas/NAME"` refers to it; recursion is fine;
//   - OpenAPI 3.0's Schema Object is JSON Schema draft 4 with changes: `nullable: true` also
//     allows null (`null | T`), `exclusiveMinimum`/`exclusiveMaximum` are booleans;
//   - OpenAPI 3.1's is JSON Schema 2020-12 (`type: [string, "null"]`); `nullable` is no 3.1
//     keyword, so there it is an unsupported keyword (a comment and a warning);
//   - the annotations `example`, `examples`, `readOnly`, `writeOnly`, `deprecated`, `xml`,
//     `externalDocs`, `discriminator` and `x-…` extensions become `// KEY: value` comments
//     (no warning: they constrain nothing a validator checks); any other unsupported keyword is
//     a comment and a warning, as for JSON Schema;
//   - `info.title`, `info.version` and `info.description` make the file's header comment;
//   - paths, operations, parameters and the other components are not converted (a `$ref`
//     into them is written out in place).

#include <string>

#include "compiler/base/diagnostic.h"
#include "compiler/base/result.h"
#include "compiler/encoding/data_import.h"

namespace cfgc::encoding {

// Whether a document is an OpenAPI 3 document: a struct whose top-level "openapi" is a string
// "3.…" (a Swagger 2.0 document has "swagger" instead).
bool is_openapi(const DataDocument& doc);

struct OpenApiImport {
  std::string header;   // comment lines (`// …\n`) for the top of the file, before any package
  std::string text;     // the imports, then the definitions
  std::string version;  // the document's "openapi" value: "3.0.3"
};

// The definitions of an OpenAPI document's components.schemas. A document without a usable
// "openapi" version (absent, Swagger 2.0, not 3.0 or 3.1), a `$ref` that points nowhere or a
// keyword with a value of the wrong type is an error at its position; unsupported keywords (and
// a document with no components.schemas) are warnings in `diags`.
Result<OpenApiImport> import_openapi(const DataDocument& doc, Diagnostics& diags);

}  // namespace cfgc::encoding

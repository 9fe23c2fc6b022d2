#pragma once
// JSON Schema (drafts 4, 6, 7, 2019-09 and 2020-12) as CUE source text, for
// `cfgc import jsonschema`. The schema document is read like any data file
// (data_import.h) and translated keyword by keyword (docs/import.md has the table):
//
//   - the root schema becomes the definition #Schema (or #NAME with --root), and the file
//     embeds it, so the file itself is the schema (as cue's importer makes it) and
//     `-d '#Schema'` names it;
//   - `definitions` and `$defs` become definitions #X, which `$ref: "#/definitions/X"` and
//     `"#/$defs/X"` refer to (`"#"` is the root); recursion is fine;
//   - every object is open (`...`) unless `additionalProperties: false` closes it;
//   - constraints that apply to one JSON type only (minimum, pattern, items, properties…)
//     constrain that type only, as JSON Schema says: `{"minimum": 1}` alone still accepts
//     a string.
//
// A keyword CUE cannot express is kept as a `// cfgc import: unsupported keyword X: <value>`
// comment above the field it belongs to and reported as a warning at its position; it is never
// dropped silently. Annotations (`$schema`, `$id`, `$comment`, `title`, `description`) become
// comments.
//
// The options below the root name let other formats reuse the translation (openapi_import.h):
// definitions in other places, no root schema, OpenAPI's nullable, formats and annotations.

#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/result.h"
#include "compiler/encoding/data_import.h"

namespace cfgc::encoding {

struct JsonSchemaOptions {
  std::string root = "Schema";  // the root schema's definition name, without '#'

  // For formats that carry JSON Schemas inside another document (openapi_import.h):
  // false: the document is no schema itself, only a holder of the definitions (no #root).
  bool root_is_schema = true;
  // Where the definitions are, as paths of keys from the top of the document: each member of
  // such an object becomes #KEY, referred to as "#/a/b/KEY".
  std::vector<std::vector<std::string>> definitions = {{"definitions"}, {"$defs"}};
  // OpenAPI 3.0: `nullable: true` also allows null (`null | T`); otherwise an unknown keyword.
  bool nullable = false;
  // Annotations written as `// KEY: value` comments above their field, with no warning
  // (otherwise unsupported keywords, which warn).
  std::vector<std::string> comment_keywords;
  // `x-…` keys (OpenAPI's specification extensions) as comments too, with no warning.
  bool extensions_as_comments = false;
  // OpenAPI's formats: int32, int64, float, double as CUE's int32, int64, float32, float64;
  // password (a hint for forms) as a comment, with no warning.
  bool openapi_formats = false;
};

// Whether a document looks like a JSON Schema: a struct with a "$schema" key whose value is a
// json-schema.org URL (`http(s)://json-schema.org/…schema#?`), as cue's auto mode decides.
bool is_json_schema(const DataDocument& doc);

// The CUE text (imports, then the definitions) for a schema document. A `$ref` that points
// nowhere, a value of the wrong type for its keyword (`"required": 3`) or a document that is no
// schema at all is an error at its position; unsupported keywords are warnings in `diags`.
Result<std::string> import_json_schema(const DataDocument& doc, const JsonSchemaOptions& opts,
                                       Diagnostics& diags);

}  // namespace cfgc::encoding

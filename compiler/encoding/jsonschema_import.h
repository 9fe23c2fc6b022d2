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

#include <string>

#include "compiler/base/diagnostic.h"
#include "compiler/base/result.h"
#include "compiler/encoding/data_import.h"

namespace cfgc::encoding {

struct JsonSchemaOptions {
  std::string root = "Schema";  // the root schema's definition name, without '#'
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

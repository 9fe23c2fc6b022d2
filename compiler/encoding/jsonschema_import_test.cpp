// JSON Schema as CUE text: keyword mapping, references and errors.
#include "compiler/encoding/jsonschema_import.h"

#include <doctest/doctest.h>

using namespace cfgc;
using namespace cfgc::encoding;

namespace {

struct Imported {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  std::vector<DataDocument> docs;
  Result<std::string> text = Error{"not run", {}};
  explicit Imported(std::string json, JsonSchemaOptions opts = {}) {
    const SourceFile& src = files.add("s.json", std::move(json));
    docs = read_data_documents(arena, src, DataFormat::Json, diags);
    if (docs.size() == 1) text = import_json_schema(docs[0], opts, diags);
  }
  bool has(std::string_view s) const { return text.ok() && text->find(s) != std::string::npos; }
};

}  // namespace

TEST_CASE("jsonschema import: detection by $schema") {
  Imported a(R"({"$schema": "http://json-schema.org/draft-07/schema#"})");
  CHECK(is_json_schema(a.docs[0]));
  Imported b(R"({"$schema": "https://example.com/schema"})");
  CHECK_FALSE(is_json_schema(b.docs[0]));
}

TEST_CASE("jsonschema import: the root is a definition the file embeds") {
  Imported s(R"({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}})",
             {"Device"});
  CHECK(s.has("#Device\n"));
  CHECK(s.has("a!: string"));
  CHECK(s.has("b?: int"));
  CHECK(s.has("...\n"));
}

TEST_CASE("jsonschema import: bounds, draft 4 and draft 6 exclusive forms") {
  Imported d4(R"({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 5})");
  CHECK(d4.has("#Schema: >0 & <=5"));
  Imported d6(R"({"type": "integer", "exclusiveMinimum": 0, "multipleOf": 2})");
  CHECK(d6.has("int & >0 & math.MultipleOf(2)"));
  CHECK(d6.has("import \"math\""));
}

TEST_CASE("jsonschema import: a constraint without a type leaves other types alone") {
  Imported s(R"({"minLength": 2})");
  CHECK(s.has("null | bool | number | string & strings.MinRunes(2) | [...] | {...}"));
}

TEST_CASE("jsonschema import: tuples accept their prefixes") {
  Imported s(R"({"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false, "type": "array"})");
  CHECK(s.has("[] | [string] | [string, int]"));
}

TEST_CASE("jsonschema import: additionalProperties beside properties spares them") {
  Imported s(R"({"type": "object", "properties": {"a.b": {}}, "additionalProperties": {"type": "string"}})");
  CHECK(s.has(R"([!~#"^(a\.b)$"#]: string)"));
}

TEST_CASE("jsonschema import: references and recursion") {
  Imported s(R"({"$defs": {"node-x": {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node-x"}}}}}, "$ref": "#/$defs/node-x"})");
  CHECK(s.has("#Schema: #node_x"));
  CHECK(s.has("kids?: [...#node_x]"));
  CHECK(s.has("// \"node-x\" in the schema"));
}

TEST_CASE("jsonschema import: errors have positions") {
  Imported ref(R"({"type": "object", "properties": {"a": {"$ref": "#/definitions/nope"}}})");
  REQUIRE_FALSE(ref.text.ok());
  CHECK(ref.text.error().message.find("points nowhere") != std::string::npos);
  CHECK(ref.files.resolve(ref.text.error().pos).col == 49);
  Imported type(R"({"type": "str"})");
  REQUIRE_FALSE(type.text.ok());
  CHECK(type.text.error().message.find("unknown type") != std::string::npos);
  Imported plain(R"({"hosts": ["a"]})");
  REQUIRE_FALSE(plain.text.ok());
  CHECK(plain.text.error().message.find("not a JSON Schema") != std::string::npos);
}

TEST_CASE("jsonschema import: unsupported keywords are comments and warnings") {
  Imported s(R"({"type": "string", "format": "uuid"})");
  CHECK(s.has("// cfgc import: unsupported keyword format: \"uuid\""));
  CHECK(s.diags.size() == 1);
  CHECK_FALSE(s.diags.has_errors());
}

TEST_CASE("jsonschema import: document text in comments stays comment text") {
  // A line break in a $comment or an unsupported keyword starts another comment line (it
  // used to end the comment, and the rest was read as CUE: a field `b: 1` here).
  Imported s(R"({"type": "object", "$schema": "x\ny: 1", "$comment": "one\nb: 1", "pro\nperties": {"c": 2}})");
  CHECK(s.has("// $schema: x\n// y: 1\n"));
  CHECK(s.has("// one\n// b: 1\n"));
  CHECK(s.has("// cfgc import: unsupported keyword pro\n// perties: {\"c\": 2}\n"));
  // Bytes that are not UTF-8 (YAML lets them through) become U+FFFD: the CUE scanner rejects
  // them even in comments (found by the fuzzer: tests/fuzz/corpus/jsonschema/crash_key_not_utf8).
  FileSet files;
  Arena arena;
  Diagnostics diags;
  const SourceFile& src = files.add("s.yaml", "type: object\npro\xff\xffperties: {a: 1}\n");
  std::vector<DataDocument> docs = read_data_documents(arena, src, DataFormat::Yaml, diags);
  REQUIRE(docs.size() == 1);
  Result<std::string> text = import_json_schema(docs[0], {}, diags);
  REQUIRE(text.ok());
  CHECK(text->find("unsupported keyword pro\xef\xbf\xbd\xef\xbf\xbdperties: {\"a\": 1}\n") !=
        std::string::npos);
}

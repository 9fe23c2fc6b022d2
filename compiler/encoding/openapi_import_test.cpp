// OpenAPI documents as CUE text: components.schemas as definitions, nullable, references, 3.0
// against 3.1, errors.
#include "compiler/encoding/openapi_import.h"

#include <doctest/doctest.h>

using namespace cfgc;
using namespace cfgc::encoding;

namespace {

struct Imported {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  std::vector<DataDocument> docs;
  Result<OpenApiImport> out = Error{"not run", {}};
  explicit Imported(std::string text, DataFormat format = DataFormat::Json) {
    const SourceFile& src =
        files.add(format == DataFormat::Json ? "api.json" : "api.yaml", std::move(text));
    docs = read_data_documents(arena, src, format, diags);
    if (docs.size() == 1) out = import_openapi(docs[0], diags);
  }
  bool has(std::string_view s) const { return out.ok() && out->text.find(s) != std::string::npos; }
  std::string error() const { return out.ok() ? "" : out.error().message; }
};

std::string v30(std::string_view schemas) {
  return R"({"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {},
             "components": {"schemas": )" +
         std::string(schemas) + "}}";
}

std::string v31(std::string_view schemas) {
  return R"({"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
             "components": {"schemas": )" +
         std::string(schemas) + "}}";
}

}  // namespace

TEST_CASE("openapi import: detection by a top-level openapi 3.x") {
  CHECK(is_openapi(Imported(v30("{}")).docs[0]));
  CHECK(is_openapi(Imported(v31("{}")).docs[0]));
  CHECK_FALSE(is_openapi(Imported(R"({"swagger": "2.0"})").docs[0]));
  CHECK_FALSE(is_openapi(Imported(R"({"openapi": 3})").docs[0]));
  CHECK_FALSE(
      is_openapi(Imported(R"({"$schema": "http://json-schema.org/draft-07/schema#"})").docs[0]));
}

TEST_CASE("openapi import: each components.schemas entry is a definition, no root") {
  Imported a(v30(R"({"Vlan": {"type": "object", "required": ["id"],
                              "properties": {"id": {"type": "integer", "minimum": 1}}},
                     "bgp-neighbor": {"type": "string"}})"));
  REQUIRE(a.out.ok());
  CHECK(a.has("#Vlan: {\n\tid!: int & >=1\n\t...\n}\n"));
  CHECK(a.has("// \"bgp-neighbor\" in components.schemas\n#bgp_neighbor: string\n"));
  CHECK_FALSE(a.has("#Schema"));
  CHECK(a.out->text.starts_with("#Vlan"));  // no blank line or root before the first one
  CHECK(a.out->version == "3.0.3");
}

TEST_CASE("openapi import: the header holds info's title, version and description") {
  Imported a(R"({"openapi": "3.0.0", "info": {"title": "Device API", "version": "1.2",
                 "description": "Switches.\n\nAnd routers.\n"}})");
  REQUIRE(a.out.ok());
  CHECK(a.out->header ==
        "// Device API, version 1.2\n//\n// Switches.\n//\n// And routers.\n//\n"
        "// The components.schemas of an OpenAPI 3.0.0 document (paths are not converted).\n");
  // No schemas: a warning, and nothing but the header.
  CHECK(a.out->text.empty());
  CHECK(a.diags.size() == 1);
  CHECK_FALSE(a.diags.has_errors());
}

TEST_CASE("openapi import: 3.0 nullable is the type or null") {
  Imported a(v30(R"({"A": {"type": "string", "nullable": true, "maxLength": 3},
                     "B": {"type": "integer", "nullable": true, "default": 2},
                     "C": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"},
                                                      {"$ref": "#/components/schemas/B"}]},
                     "D": {"type": "object", "nullable": false, "properties": {"x": {"$ref": "#/components/schemas/A"}}},
                     "E": {"enum": ["a", "b"], "nullable": true}})"));
  REQUIRE(a.out.ok());
  CHECK(a.has("#A: null | string & strings.MaxRunes(3)\n"));
  CHECK(a.has("#B: *2 | null | int\n"));
  CHECK(a.has("#C: null | #A & #B\n"));
  CHECK(a.has("#D: {\n\tx?: #A\n\t...\n}\n"));
  CHECK(a.has("#E: null | \"a\" | \"b\"\n"));
  CHECK(a.diags.size() == 0);
  Imported bad(v30(R"({"A": {"type": "string", "nullable": "yes"}})"));
  CHECK(bad.error() == "nullable must be true or false");
}

TEST_CASE("openapi import: 3.1 is JSON Schema 2020-12, without nullable") {
  Imported a(v31(R"({"A": {"type": ["string", "null"]},
                     "B": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10},
                     "C": {"type": "string", "nullable": true}})"));
  REQUIRE(a.out.ok());
  CHECK(a.has("#A: null | string\n"));
  CHECK(a.has("#B: >0 & <10\n"));
  CHECK(a.has("// cfgc import: unsupported keyword nullable: true\n#C: string\n"));
  CHECK(a.diags.size() == 1);
}

TEST_CASE("openapi import: 3.0 boolean exclusive bounds") {
  Imported a(v30(R"({"Asn": {"type": "integer", "minimum": 0, "exclusiveMinimum": true,
                             "maximum": 65535, "exclusiveMaximum": false}})"));
  CHECK(a.has("#Asn: int & >0 & <=65535\n"));
}

TEST_CASE("openapi import: references, recursion, allOf and oneOf") {
  Imported a(v30(
      R"({
    "Node": {"type": "object", "properties": {
      "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
      "peer": {"$ref": "#/components/schemas/Node/properties/children"}}},
    "Ip": {"oneOf": [{"type": "string", "format": "ipv4"}, {"type": "string", "format": "ipv6"}]},
    "Named": {"allOf": [{"$ref": "#/components/schemas/Node"},
                        {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}]},
    "Param": {"$ref": "#/components/parameters/limit/schema"}})"
      R"(, "parameters": {"limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}})"));
  REQUIRE(a.out.ok());
  CHECK(a.has("children?: [...#Node]"));
  CHECK(a.has("peer?: [...#Node]"));
  CHECK(a.has("#Ip: string & net.IPv4 | string & net.IPv6\n"));
  CHECK(a.has("#Named: #Node & {\n\tname!: string\n\t...\n}\n"));
  CHECK(a.has("#Param: int\n"));
  CHECK(a.has("import \"net\""));
}

TEST_CASE("openapi import: annotations are comments, other unknown keywords warn") {
  Imported a(v30(R"({"Port": {"type": "object", "discriminator": {"propertyName": "kind"},
                              "x-vendor": 1, "externalDocs": {"url": "https://example.com"},
                              "properties": {"id": {"type": "string", "readOnly": true, "example": "p1"},
                                             "secret": {"type": "string", "writeOnly": true, "format": "byte"}}}})"));
  REQUIRE(a.out.ok());
  CHECK(a.has("// discriminator: {\"propertyName\": \"kind\"}\n"));
  CHECK(a.has("// x-vendor: 1\n"));
  CHECK(a.has("// externalDocs: {\"url\": \"https://example.com\"}\n"));
  CHECK(a.has("\t// readOnly: true\n\t// example: \"p1\"\n\tid?: string\n"));
  CHECK(a.has("\t// writeOnly: true\n\t// cfgc import: unsupported keyword format: \"byte\"\n"));
  CHECK(a.diags.size() == 1);  // format only
}

TEST_CASE("openapi import: OpenAPI's number formats are CUE's sized types") {
  Imported a(v30(R"({"A": {"type": "integer", "format": "int32", "minimum": 1},
                     "B": {"type": "integer", "format": "int64"},
                     "C": {"type": "number", "format": "float"},
                     "D": {"type": "number", "format": "double", "maximum": 1.5},
                     "E": {"type": "string", "format": "password"},
                     "F": {"type": "string", "format": "date-time"}})"));
  REQUIRE(a.out.ok());
  CHECK(a.has("#A: int32 & >=1\n"));
  CHECK(a.has("#B: int64\n"));
  CHECK(a.has("#C: float32\n"));
  CHECK(a.has("#D: float64 & <=1.5\n"));
  CHECK(a.has("// format: \"password\"\n#E: string\n"));
  CHECK(a.has("// cfgc import: unsupported keyword format: \"date-time\"\n#F: string\n"));
  CHECK(a.diags.size() == 1);  // date-time only
}

TEST_CASE("openapi import: errors have positions") {
  Imported ref(v30(R"({"A": {"$ref": "#/components/schemas/Missing"}})"));
  REQUIRE_FALSE(ref.out.ok());
  CHECK(ref.error() == "$ref \"#/components/schemas/Missing\": points nowhere in this document");
  CHECK(ref.files.resolve(ref.out.error().pos).line == 2);

  Imported plain("hosts: [a]\n", DataFormat::Yaml);
  CHECK(plain.error().starts_with("not an OpenAPI document"));
  CHECK(plain.files.resolve(plain.out.error().pos).line == 1);

  Imported swagger("swagger: \"2.0\"\ninfo: {title: x}\n", DataFormat::Yaml);
  CHECK(swagger.error().starts_with("Swagger 2.0 is not supported"));

  Imported number("openapi: 3.0\n", DataFormat::Yaml);
  CHECK(number.error().starts_with("openapi must be a version string"));
  CHECK(number.files.resolve(number.out.error().pos).col == 10);

  Imported four(R"({"openapi": "4.0.0"})");
  CHECK(four.error().starts_with("OpenAPI \"4.0.0\" is not supported"));

  Imported schemas(R"({"openapi": "3.1.0", "components": {"schemas": []}})");
  CHECK(schemas.error() == "components.schemas must be an object of schemas");
}

TEST_CASE("openapi import: the document's text in the header stays comment text") {
  // A line break in the version (or bytes that are not UTF-8, from YAML) gave a header that
  // was not CUE (found by cfgc_jsonschema_import_fuzz).
  Imported a(R"({"openapi": "3.0.0\nx: 1", "info": {"title": "T", "version": "1"}})");
  REQUIRE(a.out.ok());
  CHECK(a.out->header.ends_with(
      "// The components.schemas of an OpenAPI 3.0.0\n// x: 1 document (paths are not "
      "converted).\n"));
}

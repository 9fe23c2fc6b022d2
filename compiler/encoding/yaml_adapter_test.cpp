// YAML data files as syntax trees: what the adapter refuses before yaml-cpp sees it.
#include "compiler/encoding/yaml_adapter.h"

#include <doctest/doctest.h>

using namespace cfgc;

TEST_CASE("yaml adapter: control characters are found by offset") {
  using encoding::first_invalid_yaml_char;
  CHECK(first_invalid_yaml_char("a: 1\n\tb: \"x\"\r\n") == std::string_view::npos);
  CHECK(first_invalid_yaml_char("a: \"x\x01y\"") == 5);
  CHECK(first_invalid_yaml_char(std::string_view("a\0b", 3)) == 1);
  CHECK(first_invalid_yaml_char("a: \x7f") == 3);
  CHECK(first_invalid_yaml_char("name: \xc3\xa9t\xc3\xa9") == std::string_view::npos);  // UTF-8
}

TEST_CASE("yaml adapter: text with a control character is refused at its position") {
  FileSet files;
  // This input made yaml-cpp loop forever (found by the yaml fuzz target).
  const SourceFile& src = files.add("hang.yaml", std::string(",\0\x0e{\"", 5));
  Arena arena;
  Diagnostics diags;
  std::vector<syntax::File*> docs = encoding::parse_yaml(arena, src, diags);
  CHECK(docs.empty());
  REQUIRE(diags.error_count() == 1);
  const Diagnostic& d = diags.list()[0];
  CHECK(d.message.find("control character U+0000") != std::string::npos);
  Location l = files.resolve(d.pos);
  CHECK(l.line == 1);
  CHECK(l.col == 2);
}

TEST_CASE("yaml adapter: ordinary YAML still reads, one file per document") {
  FileSet files;
  const SourceFile& src = files.add("two.yaml", "a: 1\n---\nb: [x, y]\n");
  Arena arena;
  Diagnostics diags;
  std::vector<syntax::File*> docs = encoding::parse_yaml(arena, src, diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(docs.size() == 2);
}

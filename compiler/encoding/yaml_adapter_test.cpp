// YAML data files as syntax trees: documents, and errors at their position.
#include "compiler/encoding/yaml_adapter.h"

#include <doctest/doctest.h>

using namespace cfgc;

TEST_CASE("yaml adapter: one file per document") {
  FileSet files;
  const SourceFile& src = files.add("two.yaml", "a: 1\n---\nb: [x, y]\n");
  Arena arena;
  Diagnostics diags;
  std::vector<syntax::File*> docs = encoding::parse_yaml(arena, src, diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(docs.size() == 2);
}

TEST_CASE("yaml adapter: invalid text is one error at its position") {
  FileSet files;
  // This input made yaml-cpp loop forever (found by the yaml fuzz target).
  const SourceFile& src = files.add("hang.yaml", std::string(",\0\x0e{\"", 5));
  const SourceFile& comma = files.add("comma.yaml", "a: 1\n---\n  , b\n");
  Arena arena;
  for (const SourceFile* f : {&src, &comma}) {
    Diagnostics diags;
    CHECK(encoding::parse_yaml(arena, *f, diags).empty());
    REQUIRE(diags.error_count() == 1);
    const Diagnostic& d = diags.list()[0];
    Location l = files.resolve(d.pos);
    if (f == &src) {
      CHECK(d.message.find("control character U+0000") != std::string::npos);
      CHECK(l.line == 1);
      CHECK(l.col == 2);
    } else {
      CHECK(d.message.find("unexpected ','") != std::string::npos);
      CHECK(l.line == 3);
      CHECK(l.col == 3);
    }
  }
}

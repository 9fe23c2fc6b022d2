// Data files as CUE text for `cfgc import`: comments, layout, placement and errors.
#include "compiler/encoding/data_import.h"

#include <doctest/doctest.h>

using namespace cfgc;
using namespace cfgc::encoding;

namespace {

struct Read {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  std::vector<DataDocument> docs;
  Read(std::string name, std::string text) {
    const SourceFile& src = files.add(name, std::move(text));
    docs = read_data_documents(arena, src, *data_format_of(name), diags);
  }
};

}  // namespace

TEST_CASE("data import: formats by extension") {
  CHECK(*data_format_of("a.json") == DataFormat::Json);
  CHECK(*data_format_of("dir/a.ndjson") == DataFormat::JsonLines);
  CHECK(*data_format_of("a.yml") == DataFormat::Yaml);
  CHECK_FALSE(data_format_of("a.txt").ok());
}

TEST_CASE("data import: YAML comments stay with their fields") {
  Read r("a.yaml", "# head\na: 1 # line\n# block\nb:\n  c: x\n  d: '#not'\n");
  REQUIRE(r.docs.size() == 1);
  CHECK(data_file_text(r.docs[0]) ==
        "// head\na: 1 // line\n// block\nb: {\n\tc: \"x\"\n\td: \"#not\"\n}\n");
}

TEST_CASE("data import: a comment-like line inside a block scalar is text") {
  Read r("a.yaml", "s: |\n  # text\nb: 1\n");
  CHECK(data_file_text(r.docs[0]) == "s: \"\"\"\n\t# text\n\t\n\t\"\"\"\nb: 1\n");
}

TEST_CASE("data import: one-line flow collections stay on one line") {
  Read r("a.yaml", "a: {x: 1, y: [1, 2]}\nb:\n  - 1\n");
  CHECK(data_file_text(r.docs[0]) == "a: {x: 1, y: [1, 2]}\nb: [\n\t1,\n]\n");
}

TEST_CASE("data import: JSON must be strict JSON") {
  Read r("a.json", "{\"a\": 1,}");
  CHECK(r.docs.empty());
  REQUIRE(r.diags.error_count() == 1);
  Location l = r.files.resolve(r.diags.list()[0].pos);
  CHECK(l.line == 1);
  CHECK(l.col == 9);  // the '}'
}

TEST_CASE("data import: an earlier file's errors do not hide the next file's documents") {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  read_data_documents(arena, files.add("a.json", "{\"a\": 1,}"), DataFormat::Json, diags);
  REQUIRE(diags.error_count() == 1);
  auto docs =
      read_data_documents(arena, files.add("b.json", "{\"b\": 2}"), DataFormat::Json, diags);
  CHECK(docs.size() == 1);
  CHECK(diags.error_count() == 1);
}

TEST_CASE("data import: JSON Lines are one document per line") {
  Read r("a.jsonl", "{\"a\": 1}\n\n[1]\n");
  CHECK_FALSE(r.diags.has_errors());
  CHECK(r.docs.size() == 2);
}

TEST_CASE("data import: a struct of one field is `a: b: c` only as a field's value") {
  Read r("a.yaml", "a:\n  b: 1\nl:\n  - b: 1\n");
  CHECK(data_file_text(r.docs[0]) == "a: b: 1\nl: [{\n\tb: 1\n}]\n");
}

TEST_CASE("data import: placement") {
  Read r("a.yaml", "kind: A\n---\nkind: B\n");
  REQUIRE(r.docs.size() == 2);
  std::vector<PlacedDocument> docs = {{r.docs[0], {"A"}}, {r.docs[1], {"\"b-c\""}}};
  CHECK(*place_documents(docs, {}) == "A: kind: \"A\"\n\"b-c\": kind: \"B\"\n");
  Placement list{{"x"}, true};
  std::vector<PlacedDocument> plain = {{r.docs[0], {}}, {r.docs[1], {}}};
  CHECK(*place_documents(plain, list) == "x: [{\n\tkind: \"A\"\n}, {\n\tkind: \"B\"\n}]\n");
  Result<std::string> unplaced = place_documents(plain, {});
  REQUIRE_FALSE(unplaced.ok());
  CHECK(unplaced.error().message.find("2 documents") != std::string::npos);
}

TEST_CASE("data import: JSON duplicate keys are errors") {
  Read r("a.json", "{\"a\": 1, \"a\": 2}");
  REQUIRE(r.docs.size() == 1);
  std::vector<PlacedDocument> docs = {{r.docs[0], {}}};
  CHECK_FALSE(place_documents(docs, {}).ok());
}

TEST_CASE("data import: label paths") {
  CHECK(*parse_label_path("a.\"x-y\".#D") == std::vector<std::string>{"a", "\"x-y\"", "#D"});
  CHECK(*parse_label_path("\"ok\"") == std::vector<std::string>{"ok"});
  CHECK_FALSE(parse_label_path("a[0]").ok());
  CHECK_FALSE(parse_label_path("f(x)").ok());
}

TEST_CASE("data import: a YAML comment that is not UTF-8 is written as valid CUE") {
  // The YAML reader skips a comment's bytes; the CUE scanner rejects invalid UTF-8 (the
  // fuzzer found it: tests/fuzz/corpus/data_import/crash_comment_not_utf8).
  Read r("a.yaml", "# caf\xe9\na: 1 # \x80\x80 and\n");
  REQUIRE(r.docs.size() == 1);
  CHECK(r.diags.error_count() == 0);
  CHECK(data_file_text(r.docs[0]) == "// caf\xef\xbf\xbd\na: 1 // \xef\xbf\xbd\xef\xbf\xbd and\n");
}

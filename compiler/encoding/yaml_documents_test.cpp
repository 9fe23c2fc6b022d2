// Reading YAML streams safely: what is refused before or instead of yaml-cpp's LoadAll.
#include "compiler/encoding/yaml_documents.h"

#include <doctest/doctest.h>

#include <string>

using namespace cfgc;

TEST_CASE("yaml documents: control characters are found by offset") {
  using encoding::first_invalid_yaml_char;
  CHECK(first_invalid_yaml_char("a: 1\n\tb: \"x\"\r\n") == std::string_view::npos);
  CHECK(first_invalid_yaml_char("a: \"x\x01y\"") == 5);
  CHECK(first_invalid_yaml_char(std::string_view("a\0b", 3)) == 1);
  CHECK(first_invalid_yaml_char("a: \x7f") == 3);
  CHECK(first_invalid_yaml_char("name: \xc3\xa9t\xc3\xa9") == std::string_view::npos);  // UTF-8
}

TEST_CASE("yaml documents: a control character is a syntax error at its line and column") {
  try {
    encoding::load_yaml_documents("a: 1\nb: \"x\x01\"\n");
    FAIL("expected an exception");
  } catch (const YAML::ParserException& e) {
    CHECK(e.mark.pos == 10);
    CHECK(e.mark.line == 1);
    CHECK(e.mark.column == 5);
    CHECK(e.msg.find("U+0001") != std::string::npos);
  }
}

// Each of these made yaml-cpp's LoadAll append empty documents forever (the first was found
// by the yaml fuzz target).
TEST_CASE("yaml documents: a document that cannot make progress is an error, not a hang") {
  for (std::string text : {",{\"", ",", ", a", "--- ,", "a: 1\n---\n,", "\"a\"\n,", "&x ,",
                           "a: 1\n...\n---\n,x", "# c\n  ,]"}) {
    CAPTURE(text);
    try {
      encoding::load_yaml_documents(text);
      FAIL("expected an exception");
    } catch (const YAML::ParserException& e) {
      CHECK(e.mark.pos == static_cast<int>(text.find(',')));
      CHECK(e.msg.find("','") != std::string::npos);
    }
  }
}

TEST_CASE("yaml documents: only text with a suspicious ',' pays for the check pass") {
  using encoding::yaml_cpp_may_stall;
  CHECK_FALSE(yaml_cpp_may_stall("a: 1\nb: [x, y]\nc: 1, 2\nd: {e: 1, f: g}\n# x, y\n"));
  CHECK_FALSE(yaml_cpp_may_stall("desc: \"uplink to spine1, port 3\"\n"));  // inside a word
  CHECK(yaml_cpp_may_stall("a: [\"x\", \"y\"]"));  // after a quote: checked, harmless
  CHECK(yaml_cpp_may_stall("a: 1\n, b"));          // at a line start
  CHECK(yaml_cpp_may_stall("&anchor ,"));
  CHECK(yaml_cpp_may_stall("*alias ,"));
  CHECK(yaml_cpp_may_stall("!!str ,"));
  CHECK(yaml_cpp_may_stall("--- ,"));
  CHECK(yaml_cpp_may_stall("[a] ,"));
}

TEST_CASE("yaml documents: ordinary streams read as before") {
  CHECK(encoding::load_yaml_documents("").empty());
  CHECK(encoding::load_yaml_documents("a: 1\n---\nb: [x, y]\n...\n").size() == 2);
  CHECK(encoding::load_yaml_documents("---\n---\n").size() == 2);
  CHECK(encoding::load_yaml_documents("[a, b, {c: d}]").size() == 1);
  CHECK(encoding::load_yaml_documents("a: 1, b").size() == 1);  // a plain scalar "1, b"
}

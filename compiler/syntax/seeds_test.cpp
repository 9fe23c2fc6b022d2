// The CUE examples of the seed articles (tests/testdata/seeds, see its README.md) must parse
// without a single diagnostic: they are real-world CUE that cue v0.4 accepts.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/syntax/parser.h"

using namespace cfgc;
using namespace cfgc::syntax;

TEST_CASE("seed examples parse without diagnostics") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(CFGC_SOURCE_DIR) / "tests" / "testdata" / "seeds";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".cue")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  // The four CUE articles hold 15 CUE examples; fewer files means the data went missing.
  CHECK(files.size() >= 15);
  for (const fs::path& path : files) {
    CAPTURE(path.filename().string());
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::stringstream content;
    content << in.rdbuf();
    FileSet fset;
    const SourceFile& src = fset.add(path.filename().string(), content.str());
    Arena arena;
    Diagnostics diags;
    File* file = parse_file(arena, src, diags);
    std::string messages;
    for (const Diagnostic& d : diags.list()) {
      messages += fset.resolve(d.pos).str() + ": " + d.message + "\n";
    }
    CHECK(messages == "");
    CHECK(!file->decls.empty());
  }
}

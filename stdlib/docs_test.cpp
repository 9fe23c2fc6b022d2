// docs/stdlib.md is generated from the builtin registry; this test fails when it is stale.
#include "stdlib/docs.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "stdlib/register.h"

TEST_CASE("docs/stdlib.md is up to date") {
  cfgc::stdlib::register_all();
  std::string want = cfgc::stdlib::render_reference();
  std::string path = std::string(CFGC_SOURCE_DIR) + "/docs/stdlib.md";
  if (const char* update = std::getenv("CFGC_UPDATE_DOCS"); update && *update) {
    std::ofstream(path, std::ios::binary) << want;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream have;
  have << in.rdbuf();
  CHECK_MESSAGE(
      have.str() == want,
      "docs/stdlib.md is out of date; regenerate it with\n"
      "  CFGC_UPDATE_DOCS=1 build/tests/cfgc_unit_tests -tc='docs/stdlib.md is up to date'");
}

// register_all and the seed example that needs the standard library end to end.
#include "stdlib/register.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compiler/eval/builtin.h"
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::Program;

TEST_CASE("register_all is idempotent") {
  cfgc::stdlib::register_all();
  size_t n = cfgc::eval::all_builtins().size();
  cfgc::stdlib::register_all();
  CHECK(cfgc::eval::all_builtins().size() == n);
  CHECK(cfgc::eval::find_builtin("strings", "Join") != nullptr);
  CHECK(cfgc::eval::find_builtin("encoding/yaml", "Marshal") != nullptr);
  CHECK(cfgc::eval::find_builtin("", "len") != nullptr);
}

TEST_CASE("every builtin is documented and well formed") {
  cfgc::stdlib::register_all();
  for (const cfgc::eval::Builtin* b : cfgc::eval::all_builtins()) {
    CAPTURE(b->qualified());
    CHECK(!b->doc.empty());
    CHECK(b->fn);
    if (b->validator) CHECK(!b->params.empty());
  }
}

// examples/intro/bgp.cue: strings.SplitAfter, strconv.ParseInt and net.IPv4. The expected data
// is `cue export` (v0.4) of the same file. Objects are compared without regard to field order:
// cue v0.4 lists swp53 before swp52, cfgc lists the neighbours in order (swp51..swp54).
TEST_CASE("seed example examples/intro/bgp.cue exports the BGP neighbours") {
  std::ifstream in(std::string(CFGC_SOURCE_DIR) + "/examples/intro/bgp.cue");
  std::stringstream src;
  src << in.rdbuf();
  Program prog(src.str());
  std::string out = prog.json();
  REQUIRE_MESSAGE(out.rfind("error", 0) != 0, out);
  auto want = nlohmann::json::parse(R"({
    "bgp": {
        "asn": 65123,
        "router_id": "192.0.2.1",
        "neighbors": {
            "swp51": {"unnumbered": true, "remote_as": "external"},
            "swp53": {"unnumbered": true, "remote_as": "external"},
            "swp52": {"unnumbered": true, "remote_as": "external"},
            "swp54": {"unnumbered": true, "remote_as": "external"}
        }
    },
    "uplinks": ["swp53", "swp54"]
  })");
  CHECK(nlohmann::json::parse(out) == want);
}

TEST_CASE("imports of packages cfgc does not have are compile errors") {
  Program prog("import \"encoding/xml\"\nx: 1\n");
  CHECK_CONTAINS(prog.errors(), "standard library package \"encoding/xml\" is not available");
}

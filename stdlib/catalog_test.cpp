#include "stdlib/catalog.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "compiler/eval/builtin.h"
#include "compiler/eval/stdlib_paths.h"
#include "stdlib/register.h"

using namespace cfgc::stdlib;

TEST_CASE("catalog is sorted and searchable") {
  auto pkgs = packages();
  CHECK(std::is_sorted(pkgs.begin(), pkgs.end(),
                       [](const PackageInfo& a, const PackageInfo& b) { return a.path < b.path; }));
  REQUIRE(find_package("encoding/json") != nullptr);
  CHECK(find_package("encoding/json")->path == "encoding/json");
  CHECK(find_package("strings") != nullptr);
  CHECK(find_package("nope") == nullptr);
}

TEST_CASE("catalog lists exactly the registered packages") {
  register_all();
  std::set<std::string> registered;
  for (const cfgc::eval::Builtin* b : cfgc::eval::all_builtins()) {
    if (!b->pkg.empty()) registered.insert(b->pkg);
  }
  std::set<std::string> listed;
  for (const PackageInfo& p : packages()) {
    listed.insert(std::string(p.path));
    CHECK_MESSAGE(cfgc::eval::has_builtin_package(p.path), p.path);
    CHECK(cfgc::eval::is_standard_import_path(p.path));
  }
  CHECK(listed == registered);
}

#include "stdlib/catalog.h"

#include <doctest/doctest.h>

#include <algorithm>

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

TEST_CASE("standard paths have no dot in their first element") {
  CHECK(is_standard_path("strings"));
  CHECK(is_standard_path("encoding/json"));
  CHECK_FALSE(is_standard_path("example.com/fabric"));
  CHECK_FALSE(is_standard_path("arista.avd:hostvars"));
  CHECK_FALSE(is_standard_path(""));
}

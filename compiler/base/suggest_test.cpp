// Did-you-mean suggestions.
#include "compiler/base/suggest.h"

#include <doctest/doctest.h>

#include <vector>

using namespace cfgc;

TEST_CASE("suggest: the closest name within a typo's distance") {
  std::vector<std::string_view> names{"role", "id", "hwsku", "link_mtu", "name"};
  CHECK(closest_name("rol", names) == "role");
  CHECK(closest_name("rloe", names) == "role");  // a swap is one edit
  CHECK(closest_name("hw_sku", names) == "hwsku");
  CHECK(closest_name("link_mut", names) == "link_mtu");
  CHECK(closest_name("Role", names) == "role");
  CHECK_FALSE(closest_name("vlan", names));  // nothing close
  CHECK_FALSE(closest_name("role", names));  // the name itself is no suggestion
  CHECK_FALSE(closest_name("x", {}));
  CHECK(did_you_mean("nmae", names) == " (did you mean name?)");
  CHECK(did_you_mean("zzzz", names) == "");
}

TEST_CASE("suggest: short names allow one edit, long ones more") {
  std::vector<std::string_view> names{"#HostVars", "ab"};
  CHECK(closest_name("#Hostvars", names) == "#HostVars");
  CHECK(closest_name("#HstVrs", names) == "#HostVars");
  CHECK_FALSE(closest_name("xy", names));
}

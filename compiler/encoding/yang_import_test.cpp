// YANG as CUE: pattern conversion, definition names, the mapping of the test modules
// (tests/testdata/yang), errors with file and line, and the JSON_IETF rendering and validation.
#include "compiler/encoding/yang_import.h"

#include <doctest/doctest.h>

#include "compiler/encoding/yang_validate.h"

using namespace cfgc;
using namespace cfgc::encoding;

namespace {

const std::string kDir = std::string(CFGC_SOURCE_DIR) + "/tests/testdata/yang";

YangImportOptions fabric() {
  YangImportOptions o;
  o.search_dirs = {kDir};
  o.modules = {"cfgc-test-fabric", "cfgc-test-augment"};
  o.features = {"cfgc-test-fabric:lldp"};
  return o;
}

bool has(const Result<YangImport>& r, std::string_view s) {
  return r.ok() && r->text.find(s) != std::string::npos;
}

}  // namespace

TEST_CASE("yang: XSD patterns become anchored RE2 expressions") {
  CHECK(*yang_pattern_to_re2("[a-z]+") == "^([a-z]+)$");
  CHECK(*yang_pattern_to_re2("a|b") == "^(a|b)$");
  // ^ and $ are ordinary characters in XSD; '.' excludes \r as well as \n.
  CHECK(*yang_pattern_to_re2("^x$") == "^(\\^x\\$)$");
  CHECK(*yang_pattern_to_re2("a.b") == "^(a[^\\n\\r]b)$");
  CHECK(*yang_pattern_to_re2("[^$]") == "^([^$])$");
  CHECK(*yang_pattern_to_re2("\\d{1,3}\\.\\p{L}") == "^(\\d{1,3}\\.\\p{L})$");
  CHECK(yang_pattern_to_re2("\\i\\c*").ok());
  CHECK_FALSE(yang_pattern_to_re2("\\p{IsBasicLatin}+").ok());
  CHECK_FALSE(yang_pattern_to_re2("[a-z-[aeiou]]").ok());
}

TEST_CASE("yang: definition names") {
  CHECK(yang_camel_name("interface") == "Interface");
  CHECK(yang_camel_name("ipv4-address") == "Ipv4Address");
  CHECK(yang_camel_name("a_b.c") == "ABC");
  CHECK(yang_camel_name("8021q") == "N8021q");
}

TEST_CASE("yang: the test modules' mapping") {
  Result<YangImport> r = import_yang(fabric());
  REQUIRE(r.ok());
  CHECK(r->package == "cfgc_test_fabric");
  CHECK(has(r, "//   cfgc-test-fabric@2026-02-01\n"));
  CHECK(has(r, "#Root\n"));
  CHECK(has(r, "\"cfgc-test-fabric:fabric\"?: #Fabric"));
  // Ranges, 64-bit bounds, decimal64, lengths, patterns, defaults, mandatory.
  CHECK(has(r, "asn?: uint32 & (>=1 & <=23455 | >=23457)"));
  CHECK(has(r, "\"big-counter\"?: int64\n"));
  CHECK(has(r, "budget?: uint64 & >=10\n"));
  CHECK(has(r, "ratio?: *1.5 | number & >=0.5 & <=99.99"));
  CHECK(has(r, "name!: string & strings.MinRunes(1) & strings.MaxRunes(16) & =~\"^([a-z][a-z0-9-]*)$\""));
  CHECK(has(r, "serial?: string & =~#\"^([A-Z]{3}\\d{4})$\"# & !~#\"^(XXX[^\\n\\r]*)$\"#"));
  CHECK(has(r, "mode?: *\"routed\" | \"bridged\" | \"hybrid-mode\""));
  CHECK(has(r, "maintenance?: true"));
  // Identities: the module-qualified name, and the bare one where the leaf's module defines it.
  CHECK(has(r, "\"cfgc-test-types:fast-ethernet\""));
  CHECK(has(r, "\"cfgc-test-augment:dwdm\""));
  // Lists: keyed by a string, by an integer, by two keys; leaf-lists with bounds.
  CHECK(has(r, "interface?: [Name=string]: #Interface & {name: Name}"));
  CHECK(has(r, "vlan?: struct.MaxFields(100) & {[Name=string]: #Vlan & {id: strconv.Atoi(Name)}}"));
  CHECK(has(r, "link?: [Name=string]: #Link\n"));
  CHECK(has(r, "\"dns-servers\"!: list.MinItems(1) & list.MaxItems(3) & [...string]"));
  // Names from ancestors where they collide; augments carry their module.
  CHECK(has(r, "#InterfaceConfig: {"));
  CHECK(has(r, "#VlanConfig: {"));
  CHECK(has(r, "\"cfgc-test-augment:poe\"?: bool"));
  // Deviations: not-supported removes, replace changes the type.
  CHECK_FALSE(has(r, "secret"));
  CHECK(has(r, "speed?: uint32 & >=1000 & <=400000"));
  // Features: lldp on, telemetry off; config false left out.
  CHECK(has(r, "lldp?: #Lldp"));
  CHECK_FALSE(has(r, "telemetry"));
  CHECK_FALSE(has(r, "statistics"));
  CHECK_FALSE(has(r, "event"));
  // The pattern RE2 cannot take is reported and kept as a comment.
  REQUIRE(r->warnings.size() == 1);
  CHECK(r->warnings[0].find("cfgc-test-fabric.yang:100: pattern") != std::string::npos);
  CHECK(has(r, "// pattern (not converted"));
}

TEST_CASE("yang: config false kept on request; output deterministic") {
  YangImportOptions o = fabric();
  o.config_false = true;
  Result<YangImport> r = import_yang(o);
  CHECK(has(r, "statistics?: #Statistics"));
  CHECK(has(r, "event?: [...#Event]"));
  Result<YangImport> again = import_yang(o);
  REQUIRE(again.ok());
  CHECK(again->text == r->text);
}

TEST_CASE("yang: errors name the file and the line") {
  YangImportOptions o;
  o.search_dirs = {kDir + "/bad"};
  o.modules = {"cfgc-test-syntax"};
  Result<YangImport> r = import_yang(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("cfgc-test-syntax.yang:8: Invalid keyword") != std::string::npos);
  o.modules = {"cfgc-test-noimport"};
  r = import_yang(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("cfgc-test-noimport.yang:5: cfgc-test-noimport: module "
                               "\"cfgc-test-nowhere\" not found") != std::string::npos);
  o.modules = {"cfgc-test-badtype"};
  r = import_yang(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("cfgc-test-badtype.yang:6: Invalid range") != std::string::npos);
  o.modules = {"no-such-module"};
  r = import_yang(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("module \"no-such-module\" not found") != std::string::npos);
}

TEST_CASE("yang: JSON_IETF rendering and libyang validation") {
  YangValidateOptions o{{kDir}, {"cfgc-test-fabric", "cfgc-test-augment"}, {"cfgc-test-fabric:lldp"}};
  Result<YangValidation> r = yang_validate(R"({"cfgc-test-fabric:fabric": {
    "name": "dc1", "dns-servers": ["a"], "big-counter": 12, "ratio": 2.50, "maintenance": true,
    "interface": {"swp2": {"name": "swp2", "unnumbered": true}, "swp1": {"name": "swp1"}},
    "bgp": {"local": {"address": "a"}, "remote": {"address": "b"}, "password": "p"}}})",
                                           o);
  REQUIRE(r.ok());
  CHECK(r->errors.empty());
  CHECK(r->json_ietf.find(R"("big-counter":"12","ratio":"2.50","maintenance":[null])") !=
        std::string::npos);
  CHECK(r->json_ietf.find(R"("interface":[{"name":"swp2","unnumbered":[null]},{"name":"swp1"}])") !=
        std::string::npos);
  r = yang_validate(R"({"cfgc-test-fabric:fabric": {"name": "dc1", "dns-servers": ["a"],
    "interface": {"swp1": {"name": "swp1", "peer": "swp7"}},
    "bgp": {"local": {"address": "a"}, "remote": {"address": "b"}, "password": "p"}}})",
                    o);
  REQUIRE(r.ok());
  REQUIRE(r->errors.size() >= 1);
  CHECK(r->errors[0].path == "\"cfgc-test-fabric:fabric\".interface.swp1.peer");
}

TEST_CASE("yang: data paths as label paths") {
  CHECK(yang_data_path_to_labels("/a:b/c[name='eth0']/d") == "\"a:b\".c.eth0.d");
  CHECK(yang_data_path_to_labels("/a:b/l[x='1'][y='2']/z") == "\"a:b\".l.\"1 2\".z");
  CHECK(yang_data_path_to_labels("/a:b/e[3]/m") == "\"a:b\".e.2.m");
  CHECK(yang_data_path_to_labels("/a:b/ll[.='v']") == "\"a:b\".ll");
}

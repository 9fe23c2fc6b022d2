#include "deploy/kustomization.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

using namespace cfgc;
using deploy::OutputFile;

TEST_CASE("kustomization: a ConfigMap per file") {
  std::vector<OutputFile> files{
      {"spine/config_db.json", "{}\n", {}}, {"leaf1/frr.conf", "x\n", {}}, {"top.txt", "t", {}}};
  Result<std::string> out = deploy::kustomization(files);
  REQUIRE(out);
  YAML::Node k = YAML::Load(*out);
  CHECK(k["kind"].as<std::string>() == "Kustomization");
  CHECK(k["generatorOptions"]["disableNameSuffixHash"].as<bool>());
  YAML::Node gen = k["configMapGenerator"];
  REQUIRE(gen.size() == 3);
  // Sorted by path; names are DNS subdomains; the key is the file name.
  CHECK(gen[0]["name"].as<std::string>() == "leaf1-frr.conf");
  CHECK(gen[0]["files"][0].as<std::string>() == "frr.conf=leaf1/frr.conf");
  CHECK(gen[0]["options"]["labels"]["cfgc.dev/device"].as<std::string>() == "leaf1");
  CHECK(gen[1]["name"].as<std::string>() == "spine-config-db.json");
  CHECK(gen[2]["name"].as<std::string>() == "top.txt");
  CHECK(!gen[2]["options"]["labels"]["cfgc.dev/device"]);
}

TEST_CASE("kustomization: two paths making one name") {
  std::vector<OutputFile> clash{{"a/x_y", "", {}}, {"a/x-y", "", {}}};
  Result<std::string> out = deploy::kustomization(clash);
  REQUIRE(!out);
  CHECK(out.error().message == "a/x-y and a/x_y both make the ConfigMap name a-x-y");
}

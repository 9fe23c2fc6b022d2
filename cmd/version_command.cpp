// `cfgc version`: the version, the build and the libraries linked in.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cmd/build_info.h"
#include "cmd/command.h"

namespace cfgc::cli {

Command version_command() {
  Command c{"version", "Print the cfgc version, build type and library versions"};
  c.run = [] {
    fmt::print("cfgc {}\n", kVersion);
    fmt::print("build:    {} ({} {})\n", kBuildType, kCompilerId, kCompilerVersion);
    fmt::print("re2:      {}\n", kRe2Version);
    fmt::print("yaml-cpp: {}\n", kYamlCppVersion);
    fmt::print("fmt:      {}.{}.{}\n", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
    fmt::print("json:     nlohmann {}.{}.{}\n", NLOHMANN_JSON_VERSION_MAJOR,
               NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH);
    fmt::print("CLI11:    {}\n", argument_parser_version());
    return kExitOk;
  };
  return c;
}

}  // namespace cfgc::cli

// `cfgc version`: the version, the build and the libraries linked in.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cmd/build_info.h"
#include "cmd/cli.h"

namespace cfgc::cli {

void add_version_command(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("version", "Print the cfgc version, build type and library versions");
  cmd->callback([&ctx] {
    fmt::print("cfgc {}\n", kVersion);
    fmt::print("build:    {} ({} {})\n", kBuildType, kCompilerId, kCompilerVersion);
    fmt::print("re2:      {}\n", kRe2Version);
    fmt::print("yaml-cpp: {}\n", kYamlCppVersion);
    fmt::print("fmt:      {}.{}.{}\n", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
    fmt::print("json:     nlohmann {}.{}.{}\n", NLOHMANN_JSON_VERSION_MAJOR,
               NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH);
    fmt::print("CLI11:    {}\n", CLI11_VERSION);
    ctx.exit_code = kExitOk;
  });
}

}  // namespace cfgc::cli

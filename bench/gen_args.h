#pragma once
// The command line of the benchmark input generators (cfgc_fabric_gen, cfgc_yaml_gen):
// --devices N and --seed S, as `--name value` or `--name=value`.

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace cfgc::bench {

struct GenArgs {
  uint64_t devices;
  uint64_t seed = 1;
};

// Reads argv into args (devices keeps its default when not given); false, after printing
// the usage line for `program`, on anything else.
inline bool parse_gen_args(int argc, char** argv, const char* program, GenArgs& args) {
  auto number = [](std::string_view s, uint64_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && end == s.data() + s.size();
  };
  auto usage = [&] {
    std::fprintf(stderr, "usage: %s [--devices N] [--seed S]\n", program);
    return false;
  };
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string_view value;
    std::string_view name = a;
    if (auto eq = a.find('='); a.starts_with("--") && eq != std::string_view::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    }
    if (name == "--devices") {
      if (!number(value, args.devices) || args.devices < 1 || args.devices > 1000000)
        return usage();
    } else if (name == "--seed") {
      if (!number(value, args.seed)) return usage();
    } else {
      return usage();
    }
  }
  return true;
}

}  // namespace cfgc::bench

// cfgc_jsonschema_gen: writes a JSON Schema (draft 2020-12) with N definitions to stdout.
//
//   cfgc_jsonschema_gen [--definitions N] [--seed S]
//
// The file is the input of bench/import_bench.sh, which times `cfgc import jsonschema` on it:
// the large schema an API or a device model publishes. Each definition `$defs.Obj<i>` is an
// object with a description and 4 to 11 properties of every kind the importer translates:
// strings with patterns, lengths and formats, bounded integers and numbers, booleans with
// defaults, enums, arrays of `$ref`s to other definitions (references go anywhere, so there are
// cycles), nested objects with their own required list, `oneOf`, `additionalProperties`; a
// `required` list; about one in ten is closed. The root object refers to the first 50
// definitions. About 1 KB per definition (1 MB for the default 1,000). The output depends only
// on the arguments.

#include <fmt/core.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "rng.h"

namespace {

using cfgc::bench::Rng;

constexpr std::string_view kWords[] = {"name",   "mtu",     "vlan",   "speed", "asn",
                                       "peer",   "address", "enable", "role",  "weight",
                                       "policy", "area",    "metric", "label", "owner"};
constexpr std::string_view kFormats[] = {"ipv4", "ipv6", "hostname", "date-time", "uri"};

std::string def_name(int i) { return fmt::format("Obj{:04d}", i); }

std::string ref(int i) { return fmt::format(R"({{"$ref": "#/$defs/{}"}})", def_name(i)); }

// One property's schema (no nested object below depth 1).
std::string property(Rng& rng, int n, int depth) {
  switch (rng.below(depth > 0 ? 8 : 9)) {
    case 0:
      return fmt::format(
          R"({{"type": "string", "pattern": "^[a-z][a-z0-9_-]{{0,{}}}$", "minLength": 1, "maxLength": {}}})",
          10 + rng.below(50), 20 + rng.below(100));
    case 1: return fmt::format(R"({{"type": "string", "format": "{}"}})", kFormats[rng.below(5)]);
    case 2:
      return fmt::format(R"({{"type": "integer", "minimum": {}, "maximum": {}}})", rng.below(10),
                         100 + rng.below(65000));
    case 3:
      return fmt::format(
          R"({{"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5, "default": {}.5}})",
          rng.below(100));
    case 4:
      return fmt::format(R"({{"type": "boolean", "default": {}}})",
                         rng.chance(50) ? "true" : "false");
    case 5: {
      std::string out = R"({"enum": [)";
      int k = 2 + rng.below(5);
      for (int i = 0; i < k; ++i)
        out += fmt::format("{}\"{}-{}\"", i ? ", " : "", kWords[rng.below(15)], i);
      return out + "]}";
    }
    case 6:
      return fmt::format(R"({{"type": "array", "items": {}, "minItems": {}, "uniqueItems": true}})",
                         ref(rng.below(n)), rng.below(3));
    case 7:
      return fmt::format(
          R"({{"oneOf": [{}, {{"type": "string", "maxLength": 64}}, {{"type": "null"}}]}})",
          ref(rng.below(n)));
    default: {  // a nested object; its first property is required
      std::string out = R"({"type": "object", "properties": {)";
      std::string first;
      int k = 2 + rng.below(3);
      for (int i = 0; i < k; ++i) {
        std::string name = fmt::format("{}_{}", kWords[rng.below(15)], i);
        if (i == 0) first = name;
        out += fmt::format("{}\"{}\": {}", i ? ", " : "", name, property(rng, n, depth + 1));
      }
      return out + fmt::format(R"(}}, "required": ["{}"], "additionalProperties": {}}})", first,
                               rng.chance(50) ? "false" : R"({"type": "string"})");
    }
  }
}

std::string definition(int i, int n, Rng& rng) {
  std::string out = fmt::format("    \"{}\": {{\n      \"type\": \"object\",\n", def_name(i));
  out += fmt::format("      \"description\": \"Generated object {} of {}.\",\n", i, n);
  out += "      \"properties\": {\n";
  int k = 4 + rng.below(8);
  std::vector<std::string> names;
  for (int p = 0; p < k; ++p) {
    std::string name = fmt::format("{}{}", kWords[rng.below(15)], p);
    if (rng.chance(10)) name = fmt::format("{}-{}", kWords[rng.below(15)], p);  // needs quoting
    names.push_back(name);
    std::string schema = rng.chance(15) ? ref(rng.below(n)) : property(rng, n, 0);
    out += fmt::format("        \"{}\": {}{}\n", name, schema, p + 1 < k ? "," : "");
  }
  out += "      },\n      \"required\": [";
  for (int p = 0; p < k; p += 2) out += fmt::format("{}\"{}\"", p ? ", " : "", names[p]);
  out += "]";
  if (rng.chance(10)) out += ",\n      \"additionalProperties\": false";
  return out + "\n    }";
}

bool number(std::string_view s, uint64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t n = 1000, seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i], name = a, value;
    if (auto eq = a.find('='); a.starts_with("--") && eq != std::string_view::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    }
    bool ok = name == "--definitions" ? number(value, n) && n >= 1 && n <= 1000000
              : name == "--seed"      ? number(value, seed)
                                      : false;
    if (!ok) {
      std::fprintf(stderr, "usage: %s [--definitions N] [--seed S]\n", argv[0]);
      return 2;
    }
  }
  Rng rng(seed);
  const int count = static_cast<int>(n);
  std::string out;
  out += "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n";
  out += "  \"$id\": \"https://example.invalid/generated.json\",\n";
  out += fmt::format("  \"title\": \"Generated schema with {} definitions\",\n", count);
  out += "  \"type\": \"object\",\n  \"properties\": {\n";
  int roots = count < 50 ? count : 50;
  for (int i = 0; i < roots; ++i) {
    out += fmt::format("    \"item{}\": {}{}\n", i, ref(i), i + 1 < roots ? "," : "");
  }
  out += "  },\n  \"$defs\": {\n";
  for (int i = 0; i < count; ++i) {
    out += definition(i, count, rng);
    out += i + 1 < count ? ",\n" : "\n";
    if (out.size() > (1u << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  out += "  }\n}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

#include "stdlib/docs.h"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <vector>

#include "compiler/eval/builtin.h"
#include "stdlib/catalog.h"

namespace cfgc::stdlib {

namespace {

// `strings.Join(list, string) string`, `math.Pi float`, `net.IPv4(string|bytes|list)`.
std::string signature(const eval::Builtin& b) {
  std::string_view pkg = b.pkg;
  std::string name =
      pkg.empty() ? b.name : fmt::format("{}.{}", pkg.substr(pkg.rfind('/') + 1), b.name);
  bool constant = b.params.empty() && !b.variadic && !b.validator;
  if (constant) return fmt::format("`{} {}`", name, eval::kind_name(b.result));
  std::string params;
  for (size_t i = 0; i < b.params.size(); ++i) {
    if (i) params += ", ";
    params += eval::kind_name(b.params[i]);
    if (b.variadic && i + 1 == b.params.size()) params += "...";
  }
  std::string kind = b.validator ? "validator" : eval::kind_name(b.result);
  return fmt::format("`{}({}) {}`", name, params, kind);
}

}  // namespace

std::string render_reference() {
  std::map<std::string, std::vector<const eval::Builtin*>> by_pkg;
  for (const eval::Builtin* b : eval::all_builtins()) by_pkg[b->pkg].push_back(b);

  std::string out =
      "# Standard library reference\n"
      "\n"
      "<!-- Generated from the builtin registry; do not edit. Regenerate with\n"
      "     CFGC_UPDATE_DOCS=1 build/tests/cfgc_unit_tests -tc='docs/stdlib.md is up to date' -->\n"
      "\n"
      "cfgc implements these packages of CUE's standard library. Import a package by its path\n"
      "(`import \"encoding/yaml\"`) and use it by its last path element (`yaml.Marshal(v)`). Each\n"
      "line gives the parameter kinds and the result kind. A *validator* also stands as a\n"
      "constraint: `net.IPv4` alone, or with its arguments after the first, `strings.MinRunes(3)`; "
      "it\n"
      "checks the value it is unified with. A builtin without parentheses is a constant\n"
      "(`math.Pi`). Entries marked *cfgc* are additions that CUE does not have.\n";
  auto section = [&](const std::vector<const eval::Builtin*>& fns) {
    out += "\n";
    for (const eval::Builtin* b : fns) {
      std::string doc = b->doc;
      if (doc.rfind("cfgc: ", 0) == 0) doc.replace(0, 6, "*cfgc*: ");
      out += fmt::format("- {} — {}\n", signature(*b), doc);
    }
  };
  out += "\n## Predeclared (no import)\n";
  section(by_pkg[""]);
  for (const PackageInfo& p : packages()) {
    std::string summary(p.summary);
    if (!summary.empty())
      summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(summary[0])));
    out += fmt::format("\n## {}\n\n{}.\n", p.path, summary);
    section(by_pkg[std::string(p.path)]);
  }
  return out;
}

}  // namespace cfgc::stdlib

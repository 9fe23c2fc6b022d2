#pragma once
// YANG modules as one CUE package, for `cfgc import yang`. libyang reads and compiles the
// modules (imports, includes, groupings, augments, deviations and features resolved), and the
// compiled schema tree is written as CUE text (docs/yang.md has the mapping table):
//
//   - a definition per container and list entry, named from the node and, where names collide,
//     its ancestors (#Interface, #InterfaceConfig); the file embeds #Root, which holds the
//     top-level nodes of every implemented module, labelled as JSON_IETF does (`"mod:name"`);
//   - a keyed list is a struct keyed by its key (`interface?: [Name=string]: #Interface &
//     {name: Name}`), a keyless list a list, a choice an embedded disjunction of its cases;
//   - leaves carry their type's constraints (ranges, lengths, patterns converted to RE2,
//     enumerations, identities), defaults as CUE defaults and `mandatory` as `name!:`;
//   - descriptions, units, when and must (which CUE does not check; `cfgc vet --yang` does) are
//     comments.
//
// The output is deterministic: the same modules and options give the same bytes.

#include <string>
#include <vector>

#include "compiler/base/result.h"

namespace cfgc::encoding {

struct YangImportOptions {
  std::vector<std::string> search_dirs;  // -p DIR
  std::vector<std::string> modules;      // module names (name or name@revision) or files
  std::vector<std::string> features;     // --features MOD:F,... (MOD:* for all)
  std::string package;                   // default: from the first module's name
  bool config_false = false;             // keep `config false` nodes
};

struct YangImport {
  std::string text;                   // the CUE file (unformatted), package clause included
  std::string package;                // the package name used
  std::vector<std::string> warnings;  // "file:line: message" (patterns not converted, notes)
};

// Reads the modules and writes the package. An error (missing module, syntax error,
// unresolvable import, invalid model) holds one "file:line: message" line per problem.
Result<YangImport> import_yang(const YangImportOptions& opts);

// A YANG pattern (an XSD regular expression, implicitly anchored) as an RE2 expression that
// matches whole strings ("^(...)$"), or an error saying what has no RE2 equivalent.
Result<std::string> yang_pattern_to_re2(std::string_view xsd);

// The definition name (without '#') for a node name: `interface-config` → InterfaceConfig.
std::string yang_camel_name(std::string_view name);

}  // namespace cfgc::encoding

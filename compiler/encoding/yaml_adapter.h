#pragma once
// YAML data files as CUE values. Each YAML document becomes a syntax tree (structs, lists,
// literals) whose nodes carry the YAML byte offsets, so evaluation errors point at the exact
// line and column in the .yaml file. Scalars are typed as CUE reads them (yaml_scalar.h):
// `on`, `yes` and `no` stay strings, 0755 is octal. Aliases are resolved, `<<` merge keys are
// applied, duplicate keys are errors with both positions.
//
// The Ansible modes read YAML the way Ansible does (for `--inventory`): YAML 1.1 scalars
// (yaml11.h), keys typed too (`yes:` is the key "true", `0755:` is "493"), a duplicate key is
// a warning and the last one wins, `!unsafe` marks a plain string and `!vault` an encrypted
// string (the CUE type `string`: its value is unknown).

#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

enum class YamlMode : uint8_t {
  Cue,          // as CUE reads YAML (yaml_scalar.h; the default)
  Ansible,      // YAML 1.1, as Ansible (PyYAML) reads YAML
  AnsibleJson,  // JSON text, which Ansible reads with Python's json module before trying YAML:
                // JSON types; a duplicate key is a warning and the last one wins
};

// One File per document (an empty file gives no documents). On a YAML syntax error, reports
// it with its position and returns what was read before it.
// With `warn_yaml11` (YamlMode::Cue only), every plain scalar that Ansible's YAML 1.1 reads
// differently (on, yes, 0755, 22:30, 1e3…) gets a warning at its position: the same file
// means something else to Ansible.
std::vector<syntax::File*> parse_yaml(Arena& arena, const SourceFile& src, Diagnostics& diags,
                                      YamlMode mode = YamlMode::Cue, bool warn_yaml11 = false);

}  // namespace cfgc::encoding

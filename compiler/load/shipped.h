#pragma once
// The schema and template packages that ship with cfgc (the repository's schemas/ and
// templates/ folders) are one module, imported as `cfgc.dev/...`:
//
//   import "cfgc.dev/schemas/nvue"        → <shipped root>/schemas/nvue
//   import "cfgc.dev/templates/frr"       → <shipped root>/templates/frr
//
// The shipped root is, in order: $CFGC_SHARE_DIR; <prefix>/share/cfgc next to an installed
// binary (<prefix>/bin/cfgc); the source tree the binary was built from. A module can pin
// its own copy in cue.mod/pkg/cfgc.dev/..., which wins. Files under the shipped root are
// named `cfgc.dev/<path>` in messages, whatever the checkout's location.

#include <optional>
#include <string>
#include <string_view>

namespace cfgc::load {

inline constexpr std::string_view kShippedModule = "cfgc.dev";

// The directory holding schemas/ and templates/, or nullopt if none is found.
std::optional<std::string> shipped_root();

// "cfgc.dev/schemas/nvue/nvue.cue" for a path below the shipped root, else nullopt.
std::optional<std::string> shipped_display_name(const std::string& path);

// True if path lies below the shipped root.
bool is_shipped(const std::string& path);

}  // namespace cfgc::load

// Fuzz entry point for what `cfgc push` reads from devices and users: eAPI JSON-RPC replies,
// NVUE revision and error bodies, gNMI path strings, JSON_IETF trees (normalised and
// diffed) and EOS CLI text. Any byte string must be decoded or described, never a crash, a
// sanitizer report or a runaway.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "deploy/push/eapi.h"
#include "deploy/push/gnmi_path.h"
#include "deploy/push/gnmi_tree.h"
#include "deploy/push/nvue.h"
#include "deploy/push/tree_diff.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cfgc::push;
  std::string text(reinterpret_cast<const char*>(data), size);
  EapiReply r = parse_eapi_reply(text, {"enable", "configure session s", "x"});
  if (!r.ok && r.describe().empty()) std::abort();
  std::string state;
  std::vector<std::string> issues;
  (void)nvue_revision_state(text, state, issues);
  (void)nvue_revision_id(text);
  (void)nvue_error_text(text);
  if (cfgc::Result<GnmiPath> p = parse_gnmi_path(text); p.ok()) {
    // A path that parses prints to one that parses to the same path.
    cfgc::Result<GnmiPath> again = parse_gnmi_path(print_gnmi_path(*p));
    if (!again.ok() || print_gnmi_path(*again) != print_gnmi_path(*p)) std::abort();
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_discarded()) {
    nlohmann::json n = normalize_json_ietf(j);
    if (!diff_trees(n, n).empty()) std::abort();
    (void)render_tree_diff(diff_trees(nlohmann::json::object(), n));
    (void)merge_patch(n, j);
  }
  (void)eos_config_commands(text);
  return 0;
}

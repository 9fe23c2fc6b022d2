#pragma once
// NVIDIA Cumulus Linux NVUE REST API (base path /nvue_v1, Basic auth, port 8765 by default):
// the pieces the push of a device needs, decoded without a device so they are unit tested.
//
//   GET    /nvue_v1/?rev=applied                  the configuration the device runs
//   POST   /nvue_v1/revision                      a new revision: {"<id>": {...}}
//   DELETE /nvue_v1/?rev=<id>                     empty the revision (replace mode)
//   PATCH  /nvue_v1/?rev=<id>                     merge the desired tree into it
//   PATCH  /nvue_v1/revision/<id>                 {"state":"apply","auto-prompt":{"ays":"ays_yes"}}
//   GET    /nvue_v1/revision/<id>                 poll until "applied" or a failure state
//
// Revision ids contain '/' (changeset/admin/2026-...): they are URL-encoded in paths and
// queries.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfgc::push {

// The id of the revision a POST /nvue_v1/revision created, or nullopt.
std::optional<std::string> nvue_revision_id(std::string_view body);

// The body that applies a revision without interactive prompts.
std::string nvue_apply_request();

enum class RevisionState { InProgress, Applied, Failed };

// A revision's state from GET /nvue_v1/revision/<id>: `state` is set to the device's word for
// it and `issues` to the messages of transition.issue (on failure).
RevisionState nvue_revision_state(std::string_view body, std::string& state, std::vector<std::string>& issues);

// NVUE's error bodies ({"title": ..., "detail": ...}) as one line.
std::string nvue_error_text(std::string_view body);

}  // namespace cfgc::push

#include "deploy/push/nvue.h"

#include <algorithm>

namespace cfgc::push {

std::optional<std::string> nvue_revision_id(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.empty()) return std::nullopt;
  // {"changeset/admin/2026-12-07_13.01.02_AB12": {"state": "pending", ...}}
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.value().is_object()) return it.key();
  }
  return std::nullopt;
}

std::string nvue_apply_request() {
  return nlohmann::json{{"state", "apply"}, {"auto-prompt", {{"ays", "ays_yes"}}}}.dump();
}

namespace {

void collect_messages(const nlohmann::json& j, std::vector<std::string>& out) {
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
  } else if (j.is_object()) {
    if (auto m = j.find("message"); m != j.end() && m->is_string()) {
      out.push_back(m->get<std::string>());
      return;
    }
    for (const auto& x : j) collect_messages(x, out);
  } else if (j.is_array()) {
    for (const auto& x : j) collect_messages(x, out);
  }
}

}  // namespace

RevisionState nvue_revision_state(std::string_view body, std::string& state, std::vector<std::string>& issues) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  state.clear();
  issues.clear();
  if (j.is_discarded() || !j.is_object()) {
    state = "unreadable reply";
    return RevisionState::Failed;
  }
  // Some releases wrap the revision in {"<id>": {...}}.
  if (!j.contains("state") && j.size() == 1 && j.begin()->is_object()) j = *j.begin();
  state = j.value("state", std::string());
  if (auto t = j.find("transition"); t != j.end() && t->is_object()) {
    if (auto i = t->find("issue"); i != t->end()) collect_messages(*i, issues);
  }
  if (state == "applied") return RevisionState::Applied;
  static const char* failed[] = {"invalid", "ays_no", "confirm_no", "abandoned"};
  if (state.ends_with("_fail") || std::find(std::begin(failed), std::end(failed), state) != std::end(failed)) {
    return RevisionState::Failed;
  }
  if (state.empty()) {
    state = "no state in reply";
    return RevisionState::Failed;
  }
  return RevisionState::InProgress;  // apply, applying, pending, ays_yes, confirm_yes, ...
}

std::string nvue_error_text(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    std::string title = j.value("title", std::string());
    std::string detail = j.value("detail", std::string());
    if (!title.empty() || !detail.empty()) return title.empty() ? detail : detail.empty() ? title : title + ": " + detail;
  }
  std::string head(body.substr(0, 200));
  std::replace(head.begin(), head.end(), '\n', ' ');
  return head;
}

}  // namespace cfgc::push

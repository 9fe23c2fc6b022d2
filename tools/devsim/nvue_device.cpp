#include "nvue_device.h"

#include <fmt/format.h>

#include <ctime>

namespace cfgc::devsim {

using nlohmann::json;

NvueDevice::NvueDevice(std::string name, std::function<Clock::time_point()> clock)
    : name_(std::move(name)), clock_(std::move(clock)) {
  applied_ = {{"system", {{"hostname", name_}}}};
  startup_ = applied_;
}

void NvueDevice::set_applied(json tree) {
  std::lock_guard lock(mu_);
  applied_ = std::move(tree);
  startup_ = applied_;
}

json NvueDevice::tree_of(const Revision& r) const {
  json tree = applied_;
  for (const auto& op : r.ops) {
    if (op.remove) {
      nvue_delete(tree, op.path);
    } else {
      nvue_patch(tree, op.path, op.doc);
    }
  }
  return tree;
}

void NvueDevice::advance(Revision& r) {
  if (r.state != "apply" && r.state != "applying") return;
  auto now = clock_();
  if (now < r.apply_at + kApplyStep) return;
  if (now < r.apply_at + kApplyStep + kApplyingTime) {
    r.state = "applying";
    r.progress = "Applying configuration";
    return;
  }
  json tree = tree_of(r);
  std::vector<NvueIssue> issues = nvue_validate(tree);
  for (const auto& op : r.ops) {
    if (!op.remove) {
      auto rejected = nvue_rejected(op.doc, op.path, r.faults);
      issues.insert(issues.end(), rejected.begin(), rejected.end());
    }
  }
  r.issue = json::object();
  if (!issues.empty()) {
    for (size_t i = 0; i < issues.size(); ++i) {
      r.issue[std::to_string(i)] = {{"code", "config_invalid"},
                                    {"severity", "error"},
                                    {"message", issues[i].message},
                                    {"data", {{"path", issues[i].path}}}};
    }
    r.state = "invalid";
    r.progress = "Invalid config";
    return;
  }
  auto sub = [](const json& t, std::initializer_list<const char*> keys) {
    NvuePath p(keys.begin(), keys.end());
    return nvue_get(t, p).value_or(json());
  };
  bool touches_mgmt = sub(tree, {"interface", "eth0"}) != sub(applied_, {"interface", "eth0"}) ||
                      sub(tree, {"vrf", "mgmt"}) != sub(applied_, {"vrf", "mgmt"});
  if (touches_mgmt && !r.ays_yes) {
    r.issue["0"] = {{"code", "ays"},
                    {"severity", "warning"},
                    {"message", "The management interface configuration (eth0, vrf mgmt) is changed; "
                                "connections through it may be interrupted. Are you sure?"}};
    r.state = "ays_fail";
    r.progress = "Aborted apply after warnings";
    return;
  }
  if (r.faults.has(FaultKind::ApplyFail)) {
    r.issue["0"] = {{"code", "apply_fail"},
                    {"severity", "error"},
                    {"message", "Apply failed: an error occurred while applying the configuration (simulated)"}};
    r.state = "apply_fail";
    r.progress = "Apply failed";
    return;
  }
  applied_ = std::move(tree);
  startup_ = applied_;  // Cumulus Linux 5.9+ saves on apply
  r.state = "applied";
  r.progress = "";
}

json NvueDevice::revision_json(Revision& r) {
  advance(r);
  return {{"state", r.state}, {"transition", {{"issue", r.issue}, {"progress", r.progress}}}};
}

json NvueDevice::describe() {
  std::lock_guard lock(mu_);
  json revs = json::array();
  for (const auto& id : order_) {
    auto& r = revisions_.at(id);
    advance(r);
    revs.push_back({{"id", id}, {"state", r.state}});
  }
  return {{"name", name_}, {"kind", "nvue"}, {"applied", applied_}, {"startup", startup_}, {"revisions", revs}};
}

std::string NvueDevice::new_revision_id(const std::string& user) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d_%H.%M.%S", &tm);
  for (;;) {
    unsigned x = ++counter_ * 2654435761u ^ static_cast<unsigned>(std::hash<std::string>{}(name_));
    std::string suffix;
    for (int i = 0; i < 4; ++i) {
      suffix += kAlphabet[x % 36];
      x /= 36;
    }
    std::string id = fmt::format("changeset/{}/{}_{}", user, stamp, suffix);
    if (!revisions_.count(id)) return id;
  }
}

HttpReply NvueDevice::handle_revision(const std::string& method, const NvuePath& path, std::string_view body,
                                      const FaultSet& faults, const std::string& user) {
  if (path.size() == 1) {
    if (method == "GET") {
      json out = json::object();
      for (const auto& id : order_) out[id] = revision_json(revisions_.at(id));
      return HttpReply::json(200, out);
    }
    if (method == "POST") {
      std::string id = new_revision_id(user);
      revisions_[id] = Revision{};
      order_.push_back(id);
      return HttpReply::json(200, {{id, revision_json(revisions_[id])}});
    }
    return HttpReply::problem(405, "Method " + method + " is not allowed on /nvue_v1/revision");
  }
  std::string id;
  for (size_t i = 1; i < path.size(); ++i) id += (i > 1 ? "/" : "") + path[i];
  auto it = revisions_.find(id);
  if (it == revisions_.end()) return HttpReply::problem(404, "Revision '" + id + "' not found");
  Revision& r = it->second;
  if (method == "GET") return HttpReply::json(200, revision_json(r));
  if (method == "DELETE") {
    advance(r);
    if (r.state == "apply" || r.state == "applying")
      return HttpReply::problem(409, "Revision '" + id + "' is being applied");
    revisions_.erase(it);
    std::erase(order_, id);
    return HttpReply::json(200, json::object());
  }
  if (method != "PATCH") return HttpReply::problem(405, "Method " + method + " is not allowed on a revision");
  json req;
  try {
    req = json::parse(body);
  } catch (const json::exception& e) {
    return HttpReply::problem(400, std::string("Request body is not valid JSON: ") + e.what());
  }
  if (!req.is_object() || req.value("state", json()) != "apply") {
    return HttpReply::problem(400, "Expected {\"state\": \"apply\", \"auto-prompt\": {\"ays\": \"ays_yes\"}}");
  }
  advance(r);
  if (r.state != "pending") {
    return HttpReply::problem(409, "Revision '" + id + "' cannot be applied: it is in state '" + r.state + "'");
  }
  r.ays_yes = req.contains("auto-prompt") && req["auto-prompt"].is_object() &&
              req["auto-prompt"].value("ays", json()) == "ays_yes";
  r.faults = faults;
  r.state = "apply";
  r.progress = "";
  r.apply_at = clock_();
  return HttpReply::json(200, revision_json(r));
}

HttpReply NvueDevice::handle(const std::string& method, const NvuePath& path, const std::optional<std::string>& rev,
                             std::string_view body, const FaultSet& faults, const std::string& user) {
  std::lock_guard lock(mu_);
  if (!path.empty() && path[0] == "revision") return handle_revision(method, path, body, faults, user);

  std::string where = "/nvue_v1/" + nvue_path_string(path);
  Revision* r = nullptr;
  std::string rid = rev.value_or("applied");
  if (rid != "applied" && rid != "operational" && rid != "startup") {
    auto it = revisions_.find(rid);
    if (it == revisions_.end()) return HttpReply::problem(404, "Revision '" + rid + "' not found");
    r = &it->second;
    advance(*r);
  }
  if (method == "GET") {
    json tree = r ? tree_of(*r) : rid == "startup" ? startup_ : applied_;
    auto sub = nvue_get(tree, path);
    if (!sub) return HttpReply::problem(404, "The resource " + where + " was not found at revision '" + rid + "'");
    return HttpReply::json(200, *sub);
  }
  if (method != "PATCH" && method != "DELETE") {
    return HttpReply::problem(405, "Method " + method + " is not allowed on " + where);
  }
  if (!rev) return HttpReply::problem(400, "A pending revision must be given with ?rev=<revision id>");
  if (!r) return HttpReply::problem(400, "Revision '" + rid + "' cannot be changed; create a revision first");
  if (r->state != "pending") {
    return HttpReply::problem(409, "Revision '" + rid + "' is in state '" + r->state + "'; only a pending revision can be changed");
  }
  if (method == "DELETE") {
    r->ops.push_back({true, path, json()});
    return HttpReply::json(200, json::object());
  }
  json doc;
  try {
    doc = json::parse(body);
  } catch (const json::exception& e) {
    return HttpReply::problem(400, std::string("Request body is not valid JSON: ") + e.what());
  }
  r->ops.push_back({false, path, doc});
  return HttpReply::json(200, nvue_get(tree_of(*r), path).value_or(json::object()));
}

}  // namespace cfgc::devsim

#include "gnmi_device.h"

#include <fmt/format.h>

#include <cmath>

#include "gnmi_ext.pb.h"

namespace cfgc::devsim {

using nlohmann::json;

namespace {

grpc::Status status(grpc::StatusCode code, std::string message) { return grpc::Status(code, std::move(message)); }

grpc::Status tree_status(const TreeResult& r, const std::string& what) {
  auto code = r.code == TreeCode::NotFound ? grpc::StatusCode::NOT_FOUND : grpc::StatusCode::INVALID_ARGUMENT;
  return status(code, what + ": " + r.message);
}

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const char* encoding_name(int e) {
  switch (e) {
    case gnmi::JSON: return "JSON";
    case gnmi::BYTES: return "BYTES";
    case gnmi::PROTO: return "PROTO";
    case gnmi::ASCII: return "ASCII";
    case gnmi::JSON_IETF: return "JSON_IETF";
    default: return "unknown";
  }
}

std::string organization_of(std::string_view name) {
  if (name.starts_with("ietf-")) return "IETF NETMOD (Network Modeling) Working Group";
  if (name.starts_with("iana-")) return "IANA";
  if (name.starts_with("openconfig-")) return "OpenConfig working group";
  return "";
}

// A scalar TypedValue (or leaf-list of them) as JSON.
std::optional<json> scalar_value(const gnmi::TypedValue& v) {
  switch (v.value_case()) {
    case gnmi::TypedValue::kStringVal: return json(v.string_val());
    case gnmi::TypedValue::kAsciiVal: return json(v.ascii_val());
    case gnmi::TypedValue::kIntVal: return json(v.int_val());
    case gnmi::TypedValue::kUintVal: return json(v.uint_val());
    case gnmi::TypedValue::kBoolVal: return json(v.bool_val());
    case gnmi::TypedValue::kDoubleVal: return json(v.double_val());
    case gnmi::TypedValue::kDecimalVal:
      return json(static_cast<double>(v.decimal_val().digits()) / std::pow(10.0, v.decimal_val().precision()));
    default: return std::nullopt;
  }
}

// The value of an Update as JSON; an error status when it cannot be used.
grpc::Status decode_value(const gnmi::Update& u, const FaultSet& faults, const std::string& where, json* out) {
  const gnmi::TypedValue& v = u.val();
  std::string text;
  switch (v.value_case()) {
    case gnmi::TypedValue::kJsonIetfVal:
      if (faults.has(FaultKind::NoJsonIetf))
        return status(grpc::StatusCode::UNIMPLEMENTED, where + ": the JSON_IETF encoding is not supported by this target");
      text = v.json_ietf_val();
      break;
    case gnmi::TypedValue::kJsonVal:
      text = v.json_val();
      break;
    case gnmi::TypedValue::kLeaflistVal: {
      json arr = json::array();
      for (const auto& e : v.leaflist_val().element()) {
        auto s = scalar_value(e);
        if (!s) return status(grpc::StatusCode::INVALID_ARGUMENT, where + ": a leaf-list value holds a non-scalar element");
        arr.push_back(*s);
      }
      *out = std::move(arr);
      return grpc::Status::OK;
    }
    case gnmi::TypedValue::VALUE_NOT_SET:
      return status(grpc::StatusCode::INVALID_ARGUMENT, where + ": the update has no value");
    case gnmi::TypedValue::kBytesVal:
      return status(grpc::StatusCode::UNIMPLEMENTED, where + ": bytes values are not supported by this target");
    default: {
      auto s = scalar_value(v);
      if (!s) return status(grpc::StatusCode::UNIMPLEMENTED, where + ": this value type is not supported");
      *out = std::move(*s);
      return grpc::Status::OK;
    }
  }
  try {
    *out = json::parse(text);
  } catch (const json::exception& e) {
    return status(grpc::StatusCode::INVALID_ARGUMENT, where + ": the value is not valid JSON: " + e.what());
  }
  return grpc::Status::OK;
}

std::optional<std::chrono::milliseconds> duration_of(const google::protobuf::Duration& d) {
  if (d.seconds() < 0 || d.nanos() < 0) return std::nullopt;
  return std::chrono::milliseconds(d.seconds() * 1000 + d.nanos() / 1000000);
}

}  // namespace

std::vector<GnmiModel> default_gnmi_models() {
  return {{"ietf-interfaces", organization_of("ietf-interfaces"), "2018-02-20"},
          {"ietf-ip", organization_of("ietf-ip"), "2018-02-22"},
          {"iana-if-type", organization_of("iana-if-type"), "2023-01-26"},
          {"openconfig-interfaces", organization_of("openconfig-interfaces"), "3.7.1"}};
}

std::optional<GnmiModel> parse_gnmi_model(std::string_view text, std::string* error) {
  auto at = text.find('@');
  GnmiModel m;
  m.name = std::string(text.substr(0, at));
  if (at != std::string_view::npos) m.version = std::string(text.substr(at + 1));
  if (m.name.empty() || m.name.find_first_of(" ,:/") != std::string::npos) {
    *error = "bad model name '" + std::string(text) + "' (expected NAME or NAME@VERSION)";
    return std::nullopt;
  }
  m.organization = organization_of(m.name);
  return m;
}

GnmiDevice::GnmiDevice(std::string name, std::vector<GnmiModel> models, std::function<Clock::time_point()> clock)
    : name_(std::move(name)), models_(std::move(models)), clock_(std::move(clock)), tree_(default_tree()) {}

json GnmiDevice::default_tree() {
  return {{"ietf-interfaces:interfaces",
           {{"interface", json::array({{{"name", "eth0"}, {"type", "iana-if-type:ethernetCsmacd"}, {"enabled", true}}})}}}};
}

void GnmiDevice::expire_locked() {
  if (pending_ && clock_() >= pending_->deadline) {
    tree_ = std::move(pending_->before);
    pending_.reset();
    ++rollbacks_;
  }
}

std::optional<GnmiDevice::Clock::time_point> GnmiDevice::hang_until() {
  std::lock_guard lock(mu_);
  expire_locked();
  if (pending_ && pending_->die) return pending_->deadline;
  return std::nullopt;
}

json GnmiDevice::describe() {
  std::lock_guard lock(mu_);
  expire_locked();
  json pending = nullptr;
  if (pending_) {
    pending = {{"id", pending_->id},
               {"expires_in_s", std::chrono::duration<double>(pending_->deadline - clock_()).count()}};
  }
  return {{"name", name_}, {"kind", "gnmi"},       {"tree", tree_},
          {"pending_commit", pending}, {"sets", sets_}, {"rollbacks", rollbacks_}};
}

std::string GnmiDevice::seed(const json& tree) {
  auto r = gnmi_check_value(tree, true);
  if (!r.ok()) return r.message;
  std::lock_guard lock(mu_);
  tree_ = tree;
  pending_.reset();
  return "";
}

grpc::Status GnmiDevice::capabilities(const gnmi::CapabilityRequest&, gnmi::CapabilityResponse* resp,
                                      const FaultSet& faults) {
  for (const auto& m : models_) {
    auto* md = resp->add_supported_models();
    md->set_name(m.name);
    md->set_organization(m.organization);
    md->set_version(m.version);
  }
  resp->add_supported_encodings(gnmi::JSON);
  if (!faults.has(FaultKind::NoJsonIetf)) resp->add_supported_encodings(gnmi::JSON_IETF);
  resp->set_gnmi_version("0.10.0");
  // The commit-confirmed extension is advertised as one Extension whose `commit` is set
  // (an empty Commit message).
  if (!faults.has(FaultKind::NoCommitConfirm)) resp->add_extension()->mutable_commit();
  return grpc::Status::OK;
}

grpc::Status GnmiDevice::to_path(const gnmi::Path* prefix, const gnmi::Path& path, GnmiPath* out) const {
  out->clear();
  for (const gnmi::Path* p : {prefix, &path}) {
    if (!p) continue;
    const std::string& origin = p->origin();
    if (!origin.empty() && origin != "openconfig" && origin != "rfc7951") {
      bool model = false;
      for (const auto& m : models_) model = model || m.name == origin;
      if (!model) {
        return status(grpc::StatusCode::INVALID_ARGUMENT,
                      "origin '" + origin + "' is not supported (use \"\", \"openconfig\" or \"rfc7951\")");
      }
    }
    for (const auto& e : p->elem()) {
      GnmiElem g;
      g.name = e.name();
      for (const auto& [k, v] : e.key()) g.keys[k] = v;
      out->push_back(std::move(g));
    }
  }
  return grpc::Status::OK;
}

grpc::Status GnmiDevice::get(const gnmi::GetRequest& req, gnmi::GetResponse* resp, const FaultSet& faults) {
  int enc = req.encoding();
  if (enc != gnmi::JSON && enc != gnmi::JSON_IETF) {
    if (!gnmi::Encoding_IsValid(enc))
      return status(grpc::StatusCode::INVALID_ARGUMENT, fmt::format("unknown encoding {}", enc));
    return status(grpc::StatusCode::UNIMPLEMENTED,
                  fmt::format("encoding {} is not supported (use JSON_IETF or JSON)", encoding_name(enc)));
  }
  if (enc == gnmi::JSON_IETF && faults.has(FaultKind::NoJsonIetf))
    return status(grpc::StatusCode::UNIMPLEMENTED, "encoding JSON_IETF is not supported by this target (use JSON)");
  if (req.type() != gnmi::GetRequest::ALL && req.type() != gnmi::GetRequest::CONFIG) {
    if (!gnmi::GetRequest::DataType_IsValid(req.type()))
      return status(grpc::StatusCode::INVALID_ARGUMENT, fmt::format("unknown data type {}", static_cast<int>(req.type())));
    return status(grpc::StatusCode::UNIMPLEMENTED, "cfgc-devsim holds configuration only: use type CONFIG or ALL");
  }
  std::vector<gnmi::Path> paths(req.path().begin(), req.path().end());
  if (paths.empty()) paths.emplace_back();  // just the prefix
  const gnmi::Path* prefix = req.has_prefix() ? &req.prefix() : nullptr;
  std::lock_guard lock(mu_);
  expire_locked();
  for (const auto& p : paths) {
    GnmiPath full;
    if (auto s = to_path(prefix, p, &full); !s.ok()) return s;
    json value;
    auto r = gnmi_get(tree_, full, &value);
    if (!r.ok()) return tree_status(r, "get " + gnmi_path_string(full));
    auto* n = resp->add_notification();
    n->set_timestamp(now_ns());
    if (prefix) *n->mutable_prefix() = *prefix;
    auto* u = n->add_update();
    *u->mutable_path() = p;
    if (enc == gnmi::JSON_IETF) {
      u->mutable_val()->set_json_ietf_val(value.dump());
    } else {
      u->mutable_val()->set_json_val(value.dump());
    }
  }
  return grpc::Status::OK;
}

grpc::Status GnmiDevice::apply(const gnmi::SetRequest& req, gnmi::SetResponse* resp, const FaultSet& faults,
                               json* tree) {
  const gnmi::Path* prefix = req.has_prefix() ? &req.prefix() : nullptr;
  for (const auto& p : req.delete_()) {
    GnmiPath full;
    if (auto s = to_path(prefix, p, &full); !s.ok()) return s;
    std::string what = "delete " + gnmi_path_string(full);
    if (auto m = gnmi_rejected(full, nullptr, faults)) return status(grpc::StatusCode::ABORTED, what + ": " + *m);
    if (auto r = gnmi_delete(*tree, full); !r.ok()) return tree_status(r, what);
    auto* res = resp->add_response();
    *res->mutable_path() = p;
    res->set_op(gnmi::UpdateResult::DELETE);
  }
  for (int pass = 0; pass < 2; ++pass) {
    bool replace = pass == 0;
    const auto& ops = replace ? req.replace() : req.update();
    for (const auto& u : ops) {
      GnmiPath full;
      if (auto s = to_path(prefix, u.path(), &full); !s.ok()) return s;
      std::string what = std::string(replace ? "replace " : "update ") + gnmi_path_string(full);
      json value;
      if (auto s = decode_value(u, faults, what, &value); !s.ok()) return s;
      if (auto m = gnmi_rejected(full, &value, faults)) return status(grpc::StatusCode::ABORTED, what + ": " + *m);
      auto r = replace ? gnmi_replace(*tree, full, value) : gnmi_update(*tree, full, value);
      if (!r.ok()) return tree_status(r, what);
      auto* res = resp->add_response();
      *res->mutable_path() = u.path();
      res->set_op(replace ? gnmi::UpdateResult::REPLACE : gnmi::UpdateResult::UPDATE);
    }
  }
  return grpc::Status::OK;
}

grpc::Status GnmiDevice::commit_action(const gnmi::SetRequest& req, const gnmi_ext::Commit& commit,
                                       gnmi::SetResponse* resp, const FaultSet& faults) {
  if (commit.id().empty()) return status(grpc::StatusCode::INVALID_ARGUMENT, "the commit extension needs an id");
  bool has_ops = req.delete__size() + req.replace_size() + req.update_size() > 0;
  auto now = clock_();
  switch (commit.action_case()) {
    case gnmi_ext::Commit::kCommit: {
      if (pending_) {
        return status(grpc::StatusCode::FAILED_PRECONDITION,
                      "commit '" + pending_->id + "' is waiting for confirmation; confirm or cancel it first");
      }
      auto rollback = std::chrono::duration_cast<std::chrono::milliseconds>(kDefaultRollback);
      if (commit.commit().has_rollback_duration()) {
        auto d = duration_of(commit.commit().rollback_duration());
        if (!d) return status(grpc::StatusCode::INVALID_ARGUMENT, "rollback_duration must not be negative");
        if (d->count() > 0) rollback = *d;
      }
      json tree = tree_;
      if (auto s = apply(req, resp, faults, &tree); !s.ok()) return s;
      pending_ = Pending{commit.id(), std::move(tree_), now + rollback, faults.has(FaultKind::DieAfterCommit)};
      tree_ = std::move(tree);
      return grpc::Status::OK;
    }
    case gnmi_ext::Commit::kConfirm:
    case gnmi_ext::Commit::kCancel:
    case gnmi_ext::Commit::kSetRollbackDuration: {
      const char* action = commit.has_confirm() ? "confirm" : commit.has_cancel() ? "cancel" : "set_rollback_duration";
      if (has_ops) {
        return status(grpc::StatusCode::INVALID_ARGUMENT,
                      std::string("a commit ") + action + " must not carry delete, replace or update operations");
      }
      if (!pending_) {
        return status(grpc::StatusCode::FAILED_PRECONDITION,
                      std::string("no commit is waiting for confirmation (") + action + " '" + commit.id() + "')");
      }
      if (pending_->id != commit.id()) {
        return status(grpc::StatusCode::INVALID_ARGUMENT,
                      "commit id '" + commit.id() + "' does not match the pending commit '" + pending_->id + "'");
      }
      if (commit.has_confirm()) {
        pending_.reset();
      } else if (commit.has_cancel()) {
        tree_ = std::move(pending_->before);
        pending_.reset();
      } else {
        std::optional<std::chrono::milliseconds> d;
        if (commit.set_rollback_duration().has_rollback_duration())
          d = duration_of(commit.set_rollback_duration().rollback_duration());
        if (!d || d->count() <= 0)
          return status(grpc::StatusCode::INVALID_ARGUMENT, "set_rollback_duration needs a rollback_duration above 0");
        pending_->deadline = now + *d;
      }
      return grpc::Status::OK;
    }
    default:
      return status(grpc::StatusCode::INVALID_ARGUMENT,
                    "the commit extension needs an action (commit, confirm, cancel or set_rollback_duration)");
  }
}

grpc::Status GnmiDevice::set(const gnmi::SetRequest& req, gnmi::SetResponse* resp, const FaultSet& faults) {
  const gnmi_ext::Commit* commit = nullptr;
  for (const auto& ext : req.extension()) {
    if (!ext.has_commit()) continue;
    if (commit) return status(grpc::StatusCode::INVALID_ARGUMENT, "more than one commit extension");
    commit = &ext.commit();
  }
  if (commit && faults.has(FaultKind::NoCommitConfirm)) {
    return status(grpc::StatusCode::UNIMPLEMENTED, "the commit-confirmed extension is not supported by this target");
  }
  std::lock_guard lock(mu_);
  expire_locked();
  grpc::Status s;
  if (commit) {
    s = commit_action(req, *commit, resp, faults);
  } else if (pending_) {
    s = status(grpc::StatusCode::FAILED_PRECONDITION,
               "commit '" + pending_->id + "' is waiting for confirmation; a Set without the commit extension is refused");
  } else {
    json tree = tree_;
    s = apply(req, resp, faults, &tree);
    if (s.ok()) tree_ = std::move(tree);
  }
  if (!s.ok()) {
    resp->Clear();
    return s;
  }
  if (req.has_prefix()) *resp->mutable_prefix() = req.prefix();
  resp->set_timestamp(now_ns());
  ++sets_;
  return grpc::Status::OK;
}

}  // namespace cfgc::devsim

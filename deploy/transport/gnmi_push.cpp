// The push of one gNMI target: Capabilities (JSON_IETF and the payload's models supported?),
// Get of the roots the payload covers, a diff with lists matched by key, one Set carrying
// every replace (or update), a second Get to verify, then confirm. With the commit-confirmed
// extension the Set is a confirmed commit that the target reverts by itself unless confirmed;
// without it, a failure after the Set replaces the roots with what the first Get read.
#include <fmt/core.h>
#include <google/protobuf/duration.pb.h>

#include <algorithm>
#include <memory>
#include <set>

#include "deploy/transport/gnmi_client.h"
#include "deploy/push/gnmi_path.h"
#include "deploy/push/gnmi_tree.h"
#include "deploy/push/push_job.h"
#include "deploy/push/tree_diff.h"

namespace cfgc::push {

namespace {

using nlohmann::json;

// "/ietf-interfaces:interfaces" for the top-level member "ietf-interfaces:interfaces".
gnmi::Path root_path(const std::string& member) {
  gnmi::Path p;
  p.add_elem()->set_name(member);
  return p;
}

std::string module_of(const std::string& member) { return member.substr(0, member.find(':')); }

struct GetResult {
  GnmiStatus status;
  json tree = json::object();  // root member → its value (absent roots left out)
};

using GetAnswer = std::pair<GnmiStatus, gnmi::GetResponse>;
using SetAnswer = std::pair<GnmiStatus, gnmi::SetResponse>;
using CapsAnswer = std::pair<GnmiStatus, gnmi::CapabilityResponse>;

// Awaitable answers of the target's RPCs, on the push loop's thread.
HttpClient::CallbackAwaiter<CapsAnswer> capabilities(HttpClient& loop,
                                                     std::shared_ptr<GnmiTarget> t) {
  return loop.called_back<CapsAnswer>([t](std::function<void(CapsAnswer)> done) {
    t->capabilities([done](GnmiStatus s, gnmi::CapabilityResponse r) { done({s, std::move(r)}); });
  });
}
HttpClient::CallbackAwaiter<GetAnswer> get(HttpClient& loop, std::shared_ptr<GnmiTarget> t,
                                           gnmi::GetRequest req) {
  return loop.called_back<GetAnswer>([t, req](std::function<void(GetAnswer)> done) {
    t->get(req, [done](GnmiStatus s, gnmi::GetResponse r) { done({s, std::move(r)}); });
  });
}
HttpClient::CallbackAwaiter<SetAnswer> set(HttpClient& loop, std::shared_ptr<GnmiTarget> t,
                                           gnmi::SetRequest req) {
  return loop.called_back<SetAnswer>([t, req](std::function<void(SetAnswer)> done) {
    t->set(req, [done](GnmiStatus s, gnmi::SetResponse r) { done({s, std::move(r)}); });
  });
}

Task<GetResult> read_roots(HttpClient& loop, std::shared_ptr<GnmiTarget> t,
                           std::vector<std::string> roots) {
  GetResult r;
  // One Get per root: a root the target does not have yet is NOT_FOUND, not an error.
  for (const std::string& root : roots) {
    gnmi::GetRequest req;
    *req.add_path() = root_path(root);
    req.set_encoding(gnmi::JSON_IETF);
    req.set_type(gnmi::GetRequest::CONFIG);
    // Named, not a temporary: GCC 12 destroys temporaries of a co_await expression twice.
    auto wait = get(loop, t, std::move(req));
    auto [s, resp] = co_await wait;
    if (!s.ok && s.code == "NOT_FOUND") continue;
    if (!s.ok) {
      r.status = s;
      co_return r;
    }
    for (const auto& n : resp.notification()) {
      for (const auto& u : n.update()) {
        const gnmi::TypedValue& v = u.val();
        std::string text = v.has_json_ietf_val() ? v.json_ietf_val() : v.has_json_val() ? v.json_val() : "";
        json value = json::parse(text, nullptr, false);
        if (value.is_discarded()) {
          r.status = GnmiStatus{false, "INVALID_RESPONSE", fmt::format("the value at {} is not JSON", root)};
          co_return r;
        }
        // The value is the root's contents; some targets wrap it in the root member itself.
        if (value.is_object() && value.size() == 1 && value.contains(root)) value = value[root];
        r.tree[root] = value;
      }
    }
  }
  co_return r;
}

gnmi_ext::Extension commit_extension(const std::string& id) {
  gnmi_ext::Extension e;
  e.mutable_commit()->set_id(id);
  return e;
}

}  // namespace

Task<void> push_gnmi(JobContext& ctx, const DeviceSpec& dev, DeviceResult& res) {
  auto leave = [&](bool ok) {
    if (ctx.gate) ctx.gate->leave(ok);
  };
  auto fail = [&](std::string_view step, std::string why) {
    res.outcome = Outcome::Failed;
    res.failed_step = std::string(step);
    res.error = std::move(why);
  };
  GnmiTargetOptions to;
  to.address = dev.url;
  to.plaintext = dev.plaintext;
  to.verify = dev.tls.verify;
  to.ca_file = dev.tls.ca_file;
  to.username = dev.username;
  to.password = dev.password;
  to.timeout_ms = ctx.opts.request_timeout_ms;
  auto target = std::make_shared<GnmiTarget>(to);
  std::vector<std::string> roots;
  for (auto it = dev.json_ietf.begin(); it != dev.json_ietf.end(); ++it) roots.push_back(it.key());

  // 1. What the target speaks.
  ctx.progress(res, "capabilities");
  // Named, not temporaries: GCC 12 destroys temporaries of a co_await expression twice.
  auto wait3 = capabilities(ctx.http, target);
  auto caps = co_await wait3;
  res.requests++;
  if (!caps.first.ok) {
    fail("capabilities", "gNMI Capabilities: " + caps.first.text());
    leave(false);
    co_return;
  }
  const gnmi::CapabilityResponse& cr = caps.second;
  if (std::find(cr.supported_encodings().begin(), cr.supported_encodings().end(), gnmi::JSON_IETF) ==
      cr.supported_encodings().end()) {
    std::string offered;
    for (int e : cr.supported_encodings()) offered += (offered.empty() ? "" : ", ") + gnmi::Encoding_Name(e);
    fail("capabilities", fmt::format("the target does not support the JSON_IETF encoding (it offers: {})",
                                     offered.empty() ? "nothing" : offered));
    leave(false);
    co_return;
  }
  std::set<std::string> models;
  for (const auto& m : cr.supported_models()) models.insert(m.name());
  std::string missing;
  for (const std::string& r : roots) {
    std::string mod = module_of(r);
    if (!models.count(mod) && missing.find(mod) == std::string::npos) missing += (missing.empty() ? "" : ", ") + mod;
  }
  if (!missing.empty()) {
    fail("capabilities", fmt::format("the target does not support the model(s) the configuration uses: {}", missing));
    leave(false);
    co_return;
  }
  bool confirmed_commit = std::any_of(cr.extension().begin(), cr.extension().end(),
                                      [](const gnmi_ext::Extension& e) { return e.has_commit(); });

  // 2. What runs, and the difference.
  ctx.progress(res, "reading");
  // Named, not temporaries: GCC 12 destroys temporaries of a co_await expression twice.
  auto wait1 = read_roots(ctx.http, target, roots);
  GetResult before = co_await wait1;
  res.requests += static_cast<int>(roots.size());
  if (!before.status.ok) {
    fail("read", "gNMI Get: " + before.status.text());
    leave(false);
    co_return;
  }
  bool replace = dev.mode == Mode::Replace;
  json want = normalize_json_ietf(dev.json_ietf);
  json have = normalize_json_ietf(before.tree);
  json target_tree = replace ? want : merge_patch(have, want);
  if (replace) {
    // Roots the payload does not name are not touched in replace mode either.
    for (auto it = have.begin(); it != have.end(); ++it) {
      if (!target_tree.contains(it.key())) target_tree[it.key()] = *it;
    }
  }
  std::vector<TreeChange> changes = diff_trees(have, target_tree, PathStyle::Gnmi);
  if (changes.empty()) {
    res.outcome = Outcome::Unchanged;
    leave(true);
    co_return;
  }
  res.diff = render_tree_diff(changes);
  ctx.progress(res, "diff");
  if (ctx.opts.dry_run) {
    res.outcome = Outcome::WouldChange;
    co_return;
  }

  // 3. One Set: all replaces (or updates), all or nothing.
  std::string commit_id = ctx.opts.session_name + "-" + dev.name;
  gnmi::SetRequest set;
  for (const std::string& r : roots) {
    gnmi::Update* u = replace ? set.add_replace() : set.add_update();
    *u->mutable_path() = root_path(r);
    u->mutable_val()->set_json_ietf_val(dev.json_ietf[r].dump());
  }
  if (confirmed_commit) {
    gnmi_ext::Extension ext = commit_extension(commit_id);
    ext.mutable_commit()->mutable_commit()->mutable_rollback_duration()->set_seconds(ctx.opts.confirm_timeout_s);
    *set.add_extension() = ext;
  }
  ctx.progress(res, "setting");
  // Named, not temporaries: GCC 12 destroys temporaries of a co_await expression twice.
  auto wait4 = push::set(ctx.http, target, set);
  auto [applied, set_response] = co_await wait4;
  res.requests++;
  if (!applied.ok) {
    // gNMI Set is a transaction: a rejected Set changed nothing.
    fail("set", "gNMI Set: " + applied.text() + " (the target changed nothing: Set is all-or-nothing)");
    leave(false);
    co_return;
  }

  auto roll_back = [&](std::string_view step, std::string why) -> Task<void> {
    res.failed_step = std::string(step);
    res.error = std::move(why);
    ctx.progress(res, "rolling back");
    gnmi::SetRequest undo;
    if (confirmed_commit) {
      gnmi_ext::Extension ext = commit_extension(commit_id);
      ext.mutable_commit()->mutable_cancel();
      *undo.add_extension() = ext;
    } else {
      for (const std::string& r : roots) {
        if (before.tree.contains(r)) {
          gnmi::Update* u = undo.add_replace();
          *u->mutable_path() = root_path(r);
          u->mutable_val()->set_json_ietf_val(before.tree[r].dump());
        } else {
          *undo.add_delete_() = root_path(r);
        }
      }
    }
    // Named, not temporaries: GCC 12 destroys temporaries of a co_await expression twice.
    auto wait5 = push::set(ctx.http, target, undo);
    GnmiStatus s = (co_await wait5).first;
    res.requests++;
    if (s.ok) {
      res.outcome = Outcome::RolledBack;
      res.rollback = confirmed_commit ? "commit cancelled: the target restored its previous configuration"
                                      : "previous configuration set again";
    } else if (confirmed_commit) {
      res.outcome = Outcome::RolledBack;
      res.rollback = fmt::format("the cancel failed ({}); the target's commit timer restores the previous "
                                 "configuration within {} s",
                                 s.text(), ctx.opts.confirm_timeout_s);
    } else {
      res.outcome = Outcome::Failed;
      res.rollback = "ROLLBACK FAILED, the target may run the new configuration: " + s.text();
    }
  };

  // 4. Verify, wait for the others (--atomic), confirm.
  ctx.progress(res, "verifying");
  // Named, not temporaries: GCC 12 destroys temporaries of a co_await expression twice.
  auto wait2 = read_roots(ctx.http, target, roots);
  GetResult after = co_await wait2;
  res.requests += static_cast<int>(roots.size());
  if (!after.status.ok) {
    co_await roll_back("verify", "the target stopped answering after the Set: " + after.status.text());
    leave(false);
    co_return;
  }
  if (std::vector<TreeChange> left = diff_trees(target_tree, normalize_json_ietf(after.tree), PathStyle::Gnmi); !left.empty()) {
    co_await roll_back("verify", "the target runs something else than what was set:\n" + render_tree_diff(left));
    leave(false);
    co_return;
  }
  if (ctx.gate) {
    ctx.progress(res, "waiting for the other devices");
    if (!co_await ctx.gate->arrive()) {
      co_await roll_back("atomic", "another device of this --atomic push failed");
      co_return;
    }
  }
  if (confirmed_commit) {
    ctx.progress(res, "confirming");
    gnmi::SetRequest confirm;
    gnmi_ext::Extension ext = commit_extension(commit_id);
    ext.mutable_commit()->mutable_confirm();
    *confirm.add_extension() = ext;
    // Named, not temporaries: GCC 12 destroys temporaries of a co_await expression twice.
    auto wait6 = push::set(ctx.http, target, confirm);
    GnmiStatus s = (co_await wait6).first;
    res.requests++;
    if (!s.ok) {
      co_await roll_back("confirm", "gNMI Set (confirm): " + s.text());
      co_return;
    }
  }
  res.outcome = Outcome::Changed;
}

}  // namespace cfgc::push

// The push of one Cumulus Linux device over the NVUE REST API (nvue.h has the calls): read
// the applied configuration, diff it with the desired one, apply a revision, check that the
// device runs what was asked, and re-apply the previous configuration when anything fails
// after the apply started.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>

#include "deploy/push/nvue.h"
#include "deploy/push/push_job.h"
#include "deploy/push/tree_diff.h"

namespace cfgc::push {

namespace {

struct Nvue {
  JobContext& ctx;
  const DeviceSpec& dev;
  DeviceResult& res;
  std::string failure;  // why the last call failed

  std::string url(std::string_view path, std::string_view rev) const {
    std::string u = dev.url + "/nvue_v1" + std::string(path);
    if (!rev.empty()) u += "?rev=" + url_escape(rev);
    return u;
  }

  Task<HttpResponse> call(std::string method, std::string u, std::string body = {}) {
    HttpRequest req = device_request(ctx, dev);
    req.method = std::move(method);
    req.url = std::move(u);
    req.headers = {"Accept: application/json"};
    if (!body.empty()) req.headers.push_back("Content-Type: application/json");
    req.body = std::move(body);
    HttpResponse r = co_await ctx.http.send(std::move(req));
    ++res.requests;
    co_return r;
  }

  bool check(const HttpResponse& r, std::string_view what) {
    if (r.ok()) return true;
    failure = http_failure(r, what);
    if (r.error.empty() && r.status != 401 && !r.body.empty()) {
      failure = fmt::format("{}: HTTP {}: {}", what, r.status, nvue_error_text(r.body));
    }
    return false;
  }

  Task<std::optional<nlohmann::json>> applied() {
    HttpResponse r = co_await call("GET", url("/", "applied"));
    if (!check(r, "reading the applied configuration")) co_return std::nullopt;
    nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      failure = "reading the applied configuration: the reply is not a JSON object";
      co_return std::nullopt;
    }
    co_return j;
  }

  // A revision holding `tree` (replace: the whole configuration; merge: a patch), applied;
  // true once the device reports it applied.
  Task<bool> apply(const nlohmann::json& tree, bool replace) {
    HttpResponse r = co_await call("POST", url("/revision", ""), "{}");
    if (!check(r, "creating a revision")) co_return false;
    std::optional<std::string> rev = nvue_revision_id(r.body);
    if (!rev) {
      failure = "creating a revision: the reply names no revision";
      co_return false;
    }
    if (replace) {
      r = co_await call("DELETE", url("/", *rev));
      if (!check(r, "clearing the revision (replace mode)")) co_return false;
    }
    r = co_await call("PATCH", url("/", *rev), tree.dump());
    if (!check(r, "writing the configuration into revision " + *rev)) co_return false;
    r = co_await call("PATCH", url("/revision/" + url_escape(*rev), ""), nvue_apply_request());
    if (!check(r, "applying revision " + *rev)) co_return false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(ctx.opts.apply_timeout_s);
    std::string state;
    std::vector<std::string> issues;
    // Poll soon (small changes apply in a fraction of a second), then less and less often.
    long wait_ms = std::min(50L, ctx.opts.poll_interval_ms);
    for (;;) {
      co_await ctx.http.sleep(wait_ms);
      wait_ms = std::min(wait_ms * 2, ctx.opts.poll_interval_ms);
      r = co_await call("GET", url("/revision/" + url_escape(*rev), ""));
      if (!check(r, "reading the state of revision " + *rev)) co_return false;
      RevisionState s = nvue_revision_state(r.body, state, issues);
      if (s == RevisionState::Applied) co_return true;
      if (s == RevisionState::Failed) {
        failure = fmt::format("revision {} ended in state \"{}\"", *rev, state);
        for (const std::string& i : issues) failure += "\n  " + i;
        co_return false;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        failure = fmt::format("revision {} still \"{}\" after {} s", *rev, state, ctx.opts.apply_timeout_s);
        co_return false;
      }
    }
  }
};

}  // namespace

Task<void> push_nvue(JobContext& ctx, const DeviceSpec& dev, DeviceResult& res) {
  Nvue api{ctx, dev, res, {}};
  auto leave = [&](bool ok) {
    if (ctx.gate) ctx.gate->leave(ok);
  };
  auto fail = [&](std::string_view step, std::string why) {
    res.outcome = Outcome::Failed;
    res.failed_step = std::string(step);
    res.error = std::move(why);
  };

  // 1. What runs, what should run, and the difference.
  ctx.progress(res, "reading");
  std::optional<nlohmann::json> before = co_await api.applied();
  if (!before) {
    fail("read", api.failure);
    leave(false);
    co_return;
  }
  bool replace = dev.mode == Mode::Replace;
  nlohmann::json target = replace ? dev.nvue_config : merge_patch(*before, dev.nvue_config);
  std::vector<TreeChange> changes = diff_trees(*before, target);
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

  // 2. Apply, then check that the device runs the target.
  auto restore = [&](std::string_view step, std::string why) -> Task<void> {
    res.failed_step = std::string(step);
    res.error = std::move(why);
    ctx.progress(res, "rolling back");
    std::optional<nlohmann::json> now = co_await api.applied();
    if (now && diff_trees(*before, *now).empty()) {
      res.outcome = Outcome::RolledBack;
      res.rollback = "the device kept its previous configuration";
      co_return;
    }
    if (co_await api.apply(*before, true)) {
      res.outcome = Outcome::RolledBack;
      res.rollback = "previous configuration re-applied";
    } else {
      res.outcome = Outcome::Failed;
      res.rollback = "ROLLBACK FAILED, the device may run a partial configuration: " + api.failure;
    }
  };
  ctx.progress(res, "applying");
  if (!co_await api.apply(dev.nvue_config, replace)) {
    co_await restore("apply", api.failure);
    leave(false);
    co_return;
  }
  ctx.progress(res, "verifying");
  std::optional<nlohmann::json> after = co_await api.applied();
  if (!after) {
    co_await restore("verify", "the device stopped answering after the apply: " + api.failure);
    leave(false);
    co_return;
  }
  if (std::vector<TreeChange> left = diff_trees(target, *after); !left.empty()) {
    co_await restore("verify", "the applied configuration differs from the desired one:\n" + render_tree_diff(left));
    leave(false);
    co_return;
  }
  if (ctx.gate) {
    ctx.progress(res, "waiting for the other devices");
    if (!co_await ctx.gate->arrive()) {
      co_await restore("atomic", "another device of this --atomic push failed");
      co_return;
    }
  }
  res.outcome = Outcome::Changed;
}

}  // namespace cfgc::push

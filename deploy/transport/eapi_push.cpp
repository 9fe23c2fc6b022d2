// The push of one Arista EOS device over eAPI, through a configuration session (eapi.h has
// the sequence). Every exit path leaves the device as it was or as desired: a session that
// was opened is aborted unless it was confirmed.
#include <fmt/core.h>

#include "deploy/push/eapi.h"
#include "deploy/push/push_job.h"

namespace cfgc::push {

namespace {

struct Call {
  EapiReply reply;
  bool answered = true;  // false: no HTTP answer, or not a JSON-RPC one
  std::string failure;   // what went wrong, for the report
};

Task<Call> run_cmds(JobContext& ctx, const DeviceSpec& dev, DeviceResult& res, std::vector<std::string> cmds,
                    std::string_view format) {
  HttpRequest req = device_request(ctx, dev);
  req.method = "POST";
  req.url = dev.url + "/command-api";
  req.headers = {"Content-Type: application/json", "Accept: application/json"};
  req.body = eapi_request(cmds, format, fmt::format("cfgc-{}", res.requests + 1));
  HttpResponse r = co_await ctx.http.send(std::move(req));
  ++res.requests;
  Call c;
  if (!r.error.empty() || r.status != 200) {
    c.answered = r.error.empty() && r.status != 0;
    c.failure = http_failure(r, "eAPI");
    c.reply.message = c.failure;
    co_return c;
  }
  c.reply = parse_eapi_reply(r.body, cmds);
  if (!c.reply.ok) c.failure = c.reply.describe();
  co_return c;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

Task<void> push_eapi(JobContext& ctx, const DeviceSpec& dev, DeviceResult& res) {
  const std::string session = "configure session " + ctx.opts.session_name;
  auto fail = [&](std::string_view step, std::string why) {
    res.outcome = Outcome::Failed;
    res.failed_step = std::string(step);
    res.error = std::move(why);
  };
  auto abort_session = [&]() -> Task<bool> {
    std::vector<std::string> cmds1 = {"enable", session + " abort"};
    Call c = co_await run_cmds(ctx, dev, res, std::move(cmds1), "json");
    co_return c.reply.ok;
  };
  auto leave = [&](bool ok) {
    if (ctx.gate) ctx.gate->leave(ok);
  };

  // 1. The desired configuration into a fresh session, and the device's own diff of it.
  ctx.progress(res, "preparing session");
  std::vector<std::string> cmds = {"enable", session};
  if (dev.mode == Mode::Replace) cmds.push_back("rollback clean-config");
  size_t first_line = cmds.size();
  for (std::string& c : eos_config_commands(dev.eos_config)) cmds.push_back(std::move(c));
  size_t last_line = cmds.size();
  cmds.push_back("show session-config diffs");
  Call prep = co_await run_cmds(ctx, dev, res, cmds, "text");
  if (!prep.reply.ok) {
    std::string why = prep.failure;
    if (prep.reply.failed_index >= static_cast<int>(first_line) && prep.reply.failed_index < static_cast<int>(last_line)) {
      why = fmt::format("the device rejected configuration line '{}': {}", prep.reply.failed_command,
                        prep.reply.command_errors.empty() ? prep.reply.message : prep.reply.command_errors.front());
    }
    fail("prepare", why);
    // The session may hold part of the configuration: drop it (nothing was committed).
    if (prep.answered) co_await abort_session();
    leave(false);
    co_return;
  }
  std::string diff;
  if (!prep.reply.results.empty()) diff = prep.reply.results.back().value("output", std::string());

  // 2. Nothing to do, or only looking.
  if (blank(diff)) {
    co_await abort_session();
    res.outcome = Outcome::Unchanged;
    leave(true);
    co_return;
  }
  res.diff = diff;
  ctx.progress(res, "diff");
  if (ctx.opts.dry_run) {
    co_await abort_session();
    res.outcome = Outcome::WouldChange;
    co_return;
  }

  // 3. Commit with a timer: applied now, rolled back by the device unless confirmed.
  ctx.progress(res, "committing");
  std::vector<std::string> cmds2 = {"enable", session, "commit timer " + eos_timer(ctx.opts.confirm_timeout_s)};
  Call commit = co_await run_cmds(ctx, dev, res, std::move(cmds2), "json");
  if (!commit.reply.ok) {
    fail("commit", commit.failure);
    if (commit.answered) co_await abort_session();
    if (!commit.answered) {
      res.error += fmt::format(" (if the commit went through, the device rolls it back when its commit timer of {} s expires)",
                               ctx.opts.confirm_timeout_s);
    }
    leave(false);
    co_return;
  }

  // 4. The device still answers (the change did not cut us off), and the other devices agree.
  auto roll_back = [&](std::string_view step, std::string why) -> Task<void> {
    res.failed_step = std::string(step);
    res.error = std::move(why);
    if (co_await abort_session()) {
      res.outcome = Outcome::RolledBack;
      res.rollback = "session aborted: previous configuration restored";
    } else {
      res.outcome = Outcome::RolledBack;
      res.rollback = fmt::format("the device did not answer the abort; its commit timer restores the previous "
                                 "configuration within {} s",
                                 ctx.opts.confirm_timeout_s);
    }
  };
  ctx.progress(res, "verifying");
  std::vector<std::string> cmds3 = {"show version"};
  Call check = co_await run_cmds(ctx, dev, res, std::move(cmds3), "json");
  if (!check.reply.ok) {
    co_await roll_back("verify", "the device stopped answering after the commit: " + check.failure);
    leave(false);
    co_return;
  }
  if (ctx.gate) {
    ctx.progress(res, "waiting for the other devices");
    bool all_ok = co_await ctx.gate->arrive();
    if (!all_ok) {
      co_await roll_back("atomic", "another device of this --atomic push failed");
      co_return;
    }
  }

  // 5. Confirm, and keep it across reloads.
  ctx.progress(res, "confirming");
  std::vector<std::string> cmds4 = {"enable", session + " commit"};
  Call confirm = co_await run_cmds(ctx, dev, res, std::move(cmds4), "json");
  if (!confirm.reply.ok) {
    co_await roll_back("confirm", confirm.failure);
    co_return;
  }
  res.outcome = Outcome::Changed;
  if (dev.save) {
    std::vector<std::string> cmds5 = {"enable", "copy running-config startup-config"};
    Call save = co_await run_cmds(ctx, dev, res, std::move(cmds5), "json");
    if (!save.reply.ok) res.error = "committed, but saving to startup-config failed: " + save.failure;
  }
}

}  // namespace cfgc::push

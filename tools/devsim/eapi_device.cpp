#include "eapi_device.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>

#include "compiler/base/line_diff.h"

namespace cfgc::devsim {

using nlohmann::json;

namespace {

constexpr const char* kEosVersion = "4.31.2F";
constexpr const char* kModel = "vEOS-lab";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json rpc_error(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

// "hh:mm:ss" → seconds; -1 when malformed.
long parse_timer(const std::string& s) {
  int h = 0, m = 0, sec = 0;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%d:%d:%d%c", &h, &m, &sec, &tail) != 3) return -1;
  if (h < 0 || m < 0 || m > 59 || sec < 0 || sec > 59) return -1;
  return h * 3600L + m * 60L + sec;
}

}  // namespace

struct EapiDevice::Cli {
  enum class Mode { Exec, Config, Session };
  bool privileged = false;
  Mode mode = Mode::Exec;
  std::string session;
  std::optional<EosConfigEditor> editor;

  void to_exec() {
    mode = Mode::Exec;
    session.clear();
    editor.reset();
  }
};

EapiDevice::EapiDevice(std::string name, ClockFn clock)
    : name_(std::move(name)), clock_(std::move(clock)), boot_(std::chrono::system_clock::now()) {
  running_ = EosConfig::parse("hostname " + name_ +
                              "\n!\nmanagement api http-commands\n   no shutdown\n!\nend\n");
  startup_ = running_;
}

void EapiDevice::expire_locked() {
  if (pending_ && clock_() >= pending_->deadline) {
    running_ = pending_->previous;
    sessions_.erase(pending_->session);
    pending_.reset();
  }
}

nlohmann::json EapiDevice::describe() {
  std::lock_guard lock(mu_);
  expire_locked();
  json sessions = json::array();
  for (const auto& [n, s] : sessions_) sessions.push_back(n);
  json pending = nullptr;
  if (pending_) {
    auto left = std::chrono::duration<double>(pending_->deadline - clock_()).count();
    pending = {{"session", pending_->session}, {"expires_in_s", left}};
  }
  return {{"name", name_},
          {"kind", "eapi"},
          {"running_config", running_.render()},
          {"startup_config", startup_.render()},
          {"sessions", sessions},
          {"pending_commit", pending}};
}

void EapiDevice::set_config(std::string_view text) {
  std::lock_guard lock(mu_);
  running_ = EosConfig::parse(text);
  startup_ = running_;
}

std::string EapiDevice::running_config() {
  std::lock_guard lock(mu_);
  expire_locked();
  return running_.render();
}

std::optional<SteadyClock::time_point> EapiDevice::hang_until() {
  std::lock_guard lock(mu_);
  expire_locked();
  if (pending_ && pending_->die) return pending_->deadline;
  return std::nullopt;
}

json EapiDevice::handle_request(std::string_view body, const FaultSet& faults) {
  json req;
  try {
    req = json::parse(body);
  } catch (const json::exception&) {
    return rpc_error(nullptr, -32700, "Parse error");
  }
  if (!req.is_object()) return rpc_error(nullptr, -32600, "Invalid Request");
  json id = req.contains("id") ? req["id"] : json(nullptr);
  if (req.value("jsonrpc", json()) != "2.0" || !req.contains("method") || !req["method"].is_string())
    return rpc_error(id, -32600, "Invalid Request");
  std::string method = req["method"];
  if (method != "runCmds") return rpc_error(id, -32601, "Method not found: '" + method + "'");

  json params = req.value("params", json());
  json cmds, version, format = "json";
  if (params.is_object()) {
    cmds = params.value("cmds", json());
    version = params.value("version", json(1));
    if (params.contains("format")) format = params["format"];
  } else if (params.is_array() && params.size() >= 2) {
    version = params[0];
    cmds = params[1];
    if (params.size() >= 3) format = params[2];
  }
  bool ok = cmds.is_array() && (version == 1 || version == "latest") &&
            (format == "json" || format == "text");
  struct Cmd {
    std::string cmd;
  };
  std::vector<Cmd> list;
  if (ok) {
    for (const auto& c : cmds) {
      if (c.is_string()) {
        list.push_back({c.get<std::string>()});
      } else if (c.is_object() && c.contains("cmd") && c["cmd"].is_string()) {
        list.push_back({c["cmd"].get<std::string>()});
      } else {
        ok = false;
      }
    }
  }
  if (!ok) return rpc_error(id, -32602, "Invalid params");
  bool as_json = format == "json";

  std::lock_guard lock(mu_);
  expire_locked();
  Cli cli;
  json results = json::array();
  for (size_t i = 0; i < list.size(); ++i) {
    Outcome o = run(cli, list[i].cmd, as_json, faults);
    if (o.error) {
      json failed = {{"errors", json::array({o.error->message})}};
      if (!as_json) failed["output"] = "% " + o.error->message + "\n";
      results.push_back(failed);
      std::string shown = list[i].cmd;
      while (!shown.empty() && std::isspace(static_cast<unsigned char>(shown.front()))) shown.erase(0, 1);
      return {{"jsonrpc", "2.0"},
              {"id", id},
              {"error",
               {{"code", o.error->code},
                {"message", fmt::format("CLI command {} of {} '{}' failed: {}", i + 1, list.size(),
                                        shown, o.error->kind)},
                {"data", results}}}};
    }
    results.push_back(std::move(o.result));
  }
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", results}};
}

EapiDevice::Outcome EapiDevice::run(Cli& cli, const std::string& cmd, bool as_json,
                                    const FaultSet& faults) {
  auto w = eos_words(cmd);
  std::vector<std::string> lw;
  for (const auto& x : w) lw.push_back(lower(x));
  json ok = as_json ? json::object() : json{{"output", ""}};
  auto invalid = [](std::string msg) {
    return Outcome{{}, CommandError{1002, "invalid command", std::move(msg)}};
  };
  auto at_token = [&](size_t i) {
    return invalid(fmt::format("Invalid input (at token {}: '{}')", i, i < w.size() ? w[i] : ""));
  };
  if (w.empty() || w[0][0] == '!') return {ok, {}};
  if (lw[0] == "enable" && w.size() == 1) {
    cli.privileged = true;
    return {ok, {}};
  }
  if (lw[0] == "disable" && w.size() == 1) {
    cli.privileged = false;
    cli.to_exec();
    return {ok, {}};
  }
  if (lw[0] == "show") return run_show(cli, cmd, as_json);
  if (lw[0] == "terminal") return {ok, {}};
  bool is_config_word = lw[0] == "configure" || lw[0] == "config" || lw[0] == "copy" ||
                        lw[0] == "write" || lw[0] == "end";
  if (!cli.privileged) {
    if (is_config_word || cli.mode != Cli::Mode::Exec) return invalid("Invalid input (privileged mode required)");
    return at_token(0);
  }
  if (lw[0] == "configure" || lw[0] == "config") {
    if (w.size() == 1 || (w.size() == 2 && std::string("terminal").starts_with(lw[1]))) {
      cli.to_exec();
      cli.mode = Cli::Mode::Config;
      cli.editor.emplace(running_);
      return {ok, {}};
    }
    if (lw[1] == "session") return session_command(cli, w, faults, as_json);
    return at_token(1);
  }
  if ((lw.size() == 3 && lw[0] == "copy" && lw[1] == "running-config" && lw[2] == "startup-config") ||
      (lw[0] == "write" && (w.size() == 1 || (w.size() == 2 && lw[1] == "memory")))) {
    startup_ = running_;
    return {as_json ? json::object() : json{{"output", "Copy completed successfully.\n"}}, {}};
  }
  if (lw[0] == "end" && w.size() == 1) {
    cli.to_exec();
    return {ok, {}};
  }
  if (cli.mode == Cli::Mode::Exec) {
    if (lw[0] == "exit" && w.size() == 1) return {ok, {}};
    return at_token(0);
  }
  if (lw[0] == "exit" && w.size() == 1 && cli.editor->at_top()) {
    cli.to_exec();
    return {ok, {}};
  }
  if (cli.mode == Cli::Mode::Session) {
    if (lw.size() == 2 && lw[0] == "rollback" && lw[1] == "clean-config") {
      sessions_[cli.session].config = EosConfig();
      cli.editor->reset();
      return {ok, {}};
    }
    if (lw[0] == "commit" && w.size() == 1) {
      std::string name = cli.session;
      if (pending_ && pending_->session == name) {  // confirms the pending commit timer
        pending_.reset();
        sessions_.erase(name);
        cli.to_exec();
        return {ok, {}};
      }
      if (auto err = commit_session(name, faults)) return {{}, err};
      cli.to_exec();
      return {ok, {}};
    }
    if (lw[0] == "commit" && lw.size() == 3 && lw[1] == "timer") {
      long secs = parse_timer(lw[2]);
      if (secs <= 0) return at_token(2);
      if (faults.has(FaultKind::ApplyFail)) return {{}, CommandError{1000, "could not run command", "Commit failed"}};
      if (pending_) {
        return {{}, CommandError{1000, "could not run command",
                                 "Cannot commit session " + cli.session + ": a commit timer is pending for session " +
                                     pending_->session}};
      }
      Session& s = sessions_[cli.session];
      pending_ = PendingCommit{cli.session, running_, clock_() + std::chrono::seconds(secs),
                               faults.has(FaultKind::DieAfterCommit)};
      running_ = s.config;
      s.committed = true;
      cli.to_exec();
      return {ok, {}};
    }
    if (lw[0] == "abort" && w.size() == 1) {
      std::string name = cli.session;
      cli.to_exec();
      if (pending_ && pending_->session == name) {
        running_ = pending_->previous;
        pending_.reset();
      }
      sessions_.erase(name);
      return {ok, {}};
    }
  }
  if (lw[0] == "rollback" || lw[0] == "commit" || lw[0] == "abort") return at_token(0);
  if (auto pattern = faults.rejecting_pattern(cmd)) {
    return invalid(fmt::format("Invalid input (at token 0: '{}')", w[0]));
  }
  std::string err = cli.editor->apply(cmd);
  if (!err.empty()) return invalid(err);
  return {ok, {}};
}

EapiDevice::Outcome EapiDevice::session_command(Cli& cli, const std::vector<std::string>& w,
                                                const FaultSet& faults, bool as_json) {
  json ok = as_json ? json::object() : json{{"output", ""}};
  auto fail = [](std::string msg) {
    return Outcome{{}, CommandError{1000, "could not run command", std::move(msg)}};
  };
  if (w.size() > 4) {
    return {{}, CommandError{1002, "invalid command", fmt::format("Invalid input (at token 4: '{}')", w[4])}};
  }
  std::string name = w.size() >= 3 ? w[2] : "session" + std::to_string(++session_counter_);
  std::string action = w.size() == 4 ? lower(w[3]) : "";
  if (action.empty()) {
    auto it = sessions_.find(name);
    if (it == sessions_.end()) it = sessions_.emplace(name, Session{running_, false}).first;
    cli.to_exec();
    cli.mode = Cli::Mode::Session;
    cli.session = name;
    cli.editor.emplace(it->second.config);
    return {ok, {}};
  }
  if (action == "commit") {
    cli.to_exec();
    if (pending_ && pending_->session == name) {
      pending_.reset();
      sessions_.erase(name);
      return {ok, {}};
    }
    if (!sessions_.count(name)) return fail("Cannot commit session " + name + ": session does not exist");
    if (auto err = commit_session(name, faults)) return {{}, err};
    return {ok, {}};
  }
  if (action == "abort") {
    cli.to_exec();
    bool had = sessions_.erase(name) > 0;
    if (pending_ && pending_->session == name) {
      running_ = pending_->previous;
      pending_.reset();
      had = true;
    }
    (void)had;  // aborting a session that is gone (committed, expired) is a no-op
    return {ok, {}};
  }
  return {{}, CommandError{1002, "invalid command", fmt::format("Invalid input (at token 3: '{}')", w[3])}};
}

std::optional<EapiDevice::CommandError> EapiDevice::commit_session(const std::string& name,
                                                                   const FaultSet& faults) {
  if (faults.has(FaultKind::ApplyFail)) return CommandError{1000, "could not run command", "Commit failed"};
  if (pending_) {
    return CommandError{1000, "could not run command",
                        "Cannot commit session " + name + ": a commit timer is pending for session " +
                            pending_->session};
  }
  running_ = sessions_[name].config;
  sessions_.erase(name);
  return std::nullopt;
}

std::string EapiDevice::session_diff(const std::string& session) const {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return "";
  return unified_diff(running_.render(), it->second.config.render(), "system:/running-config",
                      "session:/" + session + "-session-config");
}

json EapiDevice::show_version(bool as_json) const {
  size_t h = std::hash<std::string>{}(name_);
  std::string mac = fmt::format("52:54:00:{:02x}:{:02x}:{:02x}", (h >> 16) & 0xff, (h >> 8) & 0xff, h & 0xff);
  std::string serial = fmt::format("SIM{:08X}", static_cast<unsigned>(h & 0xffffffff));
  double boot = std::chrono::duration<double>(boot_.time_since_epoch()).count();
  double uptime = std::chrono::duration<double>(std::chrono::system_clock::now() - boot_).count();
  if (as_json) {
    return {{"mfgName", "Arista"},
            {"modelName", kModel},
            {"hardwareRevision", ""},
            {"serialNumber", serial},
            {"systemMacAddress", mac},
            {"hwMacAddress", mac},
            {"configMacAddress", "00:00:00:00:00:00"},
            {"version", kEosVersion},
            {"architecture", "x86_64"},
            {"internalVersion", std::string(kEosVersion) + "-cfgc-devsim"},
            {"internalBuildId", "00000000-0000-0000-0000-000000000000"},
            {"imageFormatVersion", "1.0"},
            {"imageOptimization", "None"},
            {"isIntlVersion", false},
            {"bootupTimestamp", boot},
            {"uptime", uptime},
            {"memTotal", 2014464},
            {"memFree", 1024000}};
  }
  return {{"output", fmt::format("Arista {}\nHardware version: \nSerial number: {}\nHardware MAC address: {}\n"
                                 "System MAC address: {}\n\nSoftware image version: {}\n"
                                 "Architecture: x86_64\nInternal build version: {}-cfgc-devsim\n\n"
                                 "Uptime: {:.0f} seconds\nTotal memory: 2014464 kB\nFree memory: 1024000 kB\n\n",
                                 kModel, serial, mac, mac, kEosVersion, kEosVersion, uptime)}};
}

EapiDevice::Outcome EapiDevice::run_show(Cli& cli, const std::string& cmd, bool as_json) {
  auto w = eos_words(cmd);
  std::vector<std::string> lw;
  for (const auto& x : w) lw.push_back(lower(x));
  auto text = [](std::string s) { return json{{"output", std::move(s)}}; };
  auto at_token = [&](size_t i) {
    return Outcome{{}, CommandError{1002, "invalid command",
                                    fmt::format("Invalid input (at token {}: '{}')", i, i < w.size() ? w[i] : "")}};
  };
  auto unconverted = [] {
    return Outcome{{}, CommandError{1003, "unconverted command", "This is an unconverted command"}};
  };
  if (lw.size() == 1) return {{}, CommandError{1002, "invalid command", "Incomplete command"}};
  if (lw[1] == "version" && lw.size() == 2) return {show_version(as_json), {}};
  if (lw[1] == "hostname" && lw.size() == 2) {
    std::string host = name_;
    for (const auto& l : running_.lines()) {
      if (l.text.starts_with("hostname ")) host = l.text.substr(9);
    }
    if (as_json) return {{{"hostname", host}, {"fqdn", host}}, {}};
    return {text("Hostname: " + host + "\nFQDN:     " + host + "\n"), {}};
  }
  if ((lw[1] == "running-config" || lw[1] == "startup-config") &&
      (lw.size() == 2 || (lw.size() == 3 && lw[2] == "all"))) {
    const EosConfig& c = lw[1] == "running-config" ? running_ : startup_;
    if (as_json) return {c.to_json(), {}};
    return {text(fmt::format("! Command: show {}\n! device: {} ({}, EOS-{})\n!\n", lw[1], name_, kModel,
                             kEosVersion) +
                 c.render()),
            {}};
  }
  if (lw[1] == "session-config") {
    std::string session = cli.session;
    size_t i = 2;
    if (lw.size() >= 4 && lw[2] == "named") {
      session = w[3];
      i = 4;
    }
    if (session.empty() || !sessions_.count(session)) {
      return {{}, CommandError{1000, "could not run command", "Not in a configuration session"}};
    }
    if (lw.size() == i) {
      if (as_json) return {sessions_[session].config.to_json(), {}};
      return {text(sessions_[session].config.render()), {}};
    }
    if (lw.size() == i + 1 && lw[i] == "diffs") {
      if (as_json) return unconverted();
      return {text(session_diff(session)), {}};
    }
    return at_token(i);
  }
  if (lw[1] == "configuration" && lw.size() >= 3 && lw[2] == "sessions" && lw.size() <= 4) {
    json sessions = json::object();
    std::string table = "Maximum number of completed sessions: 1\nMaximum number of pending sessions: 5\n\n"
                        "  Name             State                     User    Terminal\n"
                        "  ---------------- ------------------------- ------- --------\n";
    for (const auto& [n, s] : sessions_) {
      std::string state = s.committed ? "pendingCommitTimer" : "pending";
      sessions[n] = {{"state", state}, {"commitUser", ""}, {"description", ""}, {"instances", json::object()}};
      table += fmt::format("{} {:<16} {:<25}\n", n == cli.session ? "*" : " ", n, state);
    }
    if (as_json) return {{{"sessions", sessions}, {"maxSavedSessions", 1}, {"maxOpenSessions", 5}}, {}};
    return {text(table), {}};
  }
  return at_token(1);
}

}  // namespace cfgc::devsim

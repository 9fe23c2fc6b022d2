#pragma once
// One simulated Arista EOS switch behind eAPI: running and startup configuration,
// configuration sessions with commit timers, and the JSON-RPC `runCmds` interpreter.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "eos_config.h"
#include "faults.h"

namespace cfgc::devsim {

using SteadyClock = std::chrono::steady_clock;
using ClockFn = std::function<SteadyClock::time_point()>;

class EapiDevice {
 public:
  explicit EapiDevice(std::string name, ClockFn clock = SteadyClock::now);

  // Handles one JSON-RPC request body; returns the JSON-RPC response.
  nlohmann::json handle_request(std::string_view body, const FaultSet& faults);

  // The control endpoint's view: running/startup config, sessions, pending commit.
  nlohmann::json describe();
  // Seeds the running and startup configuration from text.
  void set_config(std::string_view text);
  std::string running_config();
  // While a commit timer started under the die-after-commit fault is pending: its deadline
  // (API requests hang until then).
  std::optional<SteadyClock::time_point> hang_until();
  const std::string& name() const { return name_; }

 private:
  struct Session {
    EosConfig config;
    bool committed = false;  // by a commit timer still pending
  };
  struct PendingCommit {
    std::string session;
    EosConfig previous;
    SteadyClock::time_point deadline;
    bool die = false;
  };
  struct Cli;
  struct CommandError {
    int code;
    std::string kind;     // "invalid command" or "could not run command"
    std::string message;  // the errors[] entry
  };
  struct Outcome {
    nlohmann::json result;
    std::optional<CommandError> error;
  };

  Outcome run(Cli& cli, const std::string& cmd, bool json, const FaultSet& faults);
  Outcome run_show(Cli& cli, const std::string& cmd, bool json);
  Outcome session_command(Cli& cli, const std::vector<std::string>& words, const FaultSet& faults,
                          bool json);
  std::optional<CommandError> commit_session(const std::string& name, const FaultSet& faults);
  void expire_locked();
  nlohmann::json show_version(bool json) const;
  std::string session_diff(const std::string& session) const;

  std::string name_;
  ClockFn clock_;
  std::chrono::system_clock::time_point boot_;
  std::mutex mu_;
  EosConfig running_;
  EosConfig startup_;
  std::map<std::string, Session> sessions_;
  std::optional<PendingCommit> pending_;
  int session_counter_ = 0;
};

}  // namespace cfgc::devsim

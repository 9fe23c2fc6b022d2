#pragma once
// Arista eAPI: JSON-RPC 2.0 `runCmds` over HTTP(S) POST /command-api (Basic auth), and the
// push of one device through a configuration session:
//
//   enable; configure session S; [rollback clean-config]; <lines>; show session-config diffs
//   → no difference: abort (no change); dry run: abort (report the diff)
//   → commit timer T (applied now, rolled back by the device itself unless confirmed)
//   → show version (the device still answers) → configure session S commit → copy running-config
//     startup-config
//   → any failure after the commit timer: configure session S abort (rolls back at once), or
//     if the device no longer answers, the timer rolls it back
//
// The pure parts (request encoding, reply decoding, CLI text to commands) are separate so
// they are unit tested without a device.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cfgc::push {

// The body of a runCmds request.
std::string eapi_request(const std::vector<std::string>& cmds, std::string_view format, std::string_view id);

// A runCmds reply, decoded. On failure `message` is the device's message, and for a failing
// command (JSON-RPC error 1002) `failed_command` and `command_errors` say which and why.
struct EapiReply {
  bool ok = false;
  std::vector<nlohmann::json> results;  // one per command that ran
  long code = 0;
  std::string message;
  int failed_index = -1;
  std::string failed_command;
  std::vector<std::string> command_errors;
  // One line for a report: "command 4 'interface Ethernet99' failed: Invalid input (...)".
  std::string describe() const;
};

EapiReply parse_eapi_reply(std::string_view body, const std::vector<std::string>& cmds);

// EOS CLI text (a running-config, or a block of lines) as the commands to enter it: leading
// indentation becomes `exit` where a block ends, so every line lands in the mode it is
// written in; blank lines, `!` comments and `end` are dropped.
std::vector<std::string> eos_config_commands(std::string_view text);

// "00:05:00" for 300 seconds (the commit timer's format), at most 23:59:59.
std::string eos_timer(long seconds);

}  // namespace cfgc::push

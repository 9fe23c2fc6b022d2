#include "deploy/push/eapi.h"

#include <fmt/core.h>

#include <algorithm>

namespace cfgc::push {

std::string eapi_request(const std::vector<std::string>& cmds, std::string_view format, std::string_view id) {
  nlohmann::json req = {{"jsonrpc", "2.0"},
                        {"method", "runCmds"},
                        {"params", {{"version", 1}, {"cmds", cmds}, {"format", std::string(format)}}},
                        {"id", std::string(id)}};
  return req.dump();
}

namespace {

std::vector<std::string> errors_of(const nlohmann::json& result) {
  std::vector<std::string> out;
  if (!result.is_object()) return out;
  if (auto it = result.find("errors"); it != result.end() && it->is_array()) {
    for (const auto& e : *it) out.push_back(e.is_string() ? e.get<std::string>() : e.dump());
  }
  return out;
}

}  // namespace

EapiReply parse_eapi_reply(std::string_view body, const std::vector<std::string>& cmds) {
  EapiReply r;
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    std::string head(body.substr(0, 120));
    std::replace(head.begin(), head.end(), '\n', ' ');
    r.message = fmt::format("the reply is not JSON-RPC (starts with \"{}\")", head);
    return r;
  }
  if (auto res = j.find("result"); res != j.end() && res->is_array()) {
    r.ok = true;
    for (const auto& x : *res) r.results.push_back(x);
    return r;
  }
  auto err = j.find("error");
  if (err == j.end() || !err->is_object()) {
    r.message = "the reply has neither result nor error";
    return r;
  }
  r.code = err->value("code", 0L);
  r.message = err->value("message", std::string("(no message)"));
  if (auto data = err->find("data"); data != err->end() && data->is_array()) {
    // The results of the commands that ran; the failing one carries "errors" (usually last).
    for (size_t i = 0; i < data->size(); ++i) {
      std::vector<std::string> errs = errors_of((*data)[i]);
      if (errs.empty()) {
        r.results.push_back((*data)[i]);
        continue;
      }
      r.failed_index = static_cast<int>(i);
      r.command_errors = std::move(errs);
      if (i < cmds.size()) r.failed_command = cmds[i];
      break;
    }
  }
  return r;
}

std::string EapiReply::describe() const {
  if (ok) return "ok";
  if (failed_index >= 0) {
    std::string why;
    for (const std::string& e : command_errors) why += (why.empty() ? "" : "; ") + e;
    return fmt::format("command {} '{}' failed: {} (eAPI error {}: {})", failed_index + 1, failed_command, why,
                       code, message);
  }
  if (code != 0) return fmt::format("eAPI error {}: {}", code, message);
  return message;
}

std::vector<std::string> eos_config_commands(std::string_view text) {
  struct Line {
    size_t indent;
    std::string_view cmd;
  };
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t indent = line.find_first_not_of(" \t");
    if (indent == std::string_view::npos) continue;  // blank
    std::string_view cmd = line.substr(indent);
    while (!cmd.empty() && (cmd.back() == ' ' || cmd.back() == '\t')) cmd.remove_suffix(1);
    if (cmd.front() == '!' || cmd == "end") continue;
    lines.push_back({indent, cmd});
  }
  std::vector<std::string> out;
  std::vector<size_t> blocks;  // indentation of the open blocks' header lines
  for (size_t i = 0; i < lines.size(); ++i) {
    // Leave the blocks this line is not inside of.
    while (!blocks.empty() && lines[i].indent <= blocks.back()) {
      blocks.pop_back();
      out.push_back("exit");
    }
    out.emplace_back(lines[i].cmd);
    // A line followed by more indented ones opens a block (a mode: interface, router bgp).
    if (i + 1 < lines.size() && lines[i + 1].indent > lines[i].indent) blocks.push_back(lines[i].indent);
  }
  return out;
}

std::string eos_timer(long seconds) {
  seconds = std::clamp<long>(seconds, 1, 23 * 3600 + 59 * 60 + 59);
  return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

}  // namespace cfgc::push

#pragma once
// The configuration model of a simulated Arista EOS switch: hierarchical lines (a mode line
// such as `interface Ethernet1` owns the more-indented lines below it), parsed from text,
// edited one CLI command at a time, rendered as `show running-config` prints it.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace cfgc::devsim {

// One configuration line and, for a mode line, the lines of its mode.
struct EosLine {
  std::string text;
  bool mode = false;  // enters a configuration mode (rendered as a block even when empty)
  std::vector<EosLine> children;

  bool operator==(const EosLine&) const = default;
};

// A whole configuration: the top-level lines in order.
class EosConfig {
 public:
  EosConfig() = default;

  // Reads configuration text (as `show running-config` prints it): indentation gives the
  // nesting; `!` comments, blank lines and `end` are skipped.
  static EosConfig parse(std::string_view text);

  // EOS-style text: 3-space indentation per level, `!` between sections, `end` last.
  std::string render() const;
  // `show running-config` in JSON format: {"cmds": {line: null | {"cmds": ...}}}.
  nlohmann::json to_json() const;

  std::vector<EosLine>& lines() { return lines_; }
  const std::vector<EosLine>& lines() const { return lines_; }
  bool operator==(const EosConfig&) const = default;

 private:
  std::vector<EosLine> lines_;
};

// Whether `command` (normalized, no leading `no`) enters a sub-mode when given inside the
// mode path `modes` (empty: top level).
bool eos_enters_mode(const std::vector<std::string>& modes, std::string_view command);

// Applies configuration commands one at a time to a configuration, tracking the current
// mode (the path of mode lines) as EOS's CLI does.
class EosConfigEditor {
 public:
  explicit EosConfigEditor(EosConfig& config) : config_(&config) {}

  // Applies one command. Returns "" on success or an EOS error text such as
  // "Invalid input (at token 0: 'foo')".
  std::string apply(std::string_view command);
  // `exit`: leaves the current sub-mode; false when already at the top level.
  bool exit_mode();
  bool at_top() const { return modes_.empty(); }
  void reset() { modes_.clear(); }
  const std::vector<std::string>& modes() const { return modes_; }

 private:
  std::vector<EosLine>& level(size_t depth);

  EosConfig* config_;
  std::vector<std::string> modes_;
};

// Splits on spaces (runs of blanks count once).
std::vector<std::string> eos_words(std::string_view s);

}  // namespace cfgc::devsim

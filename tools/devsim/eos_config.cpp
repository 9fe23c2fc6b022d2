#include "eos_config.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <optional>

namespace cfgc::devsim {

namespace {

using Words = std::vector<std::string>;

std::string join(const Words& w, size_t from = 0, size_t to = std::string::npos) {
  std::string out;
  for (size_t i = from; i < w.size() && i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += w[i];
  }
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether the words start with `pattern` ("*" matches any one word), keywords compared
// case-insensitively.
bool starts_with(const Words& w, std::initializer_list<std::string_view> pattern) {
  if (w.size() < pattern.size()) return false;
  size_t i = 0;
  for (auto p : pattern) {
    if (p != "*" && lower(w[i]) != p) return false;
    ++i;
  }
  return true;
}

bool is_number_list(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == ',' || c == '-';
  });
}

// First words that may start a top-level configuration command.
constexpr std::string_view kTopLevelWords[] = {
    "aaa", "agent", "alias", "arp", "banner", "bfd", "boot", "class-map", "clock", "daemon",
    "dhcp", "dns", "dot1x", "email", "enable", "errdisable", "event-handler", "event-monitor",
    "hardware", "hostname", "interface", "ip", "ipv6", "lacp", "link-tracking", "lldp",
    "load-interval", "logging", "mac", "management", "monitor", "mpls", "mlag", "ntp",
    "patch", "peer-filter", "platform", "policy-map", "port-channel", "prompt", "ptp", "qos",
    "queue-monitor", "radius-server", "role", "route-map", "router", "schedule", "service",
    "sflow", "snmp-server", "spanning-tree", "switchport", "system", "tacacs-server", "tap",
    "tcam", "terminal", "track", "transceiver", "tunnel-ribs", "username", "vlan", "vrf",
    "vxlan", "hardware", "ssh", "sysdb"};

// First words of commands inside configuration modes.
constexpr std::string_view kModeWords[] = {
    "description", "mtu", "ip", "ipv6", "switchport", "shutdown", "speed", "channel-group",
    "mlag", "vrf", "neighbor", "network", "redistribute", "router-id", "maximum-paths", "bgp",
    "address-family", "name", "spanning-tree", "lldp", "logging", "load-interval", "mac", "arp",
    "vxlan", "rd", "route-target", "vlan", "vlan-aware-bundle", "timers", "distance",
    "peer-link", "peer-address", "local-interface", "domain-id", "reload-delay", "permit",
    "deny", "seq", "match", "set", "continue", "protocol", "transport", "service-policy",
    "encapsulation", "flowcontrol", "storm-control", "errdisable", "bfd", "pim", "isis",
    "passive-interface", "area", "max-lsa", "log-adjacency-changes", "autostate", "dhcp",
    "evpn", "graceful-restart", "graceful-restart-helper", "update", "aggregate-address",
    "peer", "ucmp", "label", "tunnel", "mpls", "traffic-policy", "qos", "priority-flow-control",
    "link-debounce", "comment", "sflow", "authentication", "local-as", "next-hop", "statistics",
    "counters", "ttl", "member", "vni", "source-interface", "udp-port", "anycast", "mode",
    "idle-timeout", "allow", "address", "instance", "remark", "resequence", "state", "trunk",
    "private-vlan", "dot1x", "ptp", "lacp", "port-channel", "media", "unidirectional", "poe",
    "rib", "default-information", "auto-summary", "distribute-list", "net", "is-type",
    "summary-address", "router", "interface", "redundancy", "l2-protocol", "vrrp", "tcp",
    "agent", "sequence-numbers", "fabric", "hardware", "system", "server", "class", "police",
    "shape", "bandwidth", "priority", "random-detect", "exec", "action", "trigger", "delay",
    "command", "rate-limit", "domain", "primary", "secondary", "lease", "dns-server",
    "default-router", "option", "disabled", "enabled"};

bool known_mode_word(const Words& w) {
  if (w.empty()) return false;
  std::string first = lower(w[0]);
  return std::find(std::begin(kModeWords), std::end(kModeWords), first) != std::end(kModeWords);
}

bool known_top_level(const Words& w) {
  if (w.empty()) return false;
  std::string first = lower(w[0]);
  return std::find(std::begin(kTopLevelWords), std::end(kTopLevelWords), first) !=
         std::end(kTopLevelWords);
}

// Commands that, given inside a mode that does not accept them as a sub-mode, leave for
// the top level (EOS looks a command that is invalid in the current mode up in the parent
// modes; these are the top-level commands no sub-mode accepts).
bool is_strong_top_level(const Words& w) {
  static const std::initializer_list<std::string_view> patterns[] = {
      {"hostname"}, {"interface"}, {"router"}, {"route-map"}, {"username"}, {"ntp"},
      {"snmp-server"}, {"management"}, {"banner"}, {"aaa"}, {"daemon"}, {"event-handler"},
      {"policy-map"}, {"class-map"}, {"peer-filter"}, {"transceiver"}, {"service"},
      {"clock"}, {"radius-server"}, {"tacacs-server"}, {"ip", "routing"}, {"ip", "route"},
      {"ip", "access-list"}, {"ip", "prefix-list"}, {"ip", "name-server"},
      {"ip", "domain-name"}, {"ip", "domain", "lookup"}, {"ip", "virtual-router", "mac-address"},
      {"ipv6", "unicast-routing"}, {"ipv6", "route"}, {"ipv6", "prefix-list"},
      {"ipv6", "access-list"}, {"vrf", "instance"}, {"vrf", "definition"},
      {"spanning-tree", "mode"}, {"spanning-tree", "mst"}, {"mlag", "configuration"},
      {"vlan"}, {"dns"}, {"mac", "access-list"}};
  for (const auto& p : patterns) {
    if (starts_with(w, p)) return true;
  }
  return false;
}

// The key of a line whose value a later line replaces (e.g. `description`,
// `neighbor X remote-as`), or nullopt when lines of this kind accumulate.
std::optional<std::string> line_key(const Words& w0) {
  Words w = w0;
  if (!w.empty() && (lower(w[0]) == "no" || lower(w[0]) == "default")) w.erase(w.begin());
  if (w.empty()) return std::nullopt;
  static const std::initializer_list<std::string_view> keyed[] = {
      {"description"}, {"mtu"}, {"hostname"}, {"switchport", "mode"},
      {"switchport", "access", "vlan"}, {"switchport", "trunk", "allowed", "vlan"},
      {"switchport", "trunk", "native", "vlan"}, {"router-id"}, {"speed"}, {"name"},
      {"channel-group"}, {"mlag"}, {"neighbor", "*", "remote-as"},
      {"neighbor", "*", "description"}, {"neighbor", "*", "peer", "group"},
      {"neighbor", "*", "peer-group"}, {"neighbor", "*", "update-source"},
      {"neighbor", "*", "ebgp-multihop"}, {"neighbor", "*", "maximum-routes"},
      {"neighbor", "*", "password"}, {"neighbor", "*", "activate"}, {"maximum-paths"}, {"rd"},
      {"spanning-tree", "mode"}, {"ip", "domain-name"}, {"ip", "routing"},
      {"ipv6", "unicast-routing"}, {"username", "*"}, {"ip", "virtual-router", "mac-address"},
      {"vxlan", "source-interface"}, {"vxlan", "udp-port"}, {"local-as"}, {"domain-id"},
      {"peer-link"}, {"peer-address"}, {"local-interface"}, {"shutdown"}, {"switchport"},
      {"bgp", "default", "*"}, {"timers", "bgp"}, {"distance", "bgp"}, {"autostate"},
      {"ip", "address"}, {"vrf"}, {"load-interval"}, {"encapsulation", "dot1q", "vlan"}};
  for (const auto& p : keyed) {
    if (!starts_with(w, p)) continue;
    // `ip address A secondary` lines accumulate; `switchport` alone is a toggle.
    if (starts_with(w, {"ip", "address"}) && std::find(w.begin(), w.end(), "secondary") != w.end())
      return std::nullopt;
    if (p.size() == 1 && (*p.begin() == "switchport" || *p.begin() == "shutdown" ||
                          *p.begin() == "autostate") && w.size() != 1)
      continue;
    return lower(join(w, 0, p.size()));
  }
  return std::nullopt;
}

// `no X` forms that EOS shows in the running-config (X's default is on).
bool shown_negated(const Words& base) {
  static const std::initializer_list<std::string_view> patterns[] = {
      {"shutdown"}, {"switchport"}, {"ip", "routing"}, {"ipv6", "unicast-routing"},
      {"bgp", "default", "*"}, {"aaa", "root"}, {"neighbor", "*", "activate"}, {"autostate"},
      {"logging", "console"}, {"lldp", "*"}, {"spanning-tree", "*"}, {"ip", "igmp", "snooping"}};
  for (const auto& p : patterns) {
    if (starts_with(base, p) && (p.size() > 1 || base.size() == 1)) return true;
  }
  return false;
}

void render_level(const std::vector<EosLine>& lines, int depth, std::string& out) {
  std::string indent(static_cast<size_t>(depth) * 3, ' ');
  const EosLine* prev = nullptr;
  for (const auto& l : lines) {
    bool block = l.mode || !l.children.empty();
    if (prev) {
      bool prev_block = prev->mode || !prev->children.empty();
      bool sep = depth == 0 ? (block || prev_block ||
                               eos_words(prev->text).front() != eos_words(l.text).front())
                            : block;
      if (sep) out += indent + "!\n";
    }
    out += indent + l.text + "\n";
    render_level(l.children, depth + 1, out);
    prev = &l;
  }
}

nlohmann::json lines_json(const std::vector<EosLine>& lines) {
  nlohmann::json cmds = nlohmann::json::object();
  for (const auto& l : lines) {
    if (l.mode || !l.children.empty()) {
      cmds[l.text] = {{"cmds", lines_json(l.children)}, {"comments", nlohmann::json::array()}};
    } else {
      cmds[l.text] = nullptr;
    }
  }
  return cmds;
}

}  // namespace

std::vector<std::string> eos_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool eos_enters_mode(const std::vector<std::string>& modes, std::string_view command) {
  Words w = eos_words(command);
  if (w.empty()) return false;
  if (modes.empty()) {
    if (starts_with(w, {"interface"}) || starts_with(w, {"route-map"}) ||
        starts_with(w, {"daemon"}) || starts_with(w, {"event-handler"}) ||
        starts_with(w, {"policy-map"}) || starts_with(w, {"class-map"}) ||
        starts_with(w, {"peer-filter"}) || starts_with(w, {"management"}) ||
        starts_with(w, {"vrf", "instance"}) || starts_with(w, {"vrf", "definition"}) ||
        starts_with(w, {"ip", "access-list"}) || starts_with(w, {"ipv6", "access-list"}) ||
        starts_with(w, {"mac", "access-list"}) || starts_with(w, {"mlag", "configuration"}) ||
        starts_with(w, {"spanning-tree", "mst", "configuration"}) ||
        (starts_with(w, {"monitor", "session", "*"}) && w.size() == 3)) {
      return w.size() >= 2;
    }
    if (starts_with(w, {"router"})) return w.size() >= 2 && lower(w[1]) != "id";
    if (starts_with(w, {"vlan"})) return w.size() == 2 && is_number_list(w[1]);
    if (starts_with(w, {"ip", "prefix-list"}) || starts_with(w, {"ipv6", "prefix-list"}))
      return w.size() == 3;
    return false;
  }
  Words parent = eos_words(modes.back());
  if (starts_with(parent, {"router", "bgp"})) {
    if (modes.size() == 1) {
      return (starts_with(w, {"address-family"}) && w.size() >= 2) ||
             (starts_with(w, {"vrf"}) && w.size() == 2) ||
             (starts_with(w, {"vlan"}) && w.size() == 2) ||
             (starts_with(w, {"vlan-aware-bundle"}) && w.size() == 2);
    }
    return false;
  }
  if (starts_with(parent, {"vrf"}) && modes.size() == 2 &&
      starts_with(eos_words(modes.front()), {"router", "bgp"})) {
    return starts_with(w, {"address-family"}) && w.size() >= 2;
  }
  if (starts_with(parent, {"router", "isis"})) return starts_with(w, {"address-family"});
  if (starts_with(parent, {"management", "api", "http-commands"}))
    return starts_with(w, {"vrf"}) && w.size() == 2;
  if (starts_with(parent, {"management", "api", "gnmi"}))
    return starts_with(w, {"transport"}) && w.size() >= 3;
  return false;
}

EosConfig EosConfig::parse(std::string_view text) {
  EosConfig cfg;
  struct Open {
    size_t indent;
    EosLine* line;
  };
  std::vector<Open> stack;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    size_t indent = 0;
    while (indent < raw.size() && (raw[indent] == ' ' || raw[indent] == '\t')) ++indent;
    Words w = eos_words(raw);
    if (w.empty() || w[0][0] == '!') continue;
    if (indent == 0 && w.size() == 1 && w[0] == "end") continue;
    while (!stack.empty() && stack.back().indent >= indent) stack.pop_back();
    std::vector<std::string> modes;
    for (const auto& o : stack) modes.push_back(o.line->text);
    std::vector<EosLine>& siblings = stack.empty() ? cfg.lines_ : stack.back().line->children;
    EosLine line;
    line.text = join(w);
    line.mode = eos_enters_mode(modes, line.text);
    if (!stack.empty()) stack.back().line->mode = true;
    siblings.push_back(std::move(line));
    stack.push_back({indent, &siblings.back()});
  }
  return cfg;
}

std::string EosConfig::render() const {
  std::string out;
  render_level(lines_, 0, out);
  if (!lines_.empty()) out += "!\n";
  out += "end\n";
  return out;
}

nlohmann::json EosConfig::to_json() const {
  return {{"cmds", lines_json(lines_)}, {"header", nlohmann::json::array({"! device: cfgc-devsim"})}};
}

std::vector<EosLine>& EosConfigEditor::level(size_t depth) {
  std::vector<EosLine>* lines = &config_->lines();
  for (size_t i = 0; i < depth && i < modes_.size(); ++i) {
    auto it = std::find_if(lines->begin(), lines->end(),
                           [&](const EosLine& l) { return l.text == modes_[i]; });
    if (it == lines->end()) {
      lines->push_back(EosLine{modes_[i], true, {}});
      it = std::prev(lines->end());
    }
    it->mode = true;
    lines = &it->children;
  }
  return *lines;
}

bool EosConfigEditor::exit_mode() {
  if (modes_.empty()) return false;
  modes_.pop_back();
  return true;
}

std::string EosConfigEditor::apply(std::string_view command) {
  size_t indent = 0;
  while (indent < command.size() && (command[indent] == ' ' || command[indent] == '\t')) ++indent;
  Words w = eos_words(command);
  if (w.empty() || w[0][0] == '!') return "";
  std::string cmd = join(w);
  if (lower(cmd) == "exit") {
    exit_mode();
    return "";
  }
  bool negated = lower(w[0]) == "no" || lower(w[0]) == "default";
  bool is_default = lower(w[0]) == "default";
  Words base_words(w.begin() + (negated ? 1 : 0), w.end());
  if (base_words.empty()) return "Incomplete command";
  std::string base = join(base_words);

  // Find the mode the command belongs to.
  if (indent > 0 && !modes_.empty()) {
    size_t depth = std::min(modes_.size(), (indent + 2) / 3);
    modes_.resize(depth);
  } else if (!modes_.empty() && !eos_enters_mode(modes_, base)) {
    // Not a sub-mode of the current mode: an enclosing mode may take it as its sub-mode
    // (`vrf X` after `address-family` in `router bgp`), or it is a top-level command.
    bool placed = false;
    for (size_t d = modes_.size() - 1; d >= 1; --d) {
      std::vector<std::string> prefix(modes_.begin(), modes_.begin() + static_cast<long>(d));
      if (eos_enters_mode(prefix, base)) {
        modes_.resize(d);
        placed = true;
        break;
      }
    }
    if (!placed && is_strong_top_level(base_words)) modes_.clear();
  }
  if (modes_.empty() ? !known_top_level(base_words)
                     : !known_mode_word(base_words) && !known_top_level(base_words)) {
    return "Invalid input (at token " + std::to_string(negated ? 1 : 0) + ": '" +
           base_words[0] + "')";
  }

  std::vector<EosLine>& lines = level(modes_.size());
  bool enters = eos_enters_mode(modes_, base);
  if (negated) {
    if (enters) {
      std::erase_if(lines, [&](const EosLine& l) { return l.text == base; });
      return "";
    }
    auto key = line_key(base_words);
    size_t before = lines.size();
    std::erase_if(lines, [&](const EosLine& l) {
      if (l.mode || !l.children.empty()) return false;
      if (l.text == base || l.text == cmd) return true;
      return key && line_key(eos_words(l.text)) == key;
    });
    (void)before;
    if (!is_default && shown_negated(base_words)) lines.push_back(EosLine{cmd, false, {}});
    return "";
  }
  if (enters) {
    auto it = std::find_if(lines.begin(), lines.end(), [&](const EosLine& l) { return l.text == cmd; });
    if (it == lines.end()) lines.push_back(EosLine{cmd, true, {}});
    modes_.push_back(cmd);
    return "";
  }
  if (std::any_of(lines.begin(), lines.end(), [&](const EosLine& l) { return l.text == cmd; }))
    return "";
  if (auto key = line_key(w)) {
    for (auto& l : lines) {
      if (!l.mode && l.children.empty() && line_key(eos_words(l.text)) == key) {
        l.text = cmd;
        return "";
      }
    }
  }
  lines.push_back(EosLine{cmd, false, {}});
  return "";
}

}  // namespace cfgc::devsim

#include "compiler/encoding/yang_context.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <system_error>

#include "compiler/base/file_io.h"

namespace cfgc::encoding {

namespace fs = std::filesystem;

namespace {

// libyang's log callback is process-wide: messages go to the context being used.
thread_local std::vector<YangLogMessage>* g_messages = nullptr;

void log_callback(LY_LOG_LEVEL level, const char* msg, const char* path) {
  if (!g_messages || level > LY_LLWRN) return;
  g_messages->push_back({level, msg ? msg : "", path ? path : ""});
}

bool is_file_argument(std::string_view a) {
  return a.find('/') != std::string_view::npos || a.ends_with(".yang") || a.ends_with(".yin");
}

// Whether a YANG file's first statement is `submodule` (comments skipped).
bool is_submodule_file(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (text.compare(i, 2, "//") == 0) {
      i = text.find('\n', i);
      if (i == std::string::npos) return false;
    } else if (text.compare(i, 2, "/*") == 0) {
      i = text.find("*/", i + 2);
      if (i == std::string::npos) return false;
      i += 2;
    } else {
      return text.compare(i, 9, "submodule") == 0;
    }
  }
  return false;
}

// Text between the first pair of double quotes in a libyang message: `Parsing module "a" failed.`
std::string quoted_in(std::string_view msg, std::string_view after) {
  size_t at = msg.find(after);
  if (at == std::string_view::npos) return {};
  size_t q1 = msg.find('"', at + after.size());
  if (q1 == std::string_view::npos) return {};
  size_t q2 = msg.find('"', q1 + 1);
  if (q2 == std::string_view::npos) return {};
  return std::string(msg.substr(q1 + 1, q2 - q1 - 1));
}

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

int line_of(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(
                                                                           std::min(offset, text.size())),
                                          '\n'));
}

}  // namespace

int yang_statement_line(const std::string& text, std::string_view keywords, std::string_view name,
                        size_t& from) {
  size_t best = std::string::npos;
  size_t pos = from;
  while (!keywords.empty()) {
    size_t bar = keywords.find('|');
    std::string_view kw = keywords.substr(0, bar);
    keywords = bar == std::string_view::npos ? std::string_view{} : keywords.substr(bar + 1);
    for (size_t at = text.find(kw, pos); at != std::string::npos; at = text.find(kw, at + 1)) {
      if (at > 0 && is_ident_char(text[at - 1])) continue;
      size_t i = at + kw.size();
      if (i >= text.size() || !std::isspace(static_cast<unsigned char>(text[i]))) continue;
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      if (i < text.size() && (text[i] == '"' || text[i] == '\'')) ++i;
      if (text.compare(i, name.size(), name) != 0) continue;
      size_t end = i + name.size();
      if (end < text.size() && is_ident_char(text[end])) continue;
      best = std::min(best, at);
      break;
    }
  }
  if (best == std::string::npos) return 0;
  from = best + 1;
  return line_of(text, best);
}

YangContext::~YangContext() {
  if (g_messages == &messages_) g_messages = nullptr;
  if (ctx_) ly_ctx_destroy(ctx_);
}

std::vector<YangLogMessage> YangContext::take_messages() { return std::exchange(messages_, {}); }

std::string YangContext::find_in_search_dirs(std::string_view module) const {
  std::string best;
  for (const std::string& d : dirs_) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(d, ec), end; !ec && it != end; it.increment(ec)) {
      std::string n = it->path().filename().string();
      if (!n.ends_with(".yang")) continue;
      std::string stem = n.substr(0, n.size() - 5);
      if (stem == module || (stem.starts_with(std::string(module) + "@"))) {
        std::string p = it->path().string();
        if (best.empty() || p > best) best = p;  // the latest revision
      }
    }
    if (!best.empty()) return best;
  }
  return best;
}

std::string YangContext::module_file(std::string_view module) const {
  if (ctx_) {
    std::string name(module);
    const lys_module* m = ly_ctx_get_module_implemented(ctx_, name.c_str());
    if (!m) m = ly_ctx_get_module_latest(ctx_, name.c_str());
    if (m && m->filepath) {
      // As the user would write it: relative to the current directory when inside it.
      std::error_code ec;
      fs::path rel = fs::proximate(m->filepath, ec);
      std::string r = rel.string();
      return ec || r.starts_with("../../") ? std::string(m->filepath) : r;
    }
  }
  for (const auto& [name, file] : inputs_) {
    if (name == module) return file;
  }
  return find_in_search_dirs(module);
}

std::string YangContext::locate(std::string_view p) const {
  // A schema path: /mod:a/b/mod2:c. Find each node's statement in the module's file, in turn.
  size_t colon = p.find(':');
  if (!p.starts_with("/") || colon == std::string_view::npos) return {};
  std::string mod(p.substr(1, colon - 1));
  std::string file = module_file(mod);
  if (file.empty()) return {};
  auto t = read_file(file);
  std::string src = t ? *t : std::string{};
  int line = 0;
  size_t from = 0;
  for (size_t s = 1; s < p.size() && !src.empty();) {
    size_t e = p.find('/', s);
    std::string_view seg = p.substr(s, e == std::string_view::npos ? p.size() - s : e - s);
    s = e == std::string_view::npos ? p.size() : e + 1;
    if (size_t c = seg.find(':'); c != std::string_view::npos) {
      // A node of another module (an augment): its statement is not in this file.
      if (seg.substr(0, c) != mod) break;
      seg.remove_prefix(c + 1);
    }
    if (size_t b = seg.find('['); b != std::string_view::npos) seg = seg.substr(0, b);
    int l = yang_statement_line(
        src, "container|list|leaf|leaf-list|choice|case|anydata|anyxml|rpc|action|notification",
        seg, from);
    if (l == 0) break;
    line = l;
  }
  return line > 0 ? fmt::format("{}:{}", file, line) : file;
}

// Each message as `file:line: message`. libyang says where only for syntax errors ("Line
// number N.", in the module whose parsing then fails); a schema path (/mod:a/b) or an import
// that cannot be resolved is looked up in the module's file.
std::string YangContext::error_lines(std::vector<YangLogMessage> messages,
                                     const std::string& input) const {
  std::string out;
  std::vector<std::string> seen;
  // The file of the module being loaded (by name, libyang does not say "Parsing module").
  std::string input_file = is_file_argument(input) ? input : module_file(input);
  if (input_file.empty()) input_file = input;
  auto add = [&](const std::string& where, const std::string& text) {
    std::string line = where.empty() ? text : where + ": " + text;
    if (std::find(seen.begin(), seen.end(), line) != seen.end()) return;
    seen.push_back(line);
    out += (out.empty() ? "" : "\n") + line;
  };
  auto file_text = [](const std::string& file) -> std::string {
    if (file.empty()) return {};
    auto t = read_file(file);
    return t ? *t : std::string{};
  };
  bool specific = false;
  for (const YangLogMessage& m : messages) {
    if (m.level != LY_LLERR) continue;
    bool generic = m.text.starts_with("Parsing module") || m.text.starts_with("Parsing submodule") ||
                   (m.text.starts_with("Loading \"") && m.text.ends_with("module failed."));
    specific |= !generic;
  }
  for (size_t i = 0; i < messages.size(); ++i) {
    const YangLogMessage& m = messages[i];
    if (m.level != LY_LLERR) continue;
    std::string text = m.text;
    if (m.path.starts_with("Line number ")) {
      int line = std::atoi(m.path.c_str() + 12);
      // The module whose parsing failed next is the one the line belongs to.
      std::string file;
      for (size_t j = i + 1; j < messages.size() && file.empty(); ++j) {
        std::string mod = quoted_in(messages[j].text, "Parsing module");
        if (mod.empty()) mod = quoted_in(messages[j].text, "Parsing submodule");
        if (!mod.empty()) file = module_file(mod);
      }
      if (file.empty()) file = input_file;
      add(fmt::format("{}:{}", file, line), text);
      continue;
    }
    if (m.path.starts_with("/")) {
      std::string where = locate(m.path);
      if (where.empty()) where = input_file;
      add(where, fmt::format("{} (schema node {})", text, m.path));
      continue;
    }
    std::string mod = quoted_in(text, "Data model");
    if (!mod.empty() && text.find("not found") != std::string::npos) {
      // An import (or include) that cannot be resolved: say which statement asked for it.
      std::string who;
      for (size_t j = i + 1; j < messages.size() && who.empty(); ++j) {
        who = quoted_in(messages[j].text, "Parsing module");
        if (who.empty()) who = quoted_in(messages[j].text, "Parsing submodule");
      }
      if (who.empty() && mod != input && !is_file_argument(input)) who = input;
      std::string dirs;
      for (const std::string& d : dirs_) dirs += (dirs.empty() ? "" : ", ") + d;
      std::string what =
          fmt::format("module \"{}\" not found in the search directories ({})", mod,
                      dirs.empty() ? "none: add -p DIR" : dirs);
      std::string file = !who.empty() ? module_file(who) : input_file;
      std::string src = file_text(file);
      size_t from = 0;
      int line = src.empty() ? 0 : yang_statement_line(src, "import|include", mod, from);
      add(line ? fmt::format("{}:{}", file, line) : file,
          who.empty() ? what : fmt::format("{}: {}", who, what));
      specific = true;
      continue;
    }
    bool generic = text.starts_with("Parsing module") || text.starts_with("Parsing submodule") ||
                   (text.starts_with("Loading \"") && text.ends_with("module failed."));
    if (generic && specific) continue;
    add(input, text);
  }
  if (out.empty()) out = input + ": libyang failed without saying why";
  return out;
}

Result<> YangContext::load(const YangSources& sources) {
  g_messages = &messages_;
  ly_set_log_clb(log_callback, 1);
  ly_log_options(LY_LOLOG);
  // Directories: -p first, then those of the files named (for their imports).
  for (const std::string& d : sources.search_dirs) {
    std::error_code ec;
    if (!fs::is_directory(d, ec)) return Error{fmt::format("-p {}: not a directory", d), {}};
    dirs_.push_back(d);
  }
  for (const std::string& m : sources.modules) {
    if (!is_file_argument(m)) continue;
    std::string dir = fs::path(m).parent_path().string();
    if (dir.empty()) dir = ".";
    if (std::find(dirs_.begin(), dirs_.end(), dir) == dirs_.end()) dirs_.push_back(dir);
  }
  // Features: MOD:F1,F2,MOD2:F3 (a bare name continues the module before it).
  std::map<std::string, std::vector<std::string>> features;
  for (const std::string& spec : sources.features) {
    std::string mod;
    size_t s = 0;
    while (s <= spec.size()) {
      size_t e = spec.find(',', s);
      std::string item = spec.substr(s, e == std::string::npos ? std::string::npos : e - s);
      s = e == std::string::npos ? spec.size() + 1 : e + 1;
      if (size_t c = item.find(':'); c != std::string::npos) {
        mod = item.substr(0, c);
        item = item.substr(c + 1);
        features[mod];  // MOD: alone disables every feature explicitly
      }
      if (mod.empty()) {
        return Error{fmt::format("--features {}: write MODULE:FEATURE (e.g. ietf-interfaces:if-mib)",
                                 spec),
                     {}};
      }
      if (!item.empty()) features[mod].push_back(item);
    }
  }
  auto feature_array = [&](const std::string& mod, std::vector<const char*>& arr) -> const char** {
    auto it = features.find(mod);
    if (it == features.end()) return nullptr;
    arr.clear();
    for (const std::string& f : it->second) arr.push_back(f.c_str());
    arr.push_back(nullptr);
    return arr.data();
  };

  uint16_t options = LY_CTX_REF_IMPLEMENTED | LY_CTX_DISABLE_SEARCHDIR_CWD | LY_CTX_NO_YANGLIBRARY;
  if (ly_ctx_new(nullptr, options, &ctx_) != LY_SUCCESS) {
    return Error{"cannot create a libyang context: " + error_lines(take_messages(), "libyang"), {}};
  }
  uint32_t idx = 0;
  while (const lys_module* m = ly_ctx_get_module_iter(ctx_, &idx)) builtin_.push_back(m->name);
  for (const std::string& d : dirs_) {
    if (ly_ctx_set_searchdir(ctx_, d.c_str()) != LY_SUCCESS) {
      return Error{error_lines(take_messages(), d), {}};
    }
  }
  std::string errors;
  for (const std::string& arg : sources.modules) {
    std::vector<const char*> arr;
    take_messages();
    if (is_file_argument(arg)) {
      auto text = read_file(arg);
      if (!text) return Error{text.error().message, {}};
      if (is_submodule_file(*text)) {
        notes_.push_back(fmt::format("{}: a submodule: read through the module that includes it",
                                     arg));
        continue;
      }
      // The module's name, to apply its --features and to place its errors.
      std::string name;
      {
        size_t from = 0;
        std::string_view t = *text;
        size_t at = t.find("module");
        while (at != std::string_view::npos && at > 0 && is_ident_char(t[at - 1]))
          at = t.find("module", at + 1);
        if (at != std::string_view::npos) {
          size_t i = at + 6;
          while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
          size_t j = i;
          while (j < t.size() && is_ident_char(t[j])) ++j;
          name = std::string(t.substr(i, j - i));
        }
        (void)from;
      }
      if (!name.empty()) inputs_.emplace_back(name, arg);
      ly_in* in = nullptr;
      if (ly_in_new_filepath(arg.c_str(), 0, &in) != LY_SUCCESS) {
        errors += (errors.empty() ? "" : "\n") + error_lines(take_messages(), arg);
        continue;
      }
      lys_module* mod = nullptr;
      const char** f = feature_array(name, arr);
      std::vector<const char*> none{nullptr};
      LY_ERR r = lys_parse(ctx_, in, arg.ends_with(".yin") ? LYS_IN_YIN : LYS_IN_YANG,
                           f ? f : none.data(), &mod);
      ly_in_free(in, 0);
      if (r != LY_SUCCESS || !mod) {
        errors += (errors.empty() ? "" : "\n") + error_lines(take_messages(), arg);
        continue;
      }
      main_.push_back(mod);
    } else {
      std::string name = arg, rev;
      if (size_t at = arg.find('@'); at != std::string::npos) {
        name = arg.substr(0, at);
        rev = arg.substr(at + 1);
      }
      const char** f = feature_array(name, arr);
      lys_module* mod = ly_ctx_load_module(ctx_, name.c_str(), rev.empty() ? nullptr : rev.c_str(), f);
      if (!mod) {
        std::vector<YangLogMessage> ms = take_messages();
        bool not_found = !ms.empty() && ms[0].text.starts_with("Data model \"" + name + "\"");
        if (not_found) {
          std::string dirs;
          for (const std::string& d : dirs_) dirs += (dirs.empty() ? "" : ", ") + d;
          errors += (errors.empty() ? "" : "\n") +
                    fmt::format("module \"{}\" not found in the search directories ({})", arg,
                                dirs.empty() ? "none: add -p DIR" : dirs);
        } else {
          errors += (errors.empty() ? "" : "\n") + error_lines(std::move(ms), arg);
        }
        continue;
      }
      if (f) lys_set_implemented(mod, f);
      main_.push_back(mod);
    }
  }
  if (!errors.empty()) return Error{errors, {}};
  // Imported modules are implemented too: their identities are valid identityref values only
  // then, and their data may appear in an instance.
  for (bool again = true; again;) {
    again = false;
    uint32_t i = 0;
    while (lys_module* m = ly_ctx_get_module_iter(ctx_, &i)) {
      if (m->implemented || std::find(builtin_.begin(), builtin_.end(), m->name) != builtin_.end())
        continue;
      bool newest = ly_ctx_get_module_latest(ctx_, m->name) == m;
      if (!newest || ly_ctx_get_module_implemented(ctx_, m->name)) continue;
      if (lys_set_implemented(m, nullptr) == LY_SUCCESS) again = true;
      take_messages();
      if (again) break;  // the module list may have changed
    }
  }
  // --features of modules that were not named: they are implemented by reference.
  for (const auto& [name, list] : features) {
    bool named = std::any_of(main_.begin(), main_.end(),
                             [&n = name](const lys_module* m) { return n == m->name; });
    if (named) continue;
    std::vector<const char*> arr;
    const char** f = feature_array(name, arr);
    take_messages();
    lys_module* mod = ly_ctx_get_module_implemented(ctx_, name.c_str());
    LY_ERR r = LY_SUCCESS;
    if (mod) {
      r = lys_set_implemented(mod, f);
    } else {
      mod = ly_ctx_load_module(ctx_, name.c_str(), nullptr, f);
      if (!mod) r = LY_ENOTFOUND;
    }
    if (r != LY_SUCCESS) {
      return Error{fmt::format("--features {}: {}", name, error_lines(take_messages(), name)), {}};
    }
  }
  return {};
}

std::vector<const lys_module*> YangContext::user_modules() const {
  std::vector<const lys_module*> out(main_.begin(), main_.end());
  uint32_t idx = 0;
  while (const lys_module* m = ly_ctx_get_module_iter(ctx_, &idx)) {
    if (!m->implemented) continue;
    if (std::find(out.begin(), out.end(), m) != out.end()) continue;
    if (std::find(builtin_.begin(), builtin_.end(), m->name) != builtin_.end()) continue;
    out.push_back(m);
  }
  return out;
}

}  // namespace cfgc::encoding

namespace cfgc::encoding {

const lysc_node* yang_data_parent(const lysc_node* n) {
  const lysc_node* p = n->parent;
  while (p && (p->nodetype & (LYS_CHOICE | LYS_CASE))) p = p->parent;
  return p;
}

std::string yang_member_name(const lysc_node* n) {
  const lysc_node* p = yang_data_parent(n);
  if (!p || p->module != n->module) return std::string(n->module->name) + ":" + n->name;
  return n->name;
}

std::string yang_schema_path(const lysc_node* n) {
  char* p = lysc_path(n, LYSC_PATH_LOG, nullptr, 0);
  std::string out = p ? p : n->name;
  free(p);
  return out;
}

}  // namespace cfgc::encoding

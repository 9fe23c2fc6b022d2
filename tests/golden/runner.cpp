// cfgc_golden_runner: runs one golden CLI case (a text archive, see tests/golden/README.md)
// and compares the command's exit code, stdout, stderr and created files with the expected
// ones recorded in the case.
//
//   cfgc_golden_runner [--timeout=SECONDS] CFGC_BINARY CASE.txtar
//
// Exit status: 0 the case passed (or was rewritten in update mode), 1 it failed, 2 the case
// file or the command line is malformed.
//
// Environment:
//   CFGC_UPDATE_GOLDEN=1  rewrite the case with the actual results instead of failing
//   CFGC_KEEP_WORK=1      keep the temporary work directory of a failing case

#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

constexpr int kExitPass = 0;
constexpr int kExitFail = 1;
constexpr int kExitMalformed = 2;

// A problem with the case file or the runner's arguments (not a test failure).
struct CaseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool env_flag(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::string_view(v) != "0";
}

// ---------------------------------------------------------------------------------------------
// Files

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}: {}", p.string(), std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

void write_file(const fs::path& p, std::string_view content) {
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", p.string()));
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  size_t i = 0;
  while ((i = s.find(from, i)) != std::string::npos) {
    s.replace(i, from.size(), to);
    i += to.size();
  }
}

// ---------------------------------------------------------------------------------------------
// The text archive

struct Section {
  std::string name;
  std::string content;
};

struct Archive {
  std::string header;  // every byte before the first marker line
  std::vector<Section> sections;
};

// "-- NAME --" → NAME; nullopt for any other line.
std::optional<std::string> marker_name(std::string_view line) {
  if (line.size() < 7 || !line.starts_with("-- ") || !line.ends_with(" --")) return std::nullopt;
  std::string_view name = line.substr(3, line.size() - 6);
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.empty()) return std::nullopt;
  return std::string(name);
}

Archive parse_archive(std::string_view text) {
  Archive a;
  Section* cur = nullptr;
  size_t content_start = 0;
  auto close = [&](size_t end) {
    if (cur) cur->content = std::string(text.substr(content_start, end - content_start));
    else a.header = std::string(text.substr(0, end));
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t line_end = nl == std::string_view::npos ? text.size() : nl;
    size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, line_end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (auto name = marker_name(line)) {
      close(pos);
      a.sections.push_back({*name, {}});
      cur = &a.sections.back();
      content_start = next;
    }
    pos = next;
  }
  close(text.size());
  // As in every text archive, a section ends with a newline.
  if (!a.sections.empty() && !a.sections.back().content.empty() &&
      a.sections.back().content.back() != '\n') {
    a.sections.back().content += '\n';
  }
  return a;
}

std::string format_archive(const Archive& a) {
  std::string out = a.header;
  if (!out.empty() && out.back() != '\n') out += '\n';
  for (const Section& s : a.sections) {
    out += fmt::format("-- {} --\n", s.name);
    out += s.content;
    if (!s.content.empty() && s.content.back() != '\n') out += '\n';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shell-like word splitting for `exec` and `env` lines: words are separated by blanks; single
// quotes group literally; double quotes group, with \" \\ \$ and \` escapes; outside quotes a
// backslash escapes the next character. $WORK (outside single quotes) expands to the work dir.

std::vector<std::string> split_words(std::string_view s, std::string_view work) {
  std::vector<std::string> words;
  std::string w;
  bool in_word = false;
  auto expand_work = [&](size_t& i) {
    // s[i] == '$': expand "$WORK" when not followed by an identifier character.
    constexpr std::string_view kVar = "$WORK";
    if (s.substr(i).starts_with(kVar)) {
      size_t after = i + kVar.size();
      bool ident = after < s.size() && (std::isalnum(static_cast<unsigned char>(s[after])) || s[after] == '_');
      if (!ident) {
        w += work;
        i = after;
        return true;
      }
    }
    return false;
  };
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::exchange(w, {}));
      in_word = false;
      ++i;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      size_t close = s.find('\'', i + 1);
      if (close == std::string_view::npos) throw CaseError("unterminated single quote");
      w += s.substr(i + 1, close - i - 1);
      i = close + 1;
    } else if (c == '"') {
      ++i;
      for (;;) {
        if (i >= s.size()) throw CaseError("unterminated double quote");
        char d = s[i];
        if (d == '"') {
          ++i;
          break;
        }
        if (d == '\\' && i + 1 < s.size() && std::strchr("\"\\$`", s[i + 1])) {
          w += s[i + 1];
          i += 2;
        } else if (d == '$' && expand_work(i)) {
        } else {
          w += d;
          ++i;
        }
      }
    } else if (c == '\\') {
      if (i + 1 >= s.size()) throw CaseError("backslash at end of line");
      w += s[i + 1];
      i += 2;
    } else if (c == '$' && expand_work(i)) {
    } else {
      w += c;
      ++i;
    }
  }
  if (in_word) words.push_back(std::move(w));
  return words;
}

// ---------------------------------------------------------------------------------------------
// The case: header directives and sections

struct Case {
  fs::path file;
  Archive archive;
  std::vector<std::string> header_lines;  // the header, split into lines (without '\n')
  std::string exec_text;                  // the exec line after "exec"
  size_t exec_line = 0;                   // index into header_lines
  int exit_code = 0;
  std::optional<size_t> exit_line;
  std::vector<std::string> env_texts;  // the env lines after "env"
  std::optional<std::string> stdin_section;
};

bool is_output_section(std::string_view name) {
  return name == "stdout" || name == "stderr" || name.starts_with("expect/");
}

// A section name must be a plain relative path inside the work directory.
void check_relative_path(std::string_view name, std::string_view what) {
  fs::path p(name);
  bool ok = !name.empty() && !p.is_absolute() && name.back() != '/';
  for (const auto& part : p) {
    if (part == ".." || part == "." || part.empty()) ok = false;
  }
  if (!ok) throw CaseError(fmt::format("{} '{}' is not a plain relative path", what, name));
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

Case parse_case(const fs::path& file) {
  Case c;
  c.file = file;
  c.archive = parse_archive(read_file(file));

  std::string_view h = c.archive.header;
  size_t pos = 0;
  while (pos < h.size()) {
    size_t nl = h.find('\n', pos);
    if (nl == std::string_view::npos) nl = h.size();
    c.header_lines.emplace_back(h.substr(pos, nl - pos));
    pos = nl + 1;
  }

  bool have_exec = false;
  for (size_t i = 0; i < c.header_lines.size(); ++i) {
    std::string line = trim(c.header_lines[i]);
    auto fail = [&](std::string msg) {
      throw CaseError(fmt::format("{}:{}: {}", file.string(), i + 1, msg));
    };
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find_first_of(" \t");
    std::string key = line.substr(0, sp);
    std::string rest = sp == std::string::npos ? "" : trim(std::string_view(line).substr(sp));
    try {
      if (key == "exec") {
        if (have_exec) fail("more than one exec line");
        if (split_words(rest, "$WORK").empty()) fail("exec needs a command");
        have_exec = true;
        c.exec_text = rest;
        c.exec_line = i;
      } else if (key == "exit") {
        if (c.exit_line) fail("more than one exit line");
        char* end = nullptr;
        long n = std::strtol(rest.c_str(), &end, 10);
        if (rest.empty() || *end != '\0' || n < 0 || n > 255) fail("exit needs a number 0..255");
        c.exit_code = static_cast<int>(n);
        c.exit_line = i;
      } else if (key == "env") {
        auto words = split_words(rest, "$WORK");
        if (words.empty()) fail("env needs NAME=VALUE");
        for (const auto& w : words) {
          size_t eq = w.find('=');
          if (eq == std::string::npos || eq == 0) fail(fmt::format("env: '{}' is not NAME=VALUE", w));
        }
        c.env_texts.push_back(rest);
      } else if (key == "stdin") {
        if (c.stdin_section) fail("more than one stdin line");
        auto words = split_words(rest, "$WORK");
        if (words.size() != 1) fail("stdin needs exactly one section name");
        c.stdin_section = words[0];
      } else {
        fail(fmt::format("unknown directive '{}' (expected exec, exit, env or stdin; comments start with #)", key));
      }
    } catch (const CaseError& e) {
      if (std::string_view(e.what()).starts_with(file.string())) throw;
      fail(e.what());
    }
  }
  if (!have_exec) throw CaseError(fmt::format("{}: the header has no exec line", file.string()));

  std::map<std::string, int> seen;
  for (const Section& s : c.archive.sections) {
    if (seen[s.name]++) throw CaseError(fmt::format("{}: duplicate section '{}'", file.string(), s.name));
    try {
      if (s.name.starts_with("expect/")) check_relative_path(s.name.substr(7), "expected file");
      else if (!is_output_section(s.name)) check_relative_path(s.name, "section");
    } catch (const CaseError& e) {
      throw CaseError(fmt::format("{}: {}", file.string(), e.what()));
    }
  }
  if (c.stdin_section) {
    if (!seen.count(*c.stdin_section) || is_output_section(*c.stdin_section)) {
      throw CaseError(fmt::format("{}: stdin names '{}', which is not an input section",
                                  file.string(), *c.stdin_section));
    }
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Running the command

pid_t g_child = 0;  // process group of the running command, killed if the runner is interrupted

void on_signal(int sig) {
  if (g_child > 0) kill(-g_child, SIGKILL);
  signal(sig, SIG_DFL);
  raise(sig);
}

struct RunResult {
  bool timed_out = false;
  int exit_code = -1;  // when the command exited normally
  int signal = 0;      // when it was killed by a signal
  std::string out, err;
};

struct SpawnError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

RunResult run_command(const std::vector<std::string>& argv, const std::string& program,
                      const std::vector<std::string>& env, const fs::path& cwd,
                      const fs::path& stdin_path, const fs::path& out_path,
                      const fs::path& err_path, std::chrono::seconds timeout) {
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&fa);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&fa, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());

  // Its own process group (so a timeout kills its children too), default signal handling and
  // an empty signal mask, whatever the runner inherited.
  sigset_t mask, defaults;
  sigemptyset(&mask);
  sigemptyset(&defaults);
  for (int s : {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&defaults, s);
  posix_spawnattr_setsigmask(&attr, &mask);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> cargv, cenv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  for (const auto& e : env) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);

  pid_t pid = 0;
  bool search_path = program.find('/') == std::string::npos;
  int rc = search_path ? posix_spawnp(&pid, program.c_str(), &fa, &attr, cargv.data(), cenv.data())
                       : posix_spawn(&pid, program.c_str(), &fa, &attr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw SpawnError(fmt::format("cannot run {}: {}", program, std::strerror(rc)));
  g_child = pid;

  RunResult r;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto nap = std::chrono::microseconds(500);
  int status = 0;
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) throw SpawnError(fmt::format("waitpid: {}", std::strerror(errno)));
    if (std::chrono::steady_clock::now() >= deadline) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(nap);
    nap = std::min(nap * 2, std::chrono::microseconds(20000));
  }
  kill(-pid, SIGKILL);  // leftover background children, if any
  g_child = 0;

  if (!r.timed_out) {
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  }
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Line diff (Myers' O(ND) algorithm), printed as hunks with three lines of context.

struct Line {
  std::string_view text;  // without the newline
  bool newline = true;    // false for a final line without '\n'
  bool operator==(const Line&) const = default;
};

std::vector<Line> split_lines(std::string_view s) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.push_back({s.substr(pos), false});
      break;
    }
    lines.push_back({s.substr(pos, nl - pos), true});
    pos = nl + 1;
  }
  return lines;
}

enum class Op { Equal, Del, Ins };
struct Edit {
  Op op;
  size_t a, b;  // line indexes in expected (a) and actual (b); the one of Ins/Del is unused
};

// The shortest edit script from a to b, or nullopt when it would need too much memory.
std::optional<std::vector<Edit>> myers(const std::vector<Line>& a, const std::vector<Line>& b) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  const long max = n + m;
  std::vector<long> v(2 * max + 3, 0);
  const long off = max + 1;
  std::vector<std::vector<long>> trace;  // trace[d][k + d]: furthest x on diagonal k after step d
  size_t stored = 0;
  long found = -1;
  for (long d = 0; d <= max && found < 0; ++d) {
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                         : v[off + k - 1] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[off + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.emplace_back(v.begin() + off - d, v.begin() + off + d + 1);
    stored += 2 * d + 1;
    if (stored > 40'000'000) return std::nullopt;
  }
  std::vector<Edit> edits;
  long x = n, y = m;
  for (long d = found; d > 0; --d) {
    const auto& prev = trace[d - 1];
    long k = x - y;
    auto at = [&](long kk) { return prev[kk + d - 1]; };
    bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
    long pk = down ? k + 1 : k - 1;
    long px = at(pk), py = px - pk;
    // The step was one edit from (px, py) to (mx, my), then a snake of equal lines to (x, y).
    long mx = down ? px : px + 1, my = down ? py + 1 : py;
    while (x > mx && y > my) {
      --x, --y;
      edits.push_back({Op::Equal, size_t(x), size_t(y)});
    }
    if (down) edits.push_back({Op::Ins, size_t(px), size_t(py)});
    else edits.push_back({Op::Del, size_t(px), size_t(py)});
    x = px, y = py;
  }
  while (x > 0 && y > 0) {
    --x, --y;
    edits.push_back({Op::Equal, size_t(x), size_t(y)});
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

std::string render_line(char mark, const Line& l) {
  std::string s = fmt::format("    {}{}\n", mark, l.text);
  if (!l.newline) s += "    \\ no newline at end\n";
  return s;
}

std::string line_diff(std::string_view expected, std::string_view actual) {
  auto a = split_lines(expected), b = split_lines(actual);
  auto script = myers(a, b);
  std::vector<Edit> edits;
  if (script) {
    edits = std::move(*script);
  } else {  // too different to diff cheaply: everything out, everything in
    for (size_t i = 0; i < a.size(); ++i) edits.push_back({Op::Del, i, 0});
    for (size_t j = 0; j < b.size(); ++j) edits.push_back({Op::Ins, a.size(), j});
  }

  constexpr size_t kContext = 3;
  constexpr size_t kMaxLines = 400;
  std::string out;
  size_t printed = 0, omitted = 0;
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == Op::Equal) {
      ++i;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext lines after the last change
    // that is at most 2*kContext equal lines away from the previous one.
    size_t start = i >= kContext ? i - kContext : 0;
    while (start < i && edits[start].op != Op::Equal) ++start;
    size_t end = i;
    for (;;) {
      while (end < edits.size() && edits[end].op != Op::Equal) ++end;
      size_t eq = end;
      while (eq < edits.size() && edits[eq].op == Op::Equal) ++eq;
      if (eq < edits.size() && eq - end <= 2 * kContext) {
        end = eq;
        continue;
      }
      end = std::min(edits.size(), end + kContext);
      break;
    }
    size_t a0 = edits[start].a, b0 = edits[start].b, na = 0, nb = 0;
    for (size_t k = start; k < end; ++k) {
      if (edits[k].op != Op::Ins) ++na;
      if (edits[k].op != Op::Del) ++nb;
    }
    std::string hunk = fmt::format("    @@ -{},{} +{},{} @@\n", a0 + 1, na, b0 + 1, nb);
    for (size_t k = start; k < end; ++k) {
      const Edit& e = edits[k];
      if (e.op == Op::Equal) hunk += render_line(' ', a[e.a]);
      else if (e.op == Op::Del) hunk += render_line('-', a[e.a]);
      else hunk += render_line('+', b[e.b]);
    }
    size_t lines = static_cast<size_t>(std::count(hunk.begin(), hunk.end(), '\n'));
    if (printed + lines > kMaxLines) {
      omitted += lines;
    } else {
      out += hunk;
      printed += lines;
    }
    i = end;
  }
  if (omitted) out += fmt::format("    ... {} more diff lines not shown\n", omitted);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The case run

struct Options {
  fs::path cfgc;
  fs::path case_file;
  std::chrono::seconds timeout{60};
};

std::string describe_exit(const RunResult& r, std::chrono::seconds timeout) {
  if (r.timed_out) return fmt::format("timed out after {} s (killed)", timeout.count());
  if (r.signal) return fmt::format("killed by signal {} ({})", r.signal, strsignal(r.signal));
  return fmt::format("{}", r.exit_code);
}

int run_case(const Options& opt) {
  Case c = parse_case(opt.case_file);
  const bool update = env_flag("CFGC_UPDATE_GOLDEN");
  const bool keep = env_flag("CFGC_KEEP_WORK");

  // root/work is the command's working directory; its outputs and TMPDIR live beside it, so
  // the command sees only the case's files.
  std::string tmpl = (fs::temp_directory_path() / "cfgc-golden-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error(fmt::format("mkdtemp: {}", std::strerror(errno)));
  const fs::path root = tmpl;
  const fs::path work = root / "work";
  fs::create_directories(work);
  fs::create_directories(root / "tmp");
  const std::string work_str = work.string();
  const std::string work_real = fs::canonical(work).string();

  bool passed = false;
  auto cleanup = [&] {
    if (!passed && keep) {
      fmt::print("work directory kept: {}\n", work_str);
    } else {
      std::error_code ec;
      fs::remove_all(root, ec);
    }
  };

  try {
    for (const Section& s : c.archive.sections) {
      if (!is_output_section(s.name)) write_file(work / s.name, s.content);
    }

    std::vector<std::string> argv = split_words(c.exec_text, work_str);
    std::string program = argv[0];
    if (program == "cfgc") program = opt.cfgc.string();

    // A small fixed environment, so results do not depend on the developer's shell.
    std::map<std::string, std::string> env;
    const char* path = std::getenv("PATH");
    // The binary under test comes first, so `exec sh -c '... cfgc ...'` runs it too.
    env["PATH"] = fs::absolute(opt.cfgc).parent_path().string() + ":" + (path ? path : "/usr/local/bin:/usr/bin:/bin");
    env["HOME"] = work_str;
    env["WORK"] = work_str;
    env["TMPDIR"] = (root / "tmp").string();
    env["LC_ALL"] = "C";
    env["TZ"] = "UTC";
    for (const char* pass : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "LLVM_PROFILE_FILE", "CFGC_SOURCE_DIR"}) {
      if (const char* v = std::getenv(pass)) env[pass] = v;
    }
    for (const auto& text : c.env_texts) {
      for (const auto& w : split_words(text, work_str)) {
        size_t eq = w.find('=');
        env[w.substr(0, eq)] = w.substr(eq + 1);
      }
    }
    std::vector<std::string> env_list;
    for (const auto& [k, v] : env) env_list.push_back(k + "=" + v);

    fs::path stdin_path = c.stdin_section ? work / *c.stdin_section : fs::path("/dev/null");
    RunResult r = run_command(argv, program, env_list, work, stdin_path, root / "stdout",
                              root / "stderr", opt.timeout);

    auto normalize = [&](std::string s) {
      if (work_real.size() > work_str.size()) {
        replace_all(s, work_real, "$WORK");
        replace_all(s, work_str, "$WORK");
      } else {
        replace_all(s, work_str, "$WORK");
        replace_all(s, work_real, "$WORK");
      }
      return s;
    };
    r.out = normalize(std::move(r.out));
    r.err = normalize(std::move(r.err));

    // Actual contents of the expect/ files (nullopt: missing or not a regular file).
    std::map<std::string, std::optional<std::string>> produced;
    for (const Section& s : c.archive.sections) {
      if (!s.name.starts_with("expect/")) continue;
      fs::path p = work / s.name.substr(7);
      std::error_code ec;
      if (fs::is_regular_file(p, ec)) produced[s.name] = normalize(read_file(p));
      else produced[s.name] = std::nullopt;
    }

    std::string cmdline;
    for (const auto& a : argv) {
      if (!cmdline.empty()) cmdline += ' ';
      bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`;&|<>()*?[]{}#~") == std::string::npos;
      if (plain) {
        cmdline += a;
      } else {  // single-quoted, as a shell would need it
        cmdline += '\'';
        for (char ch : a) cmdline += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
        cmdline += '\'';
      }
    }
    cmdline = normalize(std::move(cmdline));
    std::string report;

    if (r.timed_out || r.signal) {
      // Never recorded, not even in update mode.
      report += fmt::format("  FAIL exit: {}\n", describe_exit(r, opt.timeout));
      if (!r.out.empty()) report += "  stdout:\n" + line_diff("", r.out);
      if (!r.err.empty()) report += "  stderr:\n" + line_diff("", r.err);
    } else if (update) {
      Archive a = c.archive;
      // The exit line: rewritten in place, or added after exec when the code is not 0.
      std::vector<std::string> lines = c.header_lines;
      if (c.exit_line) {
        lines[*c.exit_line] = fmt::format("exit {}", r.exit_code);
      } else if (r.exit_code != 0) {
        lines.insert(lines.begin() + static_cast<long>(c.exec_line) + 1, fmt::format("exit {}", r.exit_code));
      }
      a.header.clear();
      for (size_t i = 0; i < lines.size(); ++i) {
        a.header += lines[i];
        if (i + 1 < lines.size() || c.archive.header.ends_with('\n')) a.header += '\n';
      }

      std::vector<Section> secs;
      bool have_out = false, have_err = false;
      auto outputs_insert_at = [&] {
        // New stdout/stderr sections go before the first expect/ section, or at the end.
        for (size_t i = 0; i < secs.size(); ++i) {
          if (secs[i].name.starts_with("expect/")) return i;
        }
        return secs.size();
      };
      for (const Section& s : c.archive.sections) {
        if (s.name == "stdout" || s.name == "stderr") {
          const std::string& actual = s.name == "stdout" ? r.out : r.err;
          (s.name == "stdout" ? have_out : have_err) = true;
          if (!actual.empty()) secs.push_back({s.name, actual});
        } else if (s.name.starts_with("expect/")) {
          if (produced[s.name]) {
            secs.push_back({s.name, *produced[s.name]});
          } else {
            fmt::print("warning: {} was not created; its section is dropped\n", s.name.substr(7));
          }
        } else {
          secs.push_back(s);
        }
      }
      if (!have_out && !r.out.empty()) {
        secs.insert(secs.begin() + static_cast<long>(outputs_insert_at()), Section{"stdout", r.out});
      }
      if (!have_err && !r.err.empty()) {
        // After stdout when both are new or stdout exists.
        size_t at = outputs_insert_at();
        for (size_t i = 0; i < secs.size(); ++i) {
          if (secs[i].name == "stdout") at = i + 1;
        }
        secs.insert(secs.begin() + static_cast<long>(at), Section{"stderr", r.err});
      }
      for (const auto& [name, content] : std::initializer_list<std::pair<const char*, const std::string*>>{
               {"stdout", &r.out}, {"stderr", &r.err}}) {
        if (!content->empty() && content->back() != '\n') {
          fmt::print("warning: {} does not end with a newline; the case records one, so it will "
                     "keep failing until the command prints a final newline\n", name);
        }
      }
      a.sections = std::move(secs);
      std::string text = format_archive(a);
      std::string old = read_file(c.file);
      if (text == old) {
        fmt::print("golden case up to date: {}\n", c.file.string());
      } else {
        fs::path tmp = c.file;
        tmp += ".tmp";
        write_file(tmp, text);
        fs::rename(tmp, c.file);
        fmt::print("golden case updated: {} (review with git diff)\n", c.file.string());
      }
      passed = true;
      cleanup();
      return kExitPass;
    } else {
      if (r.exit_code != c.exit_code) {
        report += fmt::format("  FAIL exit code: expected {}, got {}\n", c.exit_code, r.exit_code);
      }
      auto section = [&](std::string_view name) -> std::string {
        for (const Section& s : c.archive.sections) {
          if (s.name == name) return s.content;
        }
        return {};
      };
      for (const auto& [name, actual] : std::initializer_list<std::pair<const char*, const std::string*>>{
               {"stdout", &r.out}, {"stderr", &r.err}}) {
        std::string expected = section(name);
        if (expected != *actual) {
          report += fmt::format("  FAIL {} differs (- expected, + actual):\n", name);
          report += line_diff(expected, *actual);
        }
      }
      for (const Section& s : c.archive.sections) {
        if (!s.name.starts_with("expect/")) continue;
        const auto& got = produced[s.name];
        std::string rel = s.name.substr(7);
        if (!got) {
          report += fmt::format("  FAIL file {}: not created (or not a regular file)\n", rel);
        } else if (*got != s.content) {
          report += fmt::format("  FAIL file {} differs (- expected, + actual):\n", rel);
          report += line_diff(s.content, *got);
        }
      }
    }

    if (report.empty()) {
      passed = true;
      cleanup();
      return kExitPass;
    }
    fmt::print("golden case failed: {}\n  command: {}\n{}", c.file.string(), cmdline, report);
    if (!keep) {
      fmt::print("Rerun with CFGC_KEEP_WORK=1 to keep the work directory, or with "
                 "CFGC_UPDATE_GOLDEN=1 to record the actual results in the case.\n");
    }
    cleanup();
    return kExitFail;
  } catch (...) {
    cleanup();
    throw;
  }
}

int usage() {
  fmt::print(stderr, "usage: cfgc_golden_runner [--timeout=SECONDS] CFGC_BINARY CASE.txtar\n");
  return kExitMalformed;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  std::vector<std::string> pos;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a.starts_with("--timeout=")) {
      char* end = nullptr;
      long s = std::strtol(argv[i] + 10, &end, 10);
      if (*end != '\0' || s <= 0) return usage();
      opt.timeout = std::chrono::seconds(s);
    } else if (a.starts_with("-")) {
      return usage();
    } else {
      pos.emplace_back(a);
    }
  }
  if (pos.size() != 2) return usage();
  opt.cfgc = fs::absolute(pos[0]);
  opt.case_file = pos[1];

  for (int sig : {SIGINT, SIGTERM, SIGHUP}) signal(sig, on_signal);
  try {
    int rc = run_case(opt);
    std::fflush(stdout);
    return rc;
  } catch (const CaseError& e) {
    fmt::print(stderr, "malformed golden case: {}\n", e.what());
    return kExitMalformed;
  } catch (const SpawnError& e) {
    fmt::print("golden case failed: {}\n  {}\n", opt.case_file.string(), e.what());
    return kExitFail;
  } catch (const std::exception& e) {
    fmt::print(stderr, "cfgc_golden_runner: {}\n", e.what());
    return kExitMalformed;
  }
}

#include "flow/task_kinds.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "deploy/push/device_spec.h"
#include "deploy/push/http_client.h"
#include "flow/exec_process.h"

extern char** environ;

namespace cfgc::flow {

namespace fs = std::filesystem;
using nlohmann::json;

void TaskEnv::print(const std::string& text, bool to_stderr) const {
  std::string t = push::redact(text, secrets);
  std::unique_lock<std::mutex> lock;
  if (out_lock) lock = std::unique_lock<std::mutex>(*out_lock);
  std::FILE* f = to_stderr ? stderr : stdout;
  std::fwrite(t.data(), 1, t.size(), f);
  std::fflush(f);
}

namespace {

std::string str(const json& j, const char* key, const std::string& def = "") {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : def;
}

// The last lines of a program's error output, for a failure message.
std::string tail(const std::string& text, size_t max = 600) {
  std::string t = text.size() > max ? "…" + text.substr(text.size() - max) : text;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

// cmd as a list, or a string split on spaces (cue's rule).
std::vector<std::string> argv_of(const json& cmd) {
  std::vector<std::string> argv;
  if (cmd.is_string()) {
    std::istringstream in(cmd.get<std::string>());
    for (std::string w; in >> w;) argv.push_back(w);
  } else if (cmd.is_array()) {
    for (const json& a : cmd) argv.push_back(a.is_string() ? a.get<std::string>() : a.dump());
  }
  return argv;
}

Result<json> run_exec(const json& t, const TaskEnv& env) {
  std::vector<std::string> argv = argv_of(t.value("cmd", json()));
  std::optional<std::vector<std::string>> environment;
  if (auto e = t.find("env"); e != t.end()) {
    std::vector<std::string> vars;
    if (e->is_object()) {
      for (auto it = e->begin(); it != e->end(); ++it)
        vars.push_back(it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump()));
    } else if (e->is_array()) {
      for (const json& v : *e) vars.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    }
    if (!vars.empty()) environment = std::move(vars);
  }
  Result<ProcessRun> r = run_process(argv, environment, str(t, "dir"), str(t, "stdin"));
  if (!r) return std::move(r).error();
  bool ok = r->exit_code == 0;
  // Output not asked for (stdout: null) is printed, whole.
  bool capture_out = !t.contains("stdout") || !t["stdout"].is_null();
  bool capture_err = !t.contains("stderr") || !t["stderr"].is_null();
  bool fails = !ok && t.value("mustSucceed", true);
  if (!capture_out && !r->stdout_text.empty()) env.print(r->stdout_text);
  // A failure's error output is part of its message: not printed twice.
  if (!capture_err && !r->stderr_text.empty() && !fails) env.print(r->stderr_text, true);
  if (fails) {
    std::string why = r->signal ? fmt::format("{} was killed by signal {}", argv[0], r->signal)
                                : fmt::format("{} exited with code {}", argv[0], r->exit_code);
    if (!r->stderr_text.empty()) why += ":\n" + tail(r->stderr_text);
    return Error{why};
  }
  json out = {{"success", ok}};
  if (capture_out) out["stdout"] = r->stdout_text;
  if (capture_err) out["stderr"] = r->stderr_text;
  return out;
}

}  // namespace

Result<push::HttpRequest> http_request(const json& t, const TaskEnv& env) {
  push::HttpRequest req;
  req.method = str(t, "method", "GET");
  req.url = str(t, "url");
  if (req.url.empty()) return Error{"no url"};
  req.timeout_ms = env.http_timeout_ms;
  req.connect_timeout_ms = std::min(10000L, env.http_timeout_ms);
  json request = t.value("request", json::object());
  req.body = str(request, "body");
  json headers = request.value("header", json::object());
  for (auto& [name, v] : headers.items()) {
    if (v.is_array()) {
      for (const json& x : v)
        req.headers.push_back(name + ": " + (x.is_string() ? x.get<std::string>() : x.dump()));
    } else {
      req.headers.push_back(name + ": " + (v.is_string() ? v.get<std::string>() : v.dump()));
    }
  }
  json tls = t.value("tls", json::object());
  req.tls.verify = tls.value("verify", true);
  req.tls.ca_pem = str(tls, "caCert");
  return req;
}

Result<json> http_result(const push::HttpRequest& req, const push::HttpResponse& r) {
  if (!r.error.empty()) {
    return Error{fmt::format("{} {}: {}{}", req.method, req.url,
                             r.timed_out ? "no answer in time: " : "", r.error)};
  }
  json header = json::object();
  for (const auto& [k, v] : r.headers) {
    if (!header.contains(k)) header[k] = json::array();
    header[k].push_back(v);
  }
  std::string status = r.status_line.empty() ? std::to_string(r.status) : r.status_line;
  return json{{"response",
               {{"status", status},
                {"statusCode", r.status},
                {"body", r.body},
                {"header", header},
                {"trailer", json::object()}}}};
}

namespace {

Result<json> run_http(const json& t, const TaskEnv& env) {
  Result<push::HttpRequest> req = http_request(t, env);
  if (!req) return std::move(req).error();
  return http_result(*req, push::perform(*req));
}

Result<std::string> read_whole(const std::string& name) {
  std::ifstream in(name, std::ios::binary);
  if (!in) return Error{fmt::format("cannot read {}: {}", name, std::strerror(errno))};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result<json> write_file(const json& t, bool append) {
  std::string name = str(t, "filename");
  int perm = t.value("permissions", 0666);
  int fd =
      ::open(name.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), perm);
  if (fd < 0) return Error{fmt::format("cannot write {}: {}", name, std::strerror(errno))};
  std::string contents = str(t, "contents");
  size_t done = 0;
  while (done < contents.size()) {
    ssize_t w = ::write(fd, contents.data() + done, contents.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return Error{fmt::format("cannot write {}: {}", name, std::strerror(errno))};
    }
    done += static_cast<size_t>(w);
  }
  ::close(fd);
  return json::object();
}

Result<json> run_glob(const json& t) {
  std::string pattern = str(t, "glob");
  glob_t g{};
  int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
  json files = json::array();
  if (rc == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) files.push_back(g.gl_pathv[i]);
  }
  globfree(&g);
  if (rc != 0 && rc != GLOB_NOMATCH)
    return Error{fmt::format("glob {}: cannot read the directories", pattern)};
  return json{{"files", files}};
}

Result<json> run_mkdir(const json& t, bool parents) {
  std::string path = str(t, "path");
  std::error_code ec;
  if (parents || t.value("createParents", false)) {
    fs::create_directories(path, ec);
  } else if (!fs::create_directory(path, ec) && !ec) {
    return Error{fmt::format("mkdir {}: already exists", path)};
  }
  if (ec) return Error{fmt::format("mkdir {}: {}", path, ec.message())};
  return json::object();
}

Result<json> run_mkdir_temp(const json& t) {
  std::string dir = str(t, "dir");
  if (dir.empty()) dir = fs::temp_directory_path().string();
  std::string pattern = str(t, "pattern");
  std::string prefix = pattern, suffix;
  if (auto star = pattern.rfind('*'); star != std::string::npos) {
    prefix = pattern.substr(0, star);
    suffix = pattern.substr(star + 1);
  }
  if (!suffix.empty()) return Error{"MkdirTemp: a pattern with text after '*' is not supported"};
  std::string tmpl = (fs::path(dir) / (prefix + "XXXXXX")).string();
  if (!mkdtemp(tmpl.data()))
    return Error{fmt::format("MkdirTemp in {}: {}", dir, std::strerror(errno))};
  return json{{"path", tmpl}};
}

Result<json> run_remove_all(const json& t) {
  std::error_code ec;
  std::uintmax_t n = fs::remove_all(str(t, "path"), ec);
  if (ec) return Error{fmt::format("RemoveAll {}: {}", str(t, "path"), ec.message())};
  return json{{"success", n > 0}};
}

Result<json> run_ask(const json& t, const TaskEnv& env, bool want_bool) {
  std::string line;
  {
    std::unique_lock<std::mutex> lock;
    if (env.out_lock) lock = std::unique_lock<std::mutex>(*env.out_lock);
    std::fputs((str(t, "prompt") + " ").c_str(), stdout);
    std::fflush(stdout);
    // As cue's cli.Ask (Go's fmt.Scan): one word, blanks and newlines around it skipped.
    if (!(std::cin >> line)) return Error{"no answer: standard input is closed"};
  }
  if (want_bool) {
    // cue's rule: "yes" in any case is true, anything else false ("y" too).
    std::string l = line;
    std::transform(l.begin(), l.end(), l.begin(), ::tolower);
    return json{{"response", l == "yes"}};
  }
  return json{{"response", line}};
}

std::vector<TaskKind> make_kinds() {
  std::vector<TaskKind> k;
  k.push_back({"tool/exec.Run",
               {"stdout", "stderr", "success"},
               false,
               {"env", "dir", "stdin"},
               [](const json& t, const TaskEnv& e) { return run_exec(t, e); }});
  k.push_back({"tool/http.Do",
               {"response"},
               false,
               {"request.body", "tls.caCert"},
               [](const json& t, const TaskEnv& e) { return run_http(t, e); },
               true});
  k.push_back({"tool/file.Read",
               {"contents"},
               false,
               {},
               [](const json& t, const TaskEnv&) -> Result<json> {
                 Result<std::string> c = read_whole(str(t, "filename"));
                 if (!c) return std::move(c).error();
                 return json{{"contents", *c}};
               }});
  k.push_back({"tool/file.Create", {}, false, {}, [](const json& t, const TaskEnv&) {
                 return write_file(t, false);
               }});
  k.push_back({"tool/file.Append", {}, false, {}, [](const json& t, const TaskEnv&) {
                 return write_file(t, true);
               }});
  k.push_back({"tool/file.Glob", {"files"}, false, {}, [](const json& t, const TaskEnv&) {
                 return run_glob(t);
               }});
  k.push_back({"tool/file.Mkdir", {}, false, {}, [](const json& t, const TaskEnv&) {
                 return run_mkdir(t, false);
               }});
  k.push_back({"tool/file.MkdirAll", {}, false, {}, [](const json& t, const TaskEnv&) {
                 return run_mkdir(t, true);
               }});
  k.push_back({"tool/file.MkdirTemp", {"path"}, false, {}, [](const json& t, const TaskEnv&) {
                 return run_mkdir_temp(t);
               }});
  k.push_back({"tool/file.RemoveAll", {"success"}, false, {}, [](const json& t, const TaskEnv&) {
                 return run_remove_all(t);
               }});
  k.push_back(
      {"tool/cli.Print", {}, false, {}, [](const json& t, const TaskEnv& e) -> Result<json> {
         e.print(str(t, "text") + "\n");
         return json::object();
       }});
  k.push_back({"tool/cli.Ask", {"response"}, false, {}, [](const json& t, const TaskEnv& e) {
                 // `response: bool` asks a yes/no question; otherwise the line is the answer.
                 bool want_bool = t.contains("$open") && t["$open"].value("response", "") == "bool";
                 return run_ask(t, e, want_bool);
               }});
  k.push_back({"tool/os.Getenv", {}, true, {}, [](const json& t, const TaskEnv&) -> Result<json> {
                 json out = json::object();
                 for (auto& [name, v] : t.items()) {
                   if (name.starts_with("$")) continue;
                   (void)v;
                   const char* val = std::getenv(name.c_str());
                   out[name] = val ? json(val) : json(nullptr);
                 }
                 return out;
               }});
  k.push_back({"tool/os.Environ", {}, true, {}, [](const json&, const TaskEnv&) -> Result<json> {
                 json out = json::object();
                 for (char** e = environ; e && *e; ++e) {
                   std::string kv = *e;
                   size_t eq = kv.find('=');
                   if (eq != std::string::npos && eq > 0) out[kv.substr(0, eq)] = kv.substr(eq + 1);
                 }
                 return out;
               }});
  return k;
}

}  // namespace

const TaskKind* find_task_kind(const std::string& id) {
  static const std::vector<TaskKind> kinds = make_kinds();
  std::string want = id == "exec"    ? "tool/exec.Run"
                     : id == "http"  ? "tool/http.Do"
                     : id == "print" ? "tool/cli.Print"
                                     : id;
  for (const TaskKind& k : kinds) {
    if (k.id == want) return &k;
  }
  return nullptr;
}

}  // namespace cfgc::flow

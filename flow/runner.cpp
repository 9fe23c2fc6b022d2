#include "flow/runner.h"

#include <fmt/core.h>
#include <signal.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "compiler/base/diagnostic.h"
#include "compiler/base/quote.h"
#include "compiler/eval/label.h"
#include "compiler/eval/value.h"
#include "deploy/push/device_spec.h"
#include "flow/task_kinds.h"
#include "flow/task_value.h"

namespace cfgc::flow {

namespace {

using nlohmann::json;

eval::Vertex* field(eval::Evaluator& ev, eval::Vertex* v, std::string_view name) {
  if (!v) return nullptr;
  ev.evaluate(v);
  for (eval::Vertex* a : v->arcs) {
    if (eval::label_name(a->label) == name) return a;
  }
  return nullptr;
}

std::string string_field(eval::Evaluator& ev, eval::Vertex* v, std::string_view name) {
  eval::Vertex* f = field(ev, v, name);
  if (!f) return "";
  ev.evaluate(f);
  const eval::Value* x = ev.concrete_value(f);
  return x && x->vk == eval::VK::String ? std::string(x->str) : "";
}

bool is_keyword(std::string_view s) {
  static const char* kw[] = {"if",   "for",    "in",      "let", "true", "false",
                             "null", "import", "package", "_",   "__"};
  return std::find(std::begin(kw), std::end(kw), s) != std::end(kw);
}

// A label as CUE source: an identifier, or a quoted string.
std::string cue_label(std::string_view l) {
  bool ident = !l.empty() && !is_keyword(l);
  for (size_t i = 0; i < l.size() && ident; ++i) {
    char c = l[i];
    ident = std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
            (i > 0 && std::isdigit(static_cast<unsigned char>(c)));
  }
  return ident ? std::string(l) : json(std::string(l)).dump();
}

struct Task {
  std::string path;                 // command.deploy.fetch
  std::vector<std::string> labels;  // below command.NAME
  const TaskKind* kind = nullptr;
  enum State { Pending, Queued, Running, Done, Failed, Skipped } state = Pending;
  json input;
  json result;
  std::string error;
  std::string waiting_on;  // the open input, for "never became concrete"
  Pos pos;
  std::vector<size_t> deps;
  bool filled = false;
};

// A task that ended: its result, or for tool/http the exchange, read into a result by the
// runner's thread (the HTTP loop's thread goes straight back to the network).
struct Completion {
  size_t task;
  Result<json> result;
  std::optional<std::pair<push::HttpRequest, push::HttpResponse>> http;
  size_t started = kNone;  // the handed-off task the HTTP loop started in this one's place
  static constexpr size_t kNone = static_cast<size_t>(-1);
};

class Runner {
 public:
  Runner(load::Build& build, eval::Vertex* root, const RunOptions& opts)
      : build_(build), root0_(root), opts_(opts) {
    env_.out_lock = &out_lock_;
    env_.http_timeout_ms = opts.http_timeout_ms;
    env_.secrets = opts.secrets;
  }
  // Every way out of run() joins; this covers an exception on the way.
  ~Runner() { join_all(); }

  int run() {
    signal(SIGPIPE, SIG_IGN);
    bool need_eval = true;
    bool evaluated_after_last_fill = false;
    for (;;) {
      if (need_eval) {
        if (!evaluate()) return finish(1);
        need_eval = false;
        evaluated_after_last_fill = true;
      }
      start_ready();
      if (running_ == 0 && queue_.empty()) {
        bool pending = std::any_of(tasks_.begin(), tasks_.end(),
                                   [](const Task& t) { return t.state == Task::Pending; });
        if (!evaluated_after_last_fill && (pending || dynamic_)) {
          // Results came in since the last look: they may let tasks run, or add new ones
          // (only where the last look met a value still waiting: otherwise the tasks found
          // are all there will be).
          need_eval = true;
          continue;
        }
        if (pending) report_stuck();
        break;
      }
      // Wait for at least one task to end.
      std::vector<Completion> done;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return !completions_.empty(); });
        done.swap(completions_);
      }
      // Their places go to the next ready tasks first: what follows can wait, they cannot.
      running_ -= done.size();
      for (const Completion& c : done) {
        if (c.started == Completion::kNone) continue;
        ++running_;
        tasks_[c.started].state = Task::Running;
        if (opts_.verbose) say(fmt::format("{}: started\n", tasks_[c.started].path));
      }
      start_ready();
      for (Completion& c : done) {
        if (c.http) c.result = http_result(c.http->first, c.http->second);
        Task& t = tasks_[c.task];
        // Tasks waiting for this one are looked at again (with its results, if any).
        evaluated_after_last_fill = false;
        if (c.result) {
          t.state = Task::Done;
          t.result = std::move(*c.result);
          if (!t.result.empty()) unfilled_.push_back(c.task);
          if (opts_.verbose) say(fmt::format("{}: done\n", t.path));
        } else {
          t.state = Task::Failed;
          t.error = c.result.error().message;
          report_failure(t);
        }
      }
      // Re-evaluate now only if a task is waiting (for an input, or for a task that ended);
      // ready tasks already have their inputs.
      bool waiting = std::any_of(tasks_.begin(), tasks_.end(),
                                 [](const Task& t) { return t.state == Task::Pending; });
      bool any_failed_now =
          std::any_of(done.begin(), done.end(), [](const Completion& c) { return !c.result; });
      if ((waiting || any_failed_now) && !evaluated_after_last_fill) need_eval = true;
      if (waiting && any_failed_now) need_eval = true;
    }
    return finish(0);
  }

 private:
  int finish(int code) {
    join_all();
    bool failed = std::any_of(tasks_.begin(), tasks_.end(), [](const Task& t) {
      return t.state == Task::Failed || t.state == Task::Skipped || t.state == Task::Pending;
    });
    if (tasks_.empty() && code == 0 && !no_command_) {
      say(fmt::format(
          "cfgc: command {} has no tasks (structs with a $id such as exec.Run or cli.Print)\n",
          opts_.command));
    }
    return failed || code != 0 ? 1 : 0;
  }

  void say(const std::string& text) {
    std::lock_guard<std::mutex> lock(out_lock_);
    std::string t = push::redact(text, opts_.secrets);
    std::fwrite(t.data(), 1, t.size(), stderr);
  }

  std::string where(Pos p) {
    if (!p.valid()) return "";
    Diagnostic d;
    d.pos = p;
    d.message = "x";
    d.path = "x";
    // format_cue_style prints "x: x:\n    file:line:col\n": keep the position line.
    std::string s = format_cue_style(build_.files(), d);
    size_t nl = s.find('\n');
    return nl == std::string::npos ? "" : s.substr(nl + 1);
  }

  void report_failure(const Task& t) {
    std::string msg = fmt::format("{}: {} failed: {}\n{}", t.path, t.kind ? t.kind->id : "task",
                                  t.error, where(t.pos));
    say(msg);
  }

  void report_stuck() {
    for (Task& t : tasks_) {
      if (t.state != Task::Pending) continue;
      std::string why = t.waiting_on.empty()
                            ? "it waits for a task that cannot run"
                            : fmt::format("{} never became concrete", t.waiting_on);
      for (size_t d : t.deps) {
        if (tasks_[d].state == Task::Pending)
          why = fmt::format("it waits for {}, which cannot run", tasks_[d].path);
      }
      say(fmt::format("{}: not run: {}\n{}", t.path, why, where(t.pos)));
    }
  }

  // The instance with every result so far, evaluated; tasks found and their states updated.
  bool evaluate() {
    eval::Evaluator& ev = build_.evaluator();
    eval::Vertex* root = root0_;
    // Results are written out as CUE only when they are read back: a command whose tasks
    // are all known from the start never needs them.
    for (size_t i : unfilled_) add_fill(tasks_[i]);
    unfilled_.clear();
    if (!fills_.empty()) {
      syntax::File* f = build_.parse_text("<task results>", fills_);
      eval::StructExpr* doc = f ? build_.compile_data(f) : nullptr;
      if (!doc || build_.diagnostics().has_errors()) {
        say("cfgc: internal error: the task results could not be read back\n");
        return false;
      }
      root = build_.new_root(doc);
    }
    ev.evaluate(root);
    eval::Vertex* cmd = field(ev, field(ev, root, "command"), opts_.command);
    if (!cmd) {
      no_command_ = true;
      say(fmt::format("cfgc: no command {} (command: {}: {{...}} in a *_tool.cue file)\n",
                      opts_.command, opts_.command));
      return false;
    }
    std::vector<std::pair<std::vector<std::string>, eval::Vertex*>> found;
    dynamic_ = false;
    discover(ev, cmd, {}, found);
    // Tasks by path; new ones appended in the order found.
    std::vector<eval::Vertex*> vertex_of(tasks_.size(), nullptr);
    for (auto& [labels, v] : found) {
      std::string path = eval::Evaluator::path_of(v);
      auto it = index_.find(path);
      size_t i;
      if (it == index_.end()) {
        Task t;
        t.path = path;
        t.labels = labels;
        t.kind = find_task_kind(string_field(ev, v, "$id"));
        for (const eval::Conjunct& c : v->conjuncts) {
          if (c.pos.valid()) {
            t.pos = c.pos;
            break;
          }
        }
        i = tasks_.size();
        tasks_.push_back(std::move(t));
        index_[path] = i;
        vertex_of.push_back(v);
      } else {
        i = it->second;
        vertex_of[i] = v;
      }
    }
    // Dependencies and readiness of the tasks still pending.
    for (size_t i = 0; i < tasks_.size(); ++i) {
      Task& t = tasks_[i];
      if (t.state != Task::Pending || !vertex_of[i]) continue;
      eval::Vertex* v = vertex_of[i];
      t.deps.clear();
      // References, followed through values that are not tasks (escapedID: a value computed
      // from createRevision's response makes createRevision a dependency).
      std::vector<eval::Vertex*> todo = ev.references(v);
      std::unordered_set<eval::Vertex*> seen;
      while (!todo.empty()) {
        eval::Vertex* r = todo.back();
        todo.pop_back();
        if (!seen.insert(r).second) continue;
        std::string rp = eval::Evaluator::path_of(r);
        bool in_task = false;
        // The task the reference is in: rp itself or a prefix of it ending before a '.'
        // (a task's path is a prefix of no other task's).
        for (std::string_view p = rp;;) {
          if (auto it = index_.find(p); it != index_.end()) {
            in_task = true;
            size_t j = it->second;
            if (j != i && std::find(t.deps.begin(), t.deps.end(), j) == t.deps.end())
              t.deps.push_back(j);
            break;
          }
          size_t dot = p.rfind('.');
          if (dot == std::string_view::npos) break;
          p = p.substr(0, dot);
        }
        // A struct holding tasks (`fetch` of `fetch: a: http.Get`) is followed no further.
        auto below = index_.lower_bound(rp + '.');
        bool holds_task = below != index_.end() && below->first.starts_with(rp + '.');
        if (!in_task && !holds_task && seen.size() < 10000) {
          for (eval::Vertex* x : ev.references(r)) todo.push_back(x);
        }
      }
      std::string failed_dep;
      bool deps_done = true;
      for (size_t d : t.deps) {
        if (tasks_[d].state == Task::Failed || tasks_[d].state == Task::Skipped)
          failed_dep = tasks_[d].path;
        if (tasks_[d].state != Task::Done) deps_done = false;
      }
      if (!failed_dep.empty()) {
        t.state = Task::Skipped;
        say(fmt::format("{}: not run: {} failed\n{}", t.path, failed_dep, where(t.pos)));
        continue;
      }
      if (!deps_done) continue;
      std::vector<Diagnostic> errs = ev.errors(v, false);
      if (!errs.empty()) {
        t.state = Task::Failed;
        std::string text;
        for (const Diagnostic& d : errs) text += format_cue_style(build_.files(), d);
        say(fmt::format("{}: invalid task:\n{}", t.path, text));
        continue;
      }
      TaskValue tv = read_task_value(ev, v);
      t.waiting_on.clear();
      for (const std::string& o : tv.open) {
        bool result =
            t.kind && (t.kind->results_are_fields ||
                       std::any_of(t.kind->results.begin(), t.kind->results.end(),
                                   [&](const std::string& r) { return path_within(o, r); }));
        bool optional =
            t.kind && std::any_of(t.kind->optional_inputs.begin(), t.kind->optional_inputs.end(),
                                  [&](const std::string& r) { return path_within(o, r); });
        if (!result && !optional && !o.starts_with("$after")) {
          t.waiting_on = o.empty() ? "the task" : o;
          break;
        }
      }
      if (!t.waiting_on.empty()) continue;
      if (!t.kind) {
        t.state = Task::Failed;
        say(fmt::format("{}: unknown task kind \"{}\"\n{}", t.path, string_field(ev, v, "$id"),
                        where(t.pos)));
        continue;
      }
      t.input = std::move(tv.json);
      // The declared kinds of results still to come (`response: bool` for cli.Ask).
      for (const auto& [path, kinds] : tv.open_kinds) {
        t.input["$open"][path] = eval::kind_name(kinds);
      }
      t.state = Task::Queued;
      queue_.push_back(i);
    }
    return true;
  }

  void discover(eval::Evaluator& ev, eval::Vertex* v, std::vector<std::string> labels,
                std::vector<std::pair<std::vector<std::string>, eval::Vertex*>>& out) {
    ev.evaluate(v);
    // A struct whose `if` waits on a task's result (`if sure.response {…}`) is incomplete
    // until that task has run: its other fields, that task among them, are tasks already.
    bool waiting_struct = v->err && v->err->code == eval::Bottom::Incomplete && v->has_struct &&
                          !v->is_list && !v->arcs.empty();
    if (field(ev, v, "$id") && string_field(ev, v, "$id").size() > 0) {
      out.emplace_back(labels, v);
      return;
    }
    // Not a task, and not final: a comprehension or `if` here may still add tasks.
    if (v->err) dynamic_ = true;
    if (v->is_list || (!v->is_struct() && !waiting_struct)) return;
    for (eval::Vertex* a : ev.regular_fields(v)) {
      std::string name(eval::label_name(a->label));
      if (name.starts_with("$")) continue;  // $short, $usage, $after
      std::vector<std::string> l = labels;
      l.push_back(name);
      discover(ev, a, std::move(l), out);
    }
  }

  void start_ready() {
    size_t parallel = std::max<size_t>(1, opts_.parallel);
    // Handed-off tasks first (they were next in the queue), when places are free.
    while (running_ < parallel) {
      std::optional<std::pair<size_t, push::HttpRequest>> h;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (handoff_.empty()) break;
        h = std::move(handoff_.front());
        handoff_.pop_front();
      }
      tasks_[h->first].state = Task::Running;
      ++running_;
      if (opts_.verbose) say(fmt::format("{}: started\n", tasks_[h->first].path));
      send_http(h->first, std::move(h->second));
    }
    while (!queue_.empty() && running_ < parallel) {
      size_t i = queue_.front();
      queue_.pop_front();
      Task& t = tasks_[i];
      t.state = Task::Running;
      ++running_;
      if (opts_.verbose) say(fmt::format("{}: started\n", t.path));
      submit(Job{i, t.kind, t.input});
    }
    // Every place taken: the next ready tool/http tasks are handed to the HTTP loop, which
    // starts each as soon as a request ends, without waiting for this thread to look.
    while (running_ >= parallel && !queue_.empty() && tasks_[queue_.front()].kind->http &&
           http_loop()) {
      size_t i = queue_.front();
      Result<push::HttpRequest> req = http_request(tasks_[i].input, env_);
      if (!req) break;  // submit() reports it, in its turn
      queue_.pop_front();
      std::lock_guard<std::mutex> lock(mu_);
      if (handoff_.size() >= parallel) {
        queue_.push_front(i);
        break;
      }
      handoff_.emplace_back(i, std::move(*req));
    }
  }

  // Started tasks run on a pool of up to --parallel worker threads, kept for the next task: a
  // thread per task cost more than the tasks themselves on a thousand quick HTTP calls.
  struct Job {
    size_t task;
    const TaskKind* kind;
    json input;
  };

  void submit(Job j) {
    // tool/http: sent on the HTTP loop, answered there; no thread waits for it.
    if (j.kind->http && http_loop()) {
      Result<push::HttpRequest> req = http_request(j.input, env_);
      if (!req) {
        Completion c{j.task, Result<json>(std::move(req).error()), std::nullopt};
        std::lock_guard<std::mutex> lock(mu_);
        completions_.push_back(std::move(c));
        cv_.notify_one();
        return;
      }
      send_http(j.task, std::move(*req));
      return;
    }
    bool spawn;
    {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.push_back(std::move(j));
      spawn = jobs_.size() > idle_workers_ && workers_.size() < std::max<size_t>(1, opts_.parallel);
    }
    if (spawn) {
      workers_.emplace_back([this] { work(); });
    } else {
      work_cv_.notify_one();
    }
  }

  // Sends a tool/http task's request on the HTTP loop. When it is answered (on the loop's
  // thread), a handed-off task, if any, is sent in its place at once.
  void send_http(size_t task, push::HttpRequest req) {
    push::HttpRequest sent = req;
    push::http_loop_send(
        http_loop_, std::move(req),
        [this, task, sent = std::move(sent)](push::HttpResponse r) mutable {
          std::optional<std::pair<size_t, push::HttpRequest>> next;
          {
            std::lock_guard<std::mutex> lock(mu_);
            Completion c{task, Error{""}, std::pair(std::move(sent), std::move(r))};
            if (!handoff_.empty()) {
              next = std::move(handoff_.front());
              handoff_.pop_front();
              c.started = next->first;
            }
            completions_.push_back(std::move(c));
            // While more than half the handed-off tasks remain, the
            // runner's thread is left asleep: it is woken to top them up,
            // not for every answer.
            if (handoff_.size() <= std::max<size_t>(1, opts_.parallel) / 2) cv_.notify_one();
          }
          if (next) send_http(next->first, std::move(next->second));
        });
  }

  void work() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      ++idle_workers_;
      work_cv_.wait(lock, [&] { return !jobs_.empty() || stopping_; });
      --idle_workers_;
      if (jobs_.empty()) return;  // stopping, and every started task has run
      Job j = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      Result<json> r = Error{"internal error"};
      try {
        r = j.kind->run(j.input, env_);
      } catch (const std::exception& e) {
        r = Error{std::string("internal error: ") + e.what()};
      }
      lock.lock();
      completions_.push_back({j.task, std::move(r), std::nullopt});
      cv_.notify_one();
    }
  }

  // The HTTP loop, started with the first tool/http task; null when the transports cannot be
  // loaded (the task then runs on a worker, whose perform() reports why).
  push::HttpLoop* http_loop() {
    if (!http_loop_tried_) {
      http_loop_tried_ = true;
      std::string error;
      http_loop_ = push::http_loop_start(std::max<size_t>(1, opts_.parallel), error);
    }
    return http_loop_;
  }

  // Waits for the started tasks to end, then for the workers and the HTTP loop.
  void join_all() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      handoff_.clear();  // nothing new starts while the loop winds down
    }
    if (http_loop_) {
      push::http_loop_stop(http_loop_);
      http_loop_ = nullptr;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& w : workers_) w.join();
    workers_.clear();
  }

  void add_fill(const Task& t) {
    std::string path = "command: " + cue_label(opts_.command);
    for (const std::string& l : t.labels) path += ": " + cue_label(l);
    const json* declared = t.input.contains("$open") ? &t.input["$open"] : nullptr;
    fills_ += path + ": " + fill_text(t.result, "", declared) + "\n";
  }

  // A result as CUE text: JSON, except that a string filling a field declared `bytes`
  // (`stdout: bytes`, `response: body: bytes`) is written as a bytes literal, as cue fills it.
  static std::string fill_text(const json& v, const std::string& path, const json* declared) {
    if (v.is_string() && declared && declared->value(path, "") == "bytes") {
      return cue_quote_bytes(v.get<std::string>());
    }
    if (!v.is_object()) return v.dump();
    std::string out = "{";
    for (auto& [k, x] : v.items()) {
      if (out.size() > 1) out += ", ";
      out += cue_label(k) + ": " + fill_text(x, path.empty() ? k : path + "." + k, declared);
    }
    return out + "}";
  }

  load::Build& build_;
  eval::Vertex* root0_;
  const RunOptions& opts_;
  TaskEnv env_;
  std::mutex out_lock_;
  std::vector<Task> tasks_;
  std::map<std::string, size_t, std::less<>> index_;  // task path -> tasks_ index
  bool dynamic_ = false;  // the last discovery met a value that may yet hold tasks
  std::deque<size_t> queue_;
  // Ready tool/http tasks with their requests, for the HTTP loop to start (guarded by mu_).
  std::deque<std::pair<size_t, push::HttpRequest>> handoff_;
  size_t running_ = 0;
  std::string fills_;             // the results of the tasks done, as CUE
  std::vector<size_t> unfilled_;  // tasks done whose results are not in fills_ yet
  bool no_command_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Completion> completions_;
  std::deque<Job> jobs_;  // started, waiting for a worker (guarded by mu_)
  size_t idle_workers_ = 0;
  bool stopping_ = false;
  std::condition_variable work_cv_;
  std::vector<std::thread> workers_;
  push::HttpLoop* http_loop_ = nullptr;
  bool http_loop_tried_ = false;
};

}  // namespace

std::vector<CommandInfo> list_commands(eval::Evaluator& ev, eval::Vertex* root) {
  std::vector<CommandInfo> out;
  eval::Vertex* cmds = field(ev, root, "command");
  if (!cmds) return out;
  ev.evaluate(cmds);
  for (eval::Vertex* c : cmds->arcs) {
    if (eval::label_kind(c->label) != eval::LabelKind::Regular) continue;
    out.push_back({std::string(eval::label_name(c->label)), string_field(ev, c, "$short"),
                   string_field(ev, c, "$usage"), string_field(ev, c, "$long")});
  }
  return out;
}

eval::Vertex* find_command(eval::Evaluator& ev, eval::Vertex* root, std::string_view name) {
  return field(ev, field(ev, root, "command"), name);
}

int run_command(load::Build& build, eval::Vertex* root, const RunOptions& opts) {
  Runner r(build, root, opts);
  return r.run();
}

}  // namespace cfgc::flow

// `cfgc push`: deploy the devices of an instance's `push` struct over eAPI and NVUE (the
// engine is deploy/push; this file reads flags, loads the instance, prints and reports).
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <random>

#include "cmd/command.h"
#include "cmd/report_format.h"
#include "cmd/duration_flag.h"
#include "compiler/base/file_io.h"
#include "compiler/encoding/yang_validate.h"
#include "compiler/export/export.h"
#include "compiler/load/build.h"
#include "deploy/push/device_spec.h"
#include "deploy/push/push_engine.h"
#include "deploy/push/transport_api.h"

namespace cfgc::cli {

namespace {

struct PushFlags {
  std::vector<std::string> inputs;
  std::vector<std::string> tags;
  std::vector<std::string> targets;
  std::vector<std::string> limit;
  std::string expr = "push";
  std::string credentials;
  std::string parallel = "20";
  std::string batch;
  std::string max_fail;
  std::string confirm_timeout = "5m";
  std::string apply_timeout = "3m";
  std::string timeout = "30s";
  std::string report;
  std::string ca;
  bool dry_run = false;
  bool list = false;
  bool atomic = false;
  bool skip_verify = false;
  bool insecure = false;
  bool verbose = false;
};

// "10" or "10%" of `total`; -1 when malformed. A percentage rounds up to at least 1.
long parse_count(const std::string& s, size_t total) {
  if (s.empty()) return -1;
  bool pct = s.back() == '%';
  std::string digits = pct ? s.substr(0, s.size() - 1) : s;
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  long n = std::stol(digits);
  if (!pct) return n;
  if (n > 100) return -1;
  return std::max<long>(1, static_cast<long>((total * n + 99) / 100));
}

std::string session_name() {
  // EOS session names: letters, digits, '-' and '_'; unique per run.
  std::time_t t = std::time(nullptr);
  char when[32];
  std::strftime(when, sizeof when, "%Y%m%d-%H%M%S", std::gmtime(&t));
  std::random_device rd;
  return fmt::format("cfgc-{}-{:04x}", when, rd() & 0xffff);
}

std::string indent_lines(const std::string& text, std::string_view prefix) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    out += prefix;
    out.append(text, pos, nl - pos);
    out += '\n';
    pos = nl + 1;
  }
  return out;
}

int run_push_command(const PushFlags& f) {
  // Flags first: a typo must not cost an evaluation.
  long confirm_ms = parse_duration_ms(f.confirm_timeout);
  long apply_ms = parse_duration_ms(f.apply_timeout);
  long timeout_ms = parse_duration_ms(f.timeout);
  if (confirm_ms < 1000 || apply_ms < 1000 || timeout_ms < 100) {
    fmt::print(stderr, "cfgc: --confirm-timeout, --apply-timeout and --timeout take durations such as 90s, 5m or 1h\n");
    return kExitUsage;
  }
  if (confirm_ms > 86399000) {
    fmt::print(stderr, "cfgc: --confirm-timeout is at most 23h59m59s (EOS commit timer)\n");
    return kExitUsage;
  }
  push::SpecOptions spec;
  for (const std::string& t : f.targets) {
    size_t eq = t.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == t.size()) {
      fmt::print(stderr, "cfgc: --target wants NAME=URL (e.g. --target leaf1=https://127.0.0.1:8443), got \"{}\"\n", t);
      return kExitUsage;
    }
    spec.targets[t.substr(0, eq)] = t.substr(eq + 1);
  }
  for (const std::string& l : f.limit) {
    size_t pos = 0;
    while (pos <= l.size()) {
      size_t c = l.find(',', pos);
      if (c == std::string::npos) c = l.size();
      if (c > pos) spec.limit.push_back(l.substr(pos, c - pos));
      pos = c + 1;
    }
  }
  spec.credentials_file = f.credentials;
  spec.tls.ca_file = f.ca;
  spec.tls.verify = !f.skip_verify;
  spec.skip_verify_given = f.skip_verify;
  spec.need_credentials = !f.list;
  spec.insecure = f.insecure;
  if (f.inputs.empty()) {
    fmt::print(stderr, "cfgc: no input: give the instance to push (a directory or files), e.g. cfgc push .\n");
    return kExitUsage;
  }

  // The instance must vet cleanly: nothing is pushed otherwise.
  load::Build build;
  build.set_tags(f.tags);
  bool ok = build.load(f.inputs);
  if (build.diagnostics().has_io_errors()) {
    for (const Diagnostic& d : build.diagnostics().list()) {
      if (d.kind == ErrorKind::Io) fmt::print(stderr, "cfgc: {}\n", d.message);
    }
    return kExitUsage;
  }
  auto refuse = [&](Diagnostics& d) {
    print_diagnostics(build.files(), d);
    fmt::print(stderr, "cfgc: nothing pushed: the instance has errors\n");
    return kExitUsage;
  };
  if (build.diagnostics().has_errors() || !ok) return refuse(build.diagnostics());
  eval::Vertex* root = build.instantiate();
  if (!root) return refuse(build.diagnostics());
  eval::Evaluator& ev = build.evaluator();
  Diagnostics errs;
  for (Diagnostic& d : ev.errors(root, false)) errs.add(std::move(d));
  if (errs.has_errors()) return refuse(errs);
  eval::Vertex* v = build.select(root, f.expr);
  if (!v) {
    print_diagnostics(build.files(), build.diagnostics());
    fmt::print(stderr,
               "cfgc: nothing to push: the instance has no `{}` struct (device name: {{transport, address, "
               "config}}; see `cfgc push --help` and schemas/deploy)\n",
               f.expr);
    return kExitUsage;
  }
  for (Diagnostic& d : ev.errors(v, true)) errs.add(std::move(d));
  if (errs.has_errors()) return refuse(errs);
  std::string json;
  exporter::write_json(ev, v, json);
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  std::vector<std::string> problems;
  std::vector<push::DeviceSpec> devices = push::read_devices(doc, f.expr, spec, problems);
  // gNMI configurations typed by YANG: rendered as JSON_IETF and validated by libyang first.
  for (push::DeviceSpec& d : devices) {
    if (d.transport != push::Transport::Gnmi || d.yang_modules.empty()) continue;
    encoding::YangValidateOptions yo;
    yo.modules = d.yang_modules;
    yo.search_dirs = d.yang_paths;
    yo.features = d.yang_features;
    Result<encoding::YangValidation> v = encoding::yang_validate(d.json_ietf.dump(), yo);
    if (!v) {
      problems.push_back(fmt::format("{}.{}.yang: {}", f.expr, d.name, v.error().message));
      continue;
    }
    for (const encoding::YangDataError& e : v->errors) {
      problems.push_back(fmt::format("{}.{}.config{}{}: {} (libyang)", f.expr, d.name, e.path.empty() ? "" : ".",
                                     e.path, e.message));
    }
    if (v->errors.empty()) d.json_ietf = nlohmann::json::parse(v->json_ietf);
  }
  std::vector<std::string> secrets;
  for (const push::DeviceSpec& d : devices) secrets.push_back(d.password);
  std::sort(secrets.begin(), secrets.end());
  secrets.erase(std::unique(secrets.begin(), secrets.end()), secrets.end());
  if (!problems.empty()) {
    for (const std::string& p : problems) fmt::print(stderr, "{}\n", push::redact(p, secrets));
    fmt::print(stderr, "cfgc: nothing pushed\n");
    return kExitUsage;
  }
  if (devices.empty()) {
    fmt::print(stderr, "cfgc: no device to push{}\n", spec.limit.empty() ? "" : " (--limit matches none)");
    return kExitUsage;
  }
  for (const push::DeviceSpec& d : devices) {
    // Replacing the whole configuration with one that turns eAPI off cuts cfgc off the device:
    // the commit timer would roll it back, but say so before.
    if (d.transport == push::Transport::Eapi && d.mode == push::Mode::Replace &&
        d.eos_config.find("management api http-commands") == std::string::npos) {
      fmt::print(stderr,
                 "warning: {}.{}.config: replace mode without `management api http-commands`: once committed, "
                 "the device would stop answering eAPI (its commit timer then rolls the change back)\n",
                 f.expr, d.name);
    }
  }
  if (f.list) {
    for (const push::DeviceSpec& d : devices) {
      fmt::print("{}\t{}\t{}\t{}\n", d.name, push::transport_name(d.transport), d.url,
                 d.mode == push::Mode::Replace ? "replace" : "merge");
    }
    return kExitOk;
  }

  push::EngineOptions eo;
  long parallel = parse_count(f.parallel, devices.size());
  long batch = f.batch.empty() ? 0 : parse_count(f.batch, devices.size());
  long max_fail = f.max_fail.empty() ? static_cast<long>(devices.size()) + 1 : parse_count(f.max_fail, devices.size());
  if (parallel < 1 || batch < 0 || max_fail < 1) {
    fmt::print(stderr, "cfgc: --parallel, --batch and --max-fail take a count (10) or a percentage (25%%)\n");
    return kExitUsage;
  }
  eo.parallel = static_cast<size_t>(parallel);
  eo.batch = static_cast<size_t>(batch);
  eo.max_fail = static_cast<size_t>(max_fail);
  eo.push.dry_run = f.dry_run;
  eo.push.atomic = f.atomic;
  eo.push.confirm_timeout_s = confirm_ms / 1000;
  eo.push.apply_timeout_s = apply_ms / 1000;
  eo.push.request_timeout_ms = timeout_ms;
  eo.push.connect_timeout_ms = std::min<long>(timeout_ms, 5000);
  eo.push.session_name = session_name();

  // On a terminal, one status line kept at the bottom (devices in progress and what they do);
  // in CI and logs, plain lines only.
  bool live = isatty(fileno(stderr)) && !f.verbose;
  size_t done = 0;
  std::map<std::string, std::string> running;  // device → its current step
  std::string status;                          // the status line shown, if any
  auto clear_status = [&] {
    if (!status.empty()) fmt::print(stderr, "\r\033[K");
    status.clear();
  };
  auto say = [&](const std::string& s) {
    clear_status();
    fmt::print(stderr, "{}", push::redact(s, secrets));
  };
  auto show_status = [&] {
    if (!live) return;
    std::string line = fmt::format("[{}/{}] in progress:", done, devices.size());
    size_t shown = 0;
    for (const auto& [name, step] : running) {
      if (++shown > 4) {
        line += fmt::format(" (+{} more)", running.size() - 4);
        break;
      }
      line += fmt::format(" {} ({})", name, step);
    }
    if (line.size() > 160) line = line.substr(0, 157) + "...";
    clear_status();
    status = line;
    fmt::print(stderr, "{}", status);
    std::fflush(stderr);
  };
  auto progress = [&](const push::DeviceResult& r, std::string_view state) {
    if (state == "diff") {
      say(fmt::format("--- {} ({}, {}){}\n{}", r.name, push::transport_name(r.transport), r.url,
                      f.dry_run ? "" : ": committing", indent_lines(r.diff, "    ")));
      show_status();
      return;
    }
    if (state == "done") {
      ++done;
      running.erase(r.name);
      std::string line = fmt::format("[{}/{}] {}: {}", done, devices.size(), r.name, push::outcome_name(r.outcome));
      if (!r.error.empty()) line += ": " + r.error;
      if (!r.rollback.empty()) line += fmt::format(" ({})", r.rollback);
      say(line + "\n");
      show_status();
      return;
    }
    running[r.name] = std::string(state);
    if (f.verbose) say(fmt::format("{}: {}\n", r.name, state));
    show_status();
  };
  // The transports are a plugin (push/transport_api.h): without it nothing can be pushed, and
  // one message says why better than a failure per device.
  if (std::string missing; !push::transport(missing)) {
    fmt::print(stderr, "cfgc: {}\ncfgc: nothing pushed\n", missing);
    return kExitUsage;
  }
  if (f.dry_run) say(fmt::format("dry run: {} device(s), nothing is changed\n", devices.size()));
  push::PushRun run = push::run_push(devices, eo, progress);
  clear_status();

  // The summary table.
  size_t w = 6;
  for (const push::DeviceResult& r : run.results) w = std::max(w, r.name.size());
  std::string table = fmt::format("\n{:<{}}  {:<9}  {:<12}  {:>7}  {}\n", "DEVICE", w, "TRANSPORT", "RESULT", "TIME", "DETAIL");
  for (const push::DeviceResult& r : run.results) {
    std::string detail = r.error.substr(0, r.error.find('\n'));
    if (!r.rollback.empty()) detail += (detail.empty() ? "" : "; ") + r.rollback;
    table += fmt::format("{:<{}}  {:<9}  {:<12}  {:>6.2f}s  {}\n", r.name, w, push::transport_name(r.transport),
                         push::outcome_name(r.outcome), r.seconds, detail);
  }
  table += fmt::format("{} device(s) in {:.2f}s: {} changed, {} unchanged, {} failed, {} rolled back, {} skipped{}\n",
                       run.results.size(), run.seconds,
                       run.count(push::Outcome::Changed) + run.count(push::Outcome::WouldChange),
                       run.count(push::Outcome::Unchanged), run.count(push::Outcome::Failed),
                       run.count(push::Outcome::RolledBack), run.count(push::Outcome::Skipped),
                       f.dry_run ? " (dry run: \"changed\" means would change)" : "");
  say(table);
  if (!f.report.empty()) {
    AtomicFileWriter out;
    Result<> r = out.open(f.report);
    if (r) r = out.write(push::redact(push::report_json(run, eo), secrets));
    if (r) r = out.commit();
    if (!r) {
      fmt::print(stderr, "cfgc: --report {}: {}\n", f.report, r.error().message);
      return kExitUsage;
    }
  }
  return run.all_succeeded() ? kExitOk : kExitInvalid;
}

}  // namespace

Command push_command() {
  auto o = std::make_shared<PushFlags>();
  Command c{"push", "Deploy the instance's devices over Arista eAPI, NVIDIA NVUE and gNMI (diff, commit, confirm)"};
  c.footer =
      "Push the configuration of every device in the instance's `push` struct, concurrently. The\n"
      "instance must vet cleanly, or nothing is pushed. Each device is a field of `push`, checked\n"
      "by the shipped schema (import \"cfgc.dev/schemas/deploy\"):\n\n"
      "  push: [Name=string]: deploy.#Device\n"
      "  push: leaf1: {transport: \"nvue\", address: \"10.0.0.11\", config: nvue_tree}\n"
      "  push: border1: {transport: \"eapi\", address: \"10.0.0.21\", config: eos_text}\n\n"
      "eAPI (EOS): the config is CLI text, entered in a configuration session; the device's own\n"
      "session diff is shown, then `commit timer` applies it and the device rolls it back by\n"
      "itself unless cfgc confirms once the device still answers. NVUE (Cumulus Linux): the\n"
      "config is the `nv set` tree; cfgc diffs it with the applied one, applies a revision,\n"
      "checks the result and re-applies the previous configuration on failure. gNMI: the config is\n"
      "an RFC 7951 (JSON_IETF) tree; Capabilities, Get, one Set (all or nothing, a confirmed commit\n"
      "when the target offers the extension), Get to verify, confirm. mode: \"replace\" (default)\n"
      "removes what the source does not have; \"merge\" only adds and changes.\n\n"
      "Credentials never live in the source: username/password fields set with @tag (-t), a\n"
      "--credentials file (YAML: name or glob: {username, password}; mode 600), or the\n"
      "environment (CFGC_PUSH_USERNAME, CFGC_PUSH_PASSWORD). Secrets are never printed.\n\n"
      "Exit codes: 0 every device succeeded (or no change), 1 a device failed (and was rolled\n"
      "back), 2 usage or input errors (nothing pushed).\n\n"
      "Examples:\n"
      "  cfgc push . --dry-run                       (show every device's diff, change nothing)\n"
      "  cfgc push . --list                          (the devices, transports and addresses)\n"
      "  cfgc push . --limit 'leaf*' --parallel 50 --report push.json\n"
      "  cfgc push . --batch 25% --max-fail 1        (rolling batches, stop at the first failure)\n"
      "  cfgc push . --atomic                        (confirm only if every device succeeded)\n"
      "  cfgc push . --target leaf1=http://127.0.0.1:8080 --ca lab-ca.pem\n\n"
      "See docs/push.md; cfgc-devsim simulates devices to try it offline.";
  c.flags = {
      {"inputs", "The instance: a package directory or CUE/YAML/JSON files", &o->inputs},
      {"--dry-run", "Show what would change on each device and change nothing", &o->dry_run},
      {"--list", "List the devices (name, transport, URL, mode) and do nothing else", &o->list},
      {"--limit", "Only these devices: names, groups or globs, comma-separated (repeatable)", &o->limit, "HOSTS"},
      {"--target", "Push device NAME to URL instead of its address (repeatable): leaf1=http://127.0.0.1:8080",
       &o->targets, "NAME=URL"},
      {"--credentials", "YAML file: device name or glob → {username, password}; must not be readable by others",
       &o->credentials, "FILE"},
      {"--parallel", "At most N devices at once (default 20); N or N%", &o->parallel, "N"},
      {"--batch", "Rolling batches of N devices (or N%); the next starts when one is done", &o->batch, "N"},
      {"--max-fail", "Stop starting devices once N (or N%) failed; the rest are skipped", &o->max_fail, "N"},
      {"--atomic", "Confirm changes only when every device succeeded; otherwise roll all back", &o->atomic},
      {"--confirm-timeout",
       "eAPI commit timer and gNMI confirmed-commit rollback duration: the device rolls back by itself if "
       "not confirmed in time (default 5m)",
       &o->confirm_timeout, "D"},
      {"--apply-timeout", "NVUE: how long an apply may take (default 3m)", &o->apply_timeout, "D"},
      {"--timeout", "Timeout of each API request (default 30s)", &o->timeout, "D"},
      {"--report", "Write a JSON report: per device result, diff, error, rollback, timings", &o->report, "FILE"},
      {"--ca", "Verify devices' TLS certificates against this PEM bundle (default: system CAs)", &o->ca, "FILE"},
      {"--skip-verify", "Do not verify TLS certificates (a lab; never in production)", &o->skip_verify},
      {"--insecure", "gNMI: plaintext gRPC, without TLS (a lab; never in production)", &o->insecure},
      {"-e,--expression", "The struct of devices (default: push)", &o->expr},
      {"-t,--inject", "Set a @tag(name) field: -t name=value (repeatable)", &o->tags},
      {"-v,--verbose", "Print each device's steps as they happen", &o->verbose},
  };
  c.run = [o] { return run_push_command(*o); };
  return c;
}

}  // namespace cfgc::cli

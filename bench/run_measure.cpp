// cfgc_run_measure: runs a command and reports its wall time and peak resident set size.
//
//   cfgc_run_measure [--runs=N] [--out=FILE] [--cpu] -- COMMAND [ARGS...]
//
// Runs COMMAND N times (default 1), each time with its standard output sent to FILE (default
// /dev/null) and its standard error inherited, and prints one line on stdout:
//
//   SECONDS MAXRSS_KIB
//
// the best (smallest) wall time of the runs (std::chrono::steady_clock, from fork to wait4)
// and the largest peak RSS of the runs (ru_maxrss from wait4, in KiB: the child's own figure,
// which on Linux also counts the few MB of this small process it was forked from); with --cpu,
// a third column: the user + system CPU seconds of the fastest run. Exits 1,
// after a message on stderr, if a run fails (non-zero exit or signal); 2 on usage errors.

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

int usage() {
  std::fputs("usage: cfgc_run_measure [--runs=N] [--out=FILE] [--cpu] -- COMMAND [ARGS...]\n",
             stderr);
  return 2;
}

struct Run {
  bool ok = false;
  double seconds = 0;
  double cpu_seconds = 0;  // user + system
  long maxrss_kib = 0;
};

Run run_once(char** cmd, const std::string& out) {
  Run r;
  // Open the output before forking, so the child only has to dup2 and exec.
  const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fmt::print(stderr, "cfgc_run_measure: cannot open {}: {}\n", out, std::strerror(errno));
    return r;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    fmt::print(stderr, "cfgc_run_measure: fork: {}\n", std::strerror(errno));
    ::close(fd);
    return r;
  }
  if (pid == 0) {
    if (::dup2(fd, STDOUT_FILENO) < 0) _exit(127);
    ::execvp(cmd[0], cmd);
    // Only async-signal-safe calls here.
    const char msg[] = "cfgc_run_measure: cannot execute the command\n";
    [[maybe_unused]] auto n = ::write(STDERR_FILENO, msg, sizeof msg - 1);
    _exit(127);
  }
  ::close(fd);
  int status = 0;
  rusage ru{};
  pid_t w;
  do {
    w = ::wait4(pid, &status, 0, &ru);
  } while (w < 0 && errno == EINTR);
  const auto t1 = std::chrono::steady_clock::now();
  if (w < 0) {
    fmt::print(stderr, "cfgc_run_measure: wait4: {}\n", std::strerror(errno));
    return r;
  }
  r.seconds = std::chrono::duration<double>(t1 - t0).count();
  r.maxrss_kib = ru.ru_maxrss;  // KiB on Linux
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  r.cpu_seconds = secs(ru.ru_utime) + secs(ru.ru_stime);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    r.ok = true;
  } else if (WIFEXITED(status)) {
    fmt::print(stderr, "cfgc_run_measure: {} exited with status {}\n", cmd[0], WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    fmt::print(stderr, "cfgc_run_measure: {} killed by signal {} ({})\n", cmd[0], WTERMSIG(status),
               strsignal(WTERMSIG(status)));
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 1;
  std::string out = "/dev/null";
  bool cpu = false;  // a third column: the CPU seconds of the fastest run
  int i = 1;
  for (; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.starts_with("--runs=")) {
      runs = std::atoi(argv[i] + 7);
      if (runs <= 0) return usage();
    } else if (a == "--cpu") {
      cpu = true;
    } else if (a.starts_with("--out=")) {
      out = std::string(a.substr(6));
      if (out.empty()) return usage();
    } else {
      return usage();
    }
  }
  if (i >= argc) return usage();
  char** cmd = argv + i;

  double best = 1e300, best_cpu = 0;
  long maxrss = 0;
  for (int k = 0; k < runs; ++k) {
    const Run r = run_once(cmd, out);
    if (!r.ok) return 1;
    if (r.seconds < best) {
      best = r.seconds;
      best_cpu = r.cpu_seconds;
    }
    maxrss = std::max(maxrss, r.maxrss_kib);
  }
  if (cpu) {
    fmt::print("{:.3f} {} {:.3f}\n", best, maxrss, best_cpu);
  } else {
    fmt::print("{:.3f} {}\n", best, maxrss);
  }
  return 0;
}

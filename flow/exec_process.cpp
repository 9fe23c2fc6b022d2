#include "flow/exec_process.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <tuple>

extern char** environ;

namespace cfgc::flow {

namespace {

struct Pipe {
  int fd[2] = {-1, -1};
  bool open() { return pipe2(fd, O_CLOEXEC) == 0; }
  void close_all() {
    for (int& f : fd) {
      if (f >= 0) ::close(f);
      f = -1;
    }
  }
};

}  // namespace

Result<ProcessRun> run_process(const std::vector<std::string>& argv,
                               const std::optional<std::vector<std::string>>& env, const std::string& dir,
                               const std::string& stdin_text) {
  if (argv.empty() || argv[0].empty()) return Error{"no program to run (cmd is empty)"};
  Pipe in, out, err;
  if (!in.open() || !out.open() || !err.open()) {
    in.close_all(), out.close_all(), err.close_all();
    return Error{fmt::format("cannot create pipes: {}", std::strerror(errno))};
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err.fd[1], 2);
  if (!dir.empty()) posix_spawn_file_actions_addchdir_np(&fa, dir.c_str());
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  if (env) {
    for (const std::string& e : *env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
  }
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), env ? envp.data() : environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(in.fd[0]), ::close(out.fd[1]), ::close(err.fd[1]);
  in.fd[0] = out.fd[1] = err.fd[1] = -1;
  if (rc != 0) {
    in.close_all(), out.close_all(), err.close_all();
    return Error{fmt::format("cannot run {}: {}{}", argv[0], std::strerror(rc),
                             dir.empty() ? "" : fmt::format(" (in directory {})", dir))};
  }
  // Feed stdin and drain stdout/stderr together, so a program that writes a lot before
  // reading (or the other way round) never blocks us both.
  ProcessRun run;
  size_t written = 0;
  if (stdin_text.empty()) ::close(in.fd[1]), in.fd[1] = -1;
  fcntl(in.fd[1], F_SETFL, O_NONBLOCK);
  char buf[65536];
  while (out.fd[0] >= 0 || err.fd[0] >= 0) {
    pollfd fds[3];
    int n = 0;
    int io = -1, oo = -1, eo = -1;
    if (in.fd[1] >= 0) io = n, fds[n++] = {in.fd[1], POLLOUT, 0};
    if (out.fd[0] >= 0) oo = n, fds[n++] = {out.fd[0], POLLIN, 0};
    if (err.fd[0] >= 0) eo = n, fds[n++] = {err.fd[0], POLLIN, 0};
    if (poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (io >= 0 && fds[io].revents) {
      ssize_t w = ::write(in.fd[1], stdin_text.data() + written, stdin_text.size() - written);
      if (w > 0) written += static_cast<size_t>(w);
      if (w < 0 && errno != EAGAIN) written = stdin_text.size();
      if (written >= stdin_text.size()) ::close(in.fd[1]), in.fd[1] = -1;
    }
    for (auto [idx, fd, text] : {std::tuple{oo, &out.fd[0], &run.stdout_text}, std::tuple{eo, &err.fd[0], &run.stderr_text}}) {
      if (idx < 0 || !fds[idx].revents) continue;
      ssize_t r = ::read(*fd, buf, sizeof buf);
      if (r > 0) {
        text->append(buf, static_cast<size_t>(r));
      } else if (r == 0 || errno != EINTR) {
        ::close(*fd);
        *fd = -1;
      }
    }
  }
  in.close_all();
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    run.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    run.signal = WTERMSIG(status);
  }
  return run;
}

}  // namespace cfgc::flow

// Replays inputs through a fuzz entry point without libFuzzer: every file named on the
// command line, and every file below every directory named (recursively, in sorted order),
// is passed once to LLVMFuzzerTestOneInput, and each input is named before it runs. A crash
// ends the process as it would under libFuzzer. Two libFuzzer flags are understood, so one
// command line serves both builds; other arguments starting with '-' are ignored:
//   -timeout=N       fail when one input runs longer than N seconds (default 60)
//   -rss_limit_mb=N  fail when the process needs more than N MB (default 2048; not enforced
//                    in AddressSanitizer builds, whose shadow memory needs a large address space)
// Exit status: 0 every input ran; 2 a path is missing or unreadable; 70 a timeout; 71 out of
// memory.

#include <fmt/core.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
#define CFGC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CFGC_ASAN 1
#endif
#endif

namespace {

std::string g_current;  // the input being run, for the timeout message
unsigned g_timeout = 60;

void on_alarm(int) {
  // Only async-signal-safe calls here.
  const char head[] = "\nTIMEOUT: this input ran longer than the -timeout limit: ";
  (void)!write(2, head, sizeof head - 1);
  (void)!write(2, g_current.data(), g_current.size());
  (void)!write(2, "\n", 1);
  _exit(70);
}

void on_out_of_memory() {
  fmt::print(stderr, "\nOUT OF MEMORY: this input exceeded the -rss_limit_mb limit: {}\n", g_current);
  std::fflush(stderr);
  _exit(71);
}

bool flag_value(std::string_view arg, std::string_view name, unsigned long& out) {
  if (!arg.starts_with(name)) return false;
  std::string v(arg.substr(name.size()));
  char* end = nullptr;
  unsigned long n = std::strtoul(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0') return false;
  out = n;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned long rss_limit_mb = 2048, value = 0;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("-")) {
      if (flag_value(arg, "-timeout=", value)) g_timeout = static_cast<unsigned>(value);
      else if (flag_value(arg, "-rss_limit_mb=", value)) rss_limit_mb = value;
      continue;
    }
    fs::path p(arg);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec)) found.push_back(it->path());
      }
      if (ec) {
        fmt::print(stderr, "{}: {}\n", p.string(), ec.message());
        return 2;
      }
      std::sort(found.begin(), found.end());
      inputs.insert(inputs.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      inputs.push_back(p);
    } else {
      fmt::print(stderr, "{}: no such file or directory\n", p.string());
      return 2;
    }
  }

#ifdef CFGC_ASAN
  (void)rss_limit_mb;  // ASan reserves far more address space than any limit would allow
#else
  if (rss_limit_mb > 0) {
    rlimit lim{rss_limit_mb << 20, rss_limit_mb << 20};
    setrlimit(RLIMIT_AS, &lim);
  }
#endif
  std::set_new_handler(on_out_of_memory);
  signal(SIGALRM, on_alarm);

  size_t bytes = 0;
  for (const fs::path& p : inputs) {
    std::ifstream in(p, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      fmt::print(stderr, "{}: cannot read\n", p.string());
      return 2;
    }
    g_current = p.string();
    fmt::print("{}\n", g_current);
    std::fflush(stdout);
    alarm(g_timeout);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    alarm(0);
    bytes += data.size();
  }
  fmt::print("ran {} inputs ({} bytes)\n", inputs.size(), bytes);
  return 0;
}

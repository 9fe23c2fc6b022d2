#include "compiler/base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace cfgc {

namespace fs = std::filesystem;

Result<std::string> read_file(const std::string& path) {
  int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Error{"open " + path + ": " + std::strerror(errno)};
  }
  struct stat st{};
  if (fd != 0 && ::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error{"read " + path + ": is a directory"};
  }
  std::string data;
  if (fd != 0 && st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Error e{"read " + path + ": " + std::strerror(errno)};
      if (fd != 0) ::close(fd);
      return e;
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  if (fd != 0) ::close(fd);
  return data;
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(tmp_.c_str());
  }
}

Result<> AtomicFileWriter::open(const std::string& path) {
  path_ = path;
  fs::path p(path);
  fs::path tmp_name = p.filename();
  tmp_name += ".cfgc-tmp";
  tmp_ = (p.parent_path() / tmp_name).string();
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0) mode_ = st.st_mode & 07777;
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_);
  if (fd_ < 0) {
    return Error{"create " + tmp_ + ": " + std::strerror(errno)};
  }
  return {};
}

Result<> AtomicFileWriter::write(std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{"write " + tmp_ + ": " + std::strerror(errno)};
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Result<> AtomicFileWriter::commit() {
  int fd = fd_;
  fd_ = -1;
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    Error e{"write " + tmp_ + ": " + std::strerror(errno)};
    ::unlink(tmp_.c_str());
    return e;
  }
  ::chmod(tmp_.c_str(), mode_);
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
    Error e{"rename " + tmp_ + " to " + path_ + ": " + std::strerror(errno)};
    ::unlink(tmp_.c_str());
    return e;
  }
  return {};
}

Result<> write_file_atomic(const std::string& path, std::string_view content) {
  AtomicFileWriter w;
  if (Result<> s = w.open(path); !s) return s;
  if (Result<> s = w.write(content); !s) return s;
  return w.commit();
}

std::vector<std::string> expand_paths(const std::vector<std::string>& args,
                                      const std::vector<std::string>& extensions,
                                      std::vector<Error>& errors) {
  auto wanted = [&](const fs::path& p) {
    std::string ext = p.extension().string();
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
  };
  auto skipped = [](const fs::path& p) {
    std::string name = p.filename().string();
    return (!name.empty() && (name[0] == '.' || name[0] == '_')) || name == "cue.mod";
  };
  std::vector<std::string> out;
  for (const std::string& given : args) {
    // "dir/..." means dir, recursively; a directory is always walked recursively anyway.
    std::string_view view = given;
    if (view == "...") view = ".";
    if (view.size() >= 4 && view.substr(view.size() - 4) == "/...") {
      view.remove_suffix(4);
      if (view.empty()) view = "/";
    }
    const std::string arg(view);
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      errors.push_back({arg + ": no such file or directory"});
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (skipped(p)) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && wanted(p)) found.push_back(p.string());
    }
    if (ec) errors.push_back({arg + ": " + ec.message()});
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace cfgc

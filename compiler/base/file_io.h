#pragma once
// Reading and writing whole files with readable errors. Writes are atomic (temporary file in
// the same directory, then rename), so an interrupted write never leaves a truncated file.

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/result.h"

namespace cfgc {

// Reads a file, or "-" for standard input. Errors read like "open foo.cue: No such file or
// directory".
Result<std::string> read_file(const std::string& path);

// Replaces the file's contents atomically, keeping its permission bits.
Result<> write_file_atomic(const std::string& path, std::string_view content);

// Writes a file in pieces and installs it atomically on commit(): the data goes to a
// temporary file beside the target, renamed over it at the end. Destroying an uncommitted
// writer removes the temporary file, so a failed run never leaves a half-written output.
class AtomicFileWriter {
 public:
  AtomicFileWriter() = default;
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  Result<> open(const std::string& path);
  Result<> write(std::string_view data);
  Result<> commit();

 private:
  std::string path_, tmp_;
  int fd_ = -1;
  unsigned mode_ = 0644;
};

// Expands command-line paths into files with one of the given extensions (".cue"): a file is
// taken as is; a directory, or a "dir/..." pattern, is walked recursively, skipping hidden
// entries (".x"), "_"-prefixed entries and cue.mod. The result is sorted per argument.
std::vector<std::string> expand_paths(const std::vector<std::string>& args,
                                      const std::vector<std::string>& extensions,
                                      std::vector<Error>& errors);

}  // namespace cfgc

#pragma once
// Reading and writing whole files with readable errors. Writes are atomic (temporary file in
// the same directory, then rename), so an interrupted write never leaves a truncated file.

#include <optional>
#include <string>
#include <vector>

namespace cfgc {

// Reads a file, or "-" for standard input. On failure returns nullopt and sets `error` to a
// message such as "open foo.cue: No such file or directory".
std::optional<std::string> read_file(const std::string& path, std::string& error);

// Replaces the file's contents atomically, keeping its permission bits.
bool write_file_atomic(const std::string& path, std::string_view content, std::string& error);

// Expands command-line paths into files with one of the given extensions (".cue"): a file is
// taken as is; a directory, or a "dir/..." pattern, is walked recursively, skipping hidden
// entries (".x"), "_"-prefixed entries and cue.mod. The result is sorted per argument.
std::vector<std::string> expand_paths(const std::vector<std::string>& args,
                                      const std::vector<std::string>& extensions,
                                      std::vector<std::string>& errors);

}  // namespace cfgc

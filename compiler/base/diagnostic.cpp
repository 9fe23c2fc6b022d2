#include "compiler/base/diagnostic.h"

#include <algorithm>

namespace cfgc {

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Error) ++errors_;
  if (d.kind == ErrorKind::Io) ++io_errors_;
  list_.push_back(std::move(d));
}

void Diagnostics::sort() {
  std::stable_sort(list_.begin(), list_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.pos == b.pos && a.message == b.message && a.path == b.path;
  };
  auto end = std::unique(list_.begin(), list_.end(), same);
  list_.erase(end, list_.end());
  errors_ = std::count_if(list_.begin(), list_.end(),
                          [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

static void append_source_line(std::string& out, const Location& loc) {
  std::string_view text = loc.file->line_text(loc.line);
  out += "    ";
  out += text;
  out += "\n    ";
  // The caret sits under the column; tabs are kept so it lines up in a terminal.
  for (uint32_t i = 0; i + 1 < loc.col && i < text.size(); ++i) out += text[i] == '\t' ? '\t' : ' ';
  out += "^\n";
}

std::string format_with_source(const FileSet& fs, const Diagnostic& d) {
  std::string out;
  Location loc = fs.resolve(d.pos);
  if (loc.valid()) {
    out += loc.str();
    out += ": ";
  }
  if (d.severity == Severity::Warning) out += "warning: ";
  if (!d.path.empty()) {
    out += d.path;
    out += ": ";
  }
  out += d.message;
  out += '\n';
  if (loc.valid()) append_source_line(out, loc);
  for (Pos p : d.related) {
    Location r = fs.resolve(p);
    if (r.valid()) out += "    " + r.str() + "\n";
  }
  return out;
}

std::string format_cue_style(const FileSet& fs, const Diagnostic& d) {
  std::string out;
  if (!d.children.empty()) {
    if (!d.path.empty()) out += d.path + ": ";
    out += d.message + ":\n";
    for (const Diagnostic& c : d.children) out += format_cue_style(fs, c);
    return out;
  }
  if (d.severity == Severity::Warning) out += "warning: ";
  if (!d.path.empty()) {
    out += d.path;
    out += ": ";
  }
  out += d.message;
  std::vector<Pos> all;
  if (d.pos.valid()) all.push_back(d.pos);
  all.insert(all.end(), d.related.begin(), d.related.end());
  if (all.empty()) return out + "\n";
  out += ":\n";
  for (Pos p : all) {
    Location r = fs.resolve(p);
    if (r.valid()) out += "    " + r.str() + "\n";
  }
  return out;
}

}  // namespace cfgc

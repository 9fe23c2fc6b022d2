#include "cmd/report_format.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>
#include <tuple>

#include "compiler/base/quote.h"
#include "compiler/base/utf8.h"
#include "compiler/export/export.h"

namespace cfgc::cli {

namespace {

bool is_error(const Diagnostic& d) { return d.severity == Severity::Error; }

// The primary position followed by the related ones.
std::vector<Pos> own_positions(const Diagnostic& d) {
  std::vector<Pos> all;
  if (d.pos.valid()) all.push_back(d.pos);
  for (Pos p : d.related) {
    if (p.valid()) all.push_back(p);
  }
  return all;
}

std::string machine_location(const FileSet& fs, Pos p) {
  Location r = fs.resolve(p);
  if (!r.valid()) return {};
  return fmt::format("{}:{}:{}", report_file_name(r.file->name()), r.line, r.col);
}

void json_position(const Location& r, std::string& out) {
  out += "{\"file\":";
  out += json_quote(report_file_name(r.file->name()));
  out += fmt::format(",\"line\":{},\"column\":{}}}", r.line, r.col);
}

void json_diagnostic(const FileSet& fs, const Diagnostic& d, std::string& out) {
  out += "{\"path\":";
  out += json_quote(d.path);
  out += ",\"message\":";
  out += json_quote(d.message);
  out += ",\"severity\":";
  out += is_error(d) ? "\"error\"" : "\"warning\"";
  std::vector<Location> locs;
  for (Pos p : own_positions(d)) {
    Location r = fs.resolve(p);
    if (r.valid()) locs.push_back(r);
  }
  if (locs.empty()) {
    out += ",\"file\":null,\"line\":null,\"column\":null";
  } else {
    out += ",\"file\":";
    out += json_quote(report_file_name(locs[0].file->name()));
    out += fmt::format(",\"line\":{},\"column\":{}", locs[0].line, locs[0].col);
  }
  out += ",\"positions\":[";
  for (size_t i = 0; i < locs.size(); ++i) {
    if (i) out += ',';
    json_position(locs[i], out);
  }
  out += "],\"children\":[";
  for (size_t i = 0; i < d.children.size(); ++i) {
    if (i) out += ',';
    json_diagnostic(fs, d.children[i], out);
  }
  out += "]}";
}

// Every position of d and of its children, depth first.
void all_positions(const Diagnostic& d, std::vector<Pos>& out) {
  for (Pos p : own_positions(d)) out.push_back(p);
  for (const Diagnostic& c : d.children) all_positions(c, out);
}

// The lines of a GitHub message for d, leaving out `anchor` from d's own positions.
void github_lines(const FileSet& fs, const Diagnostic& d, Pos anchor,
                  std::vector<std::string>& lines) {
  size_t at = lines.size();
  lines.push_back(format_header(d, false));
  std::vector<Pos> shown;
  for (Pos p : own_positions(d)) {
    if (p == anchor || std::find(shown.begin(), shown.end(), p) != shown.end()) continue;
    std::string loc = machine_location(fs, p);
    if (loc.empty()) continue;
    shown.push_back(p);
    lines.push_back("    " + loc);
  }
  for (const Diagnostic& c : d.children) github_lines(fs, c, Pos{}, lines);
  if (lines.size() > at + 1) lines[at] += ':';
}

std::string junit_body(const FileSet& fs, const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += format_text(fs, d, false);
  return out;
}

std::string render_junit(const FileSet& fs, const Report& r) {
  size_t failures = 0;
  for (const ReportCase& c : r.cases) failures += c.failed();
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
      xml_escape(r.suite, true), r.cases.size(), failures);
  for (const ReportCase& c : r.cases) {
    out += fmt::format("  <testcase name=\"{}\" classname=\"{}\"", xml_escape(c.name, true),
                       xml_escape(r.suite, true));
    if (!c.file.empty())
      out += fmt::format(" file=\"{}\"", xml_escape(report_file_name(c.file), true));
    // The case's errors sorted, each once, as the text format prints them.
    Report one{r.suite, {ReportCase{c.name, c.file, c.diagnostics}}};
    std::vector<Diagnostic> ds = unique_diagnostics(one);
    if (ds.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    std::vector<Diagnostic> errors, warnings;
    for (Diagnostic& d : ds) (is_error(d) ? errors : warnings).push_back(std::move(d));
    if (!errors.empty()) {
      std::string message = format_header(errors[0], false);
      if (errors.size() > 1) message += fmt::format(" (and {} more)", errors.size() - 1);
      out += fmt::format("    <failure message=\"{}\" type=\"error\">{}</failure>\n",
                         xml_escape(message, true), xml_escape(junit_body(fs, errors), false));
    }
    if (!warnings.empty()) {
      out += fmt::format("    <system-out>{}</system-out>\n",
                         xml_escape(junit_body(fs, warnings), false));
    }
    out += "  </testcase>\n";
  }
  out += "</testsuite>\n";
  return out;
}

}  // namespace

void print_indented(std::FILE* to, std::string_view message) {
  while (!message.empty()) {
    size_t nl = message.find('\n');
    fmt::print(to, "  {}\n", message.substr(0, nl));
    message = nl == std::string_view::npos ? std::string_view{} : message.substr(nl + 1);
  }
}

void print_diagnostics(const FileSet& fs, Diagnostics& diags, std::FILE* to) {
  diags.sort();
  for (const Diagnostic& d : diags.list()) {
    if (d.kind == ErrorKind::Io && !d.pos.valid()) {
      fmt::print(to, "cfgc: {}\n", d.message);
      continue;
    }
    fmt::print(to, "{}", d.path.empty() ? format_with_source(fs, d) : format_cue_style(fs, d));
  }
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::Text;
  if (name == "json") return ReportFormat::Json;
  if (name == "github") return ReportFormat::Github;
  if (name == "junit") return ReportFormat::Junit;
  return std::nullopt;
}

bool report_to_stdout(ReportFormat f) { return f != ReportFormat::Text; }

bool ReportCase::failed() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), is_error);
}

bool Report::failed() const {
  return std::any_of(cases.begin(), cases.end(), [](const ReportCase& c) { return c.failed(); });
}

std::vector<Diagnostic> unique_diagnostics(const Report& r) {
  Diagnostics all;
  std::set<std::tuple<Pos, std::string_view, std::string_view>> seen;
  for (const ReportCase& c : r.cases) {
    for (const Diagnostic& d : c.diagnostics) {
      if (seen.emplace(d.pos, d.path, d.message).second) all.add(d);
    }
  }
  all.sort();
  return all.list();
}

std::string render_report(const FileSet& fs, const Report& r, ReportFormat f, bool color) {
  if (f == ReportFormat::Junit) return render_junit(fs, r);
  std::vector<std::string> focus;
  for (const ReportCase& c : r.cases) {
    if (!c.file.empty()) focus.push_back(c.file);
  }
  std::string out;
  for (const Diagnostic& d : unique_diagnostics(r)) {
    switch (f) {
      case ReportFormat::Text: out += format_text(fs, d, color); break;
      case ReportFormat::Json: out += format_json(fs, d) + "\n"; break;
      case ReportFormat::Github: out += format_github(fs, d, focus) + "\n"; break;
      case ReportFormat::Junit: break;
    }
  }
  return out;
}

bool color_for_fd(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return isatty(fd) == 1;
}

std::string format_text(const FileSet& fs, const Diagnostic& d, bool color) {
  return d.path.empty() ? format_with_source(fs, d, color) : format_cue_style(fs, d, color);
}

std::string format_json(const FileSet& fs, const Diagnostic& d) {
  std::string out;
  json_diagnostic(fs, d, out);
  return out;
}

std::string format_github(const FileSet& fs, const Diagnostic& d,
                          const std::vector<std::string>& focus_files) {
  std::vector<Pos> candidates;
  all_positions(d, candidates);
  Pos anchor;
  for (Pos p : candidates) {
    const SourceFile* f = fs.file_of(p);
    if (f && std::find(focus_files.begin(), focus_files.end(), f->name()) != focus_files.end()) {
      anchor = p;
      break;
    }
  }
  // Else the first position in a data file (YAML or JSON, embedded or read): the line to fix
  // is more often the value than the schema.
  for (Pos p : candidates) {
    if (anchor.valid()) break;
    const SourceFile* f = fs.file_of(p);
    std::string_view n = f ? std::string_view(f->name()) : std::string_view{};
    if (n.ends_with(".yaml") || n.ends_with(".yml") || n.ends_with(".json")) anchor = p;
  }
  if (!anchor.valid())
    anchor = d.pos.valid() ? d.pos : (candidates.empty() ? Pos{} : candidates[0]);
  std::vector<std::string> lines;
  github_lines(fs, d, anchor, lines);
  std::string message;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) message += '\n';
    message += lines[i];
  }
  std::string out = is_error(d) ? "::error" : "::warning";
  Location loc = fs.resolve(anchor);
  if (loc.valid()) {
    out +=
        fmt::format(" file={},line={},col={}",
                    github_escape_property(report_file_name(loc.file->name())), loc.line, loc.col);
  }
  out += "::";
  out += github_escape_data(message);
  return out;
}

std::string report_file_name(std::string_view display_name) {
  if (display_name.size() > 2 && display_name.substr(0, 2) == "./") display_name.remove_prefix(2);
  return std::string(display_name);
}

std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '&': out += "&amp;"; continue;
        case '<': out += "&lt;"; continue;
        case '>': out += "&gt;"; continue;
        case '"': out += attribute ? "&quot;" : "\""; continue;
        case '\'': out += attribute ? "&apos;" : "'"; continue;
        case '\r': out += "&#13;"; continue;
        case '\n': out += attribute ? "&#10;" : "\n"; continue;
        case '\t': out += attribute ? "&#9;" : "\t"; continue;
        default: break;
      }
      // XML 1.0 has no way to write the other C0 controls, not even as references.
      if (c < 0x20) {
        out += "\xEF\xBF\xBD";
      } else {
        out += static_cast<char>(c);
      }
      continue;
    }
    size_t len;
    char32_t cp = utf8::decode(s, i, len);
    if (cp == utf8::kInvalid || cp == 0xFFFE || cp == 0xFFFF) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

namespace {

std::string github_escape(std::string_view s, bool property) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string github_escape_data(std::string_view s) { return github_escape(s, false); }
std::string github_escape_property(std::string_view s) { return github_escape(s, true); }

}  // namespace cfgc::cli

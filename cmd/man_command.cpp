// `cfgc man`: the manual page (roff), written from the same help texts as `cfgc --help`;
// the build installs it as share/man/man1/cfgc.1.
#include <fmt/core.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cmd/build_info.h"
#include "cmd/command.h"
#include "compiler/base/file_io.h"

namespace cfgc::cli {

namespace {

// Text for roff: backslashes and hyphens escaped, a line starting with '.' or '\'' protected.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::string man_page(const std::vector<Command>& commands) {
  std::string out = fmt::format(".TH CFGC 1 \"\" \"cfgc {}\" \"User Commands\"\n", kVersion);
  out += ".SH NAME\ncfgc \\- typed configuration compiler for network fabrics\n";
  out += ".SH SYNOPSIS\n.B cfgc\n.I command\n[\\fIflags\\fR] [\\fIarguments\\fR]\n";
  out += ".SH DESCRIPTION\n";
  out += roff(
      "cfgc unifies CUE, YAML and JSON values with schemas, checks every value and renders "
      "per-device configurations. Run cfgc COMMAND --help for a command's flags and examples.\n");
  out += ".SH COMMANDS\n";
  for (const Command& c : commands) {
    out += fmt::format(".SS \"cfgc {}\"\n{}\n", c.name, roff(c.summary));
    if (!c.footer.empty()) out += ".PP\n.nf\n" + roff(c.footer) + "\n.fi\n";
    for (const Flag& f : c.flags) {
      std::string names = f.names.front() == '-' ? f.names : "<" + f.names + ">";
      std::string shown;
      for (char ch : names) {
        if (ch == ',') {
          shown += ", ";
        } else {
          shown += ch;
        }
      }
      if (!f.type_name.empty()) shown += " " + f.type_name;
      out += fmt::format(".TP\n.B {}\n{}\n", roff(shown), roff(f.help));
    }
  }
  out += ".SH EXIT STATUS\n";
  out += roff("0 success, 1 invalid input (the errors are printed), 2 usage or I/O error.\n");
  out += ".SH ENVIRONMENT\n.TP\n.B CFGC_SHARE_DIR\n";
  out += roff(
      "the directory holding the shipped packages (schemas/, templates/) when they are not "
      "in the installed location.\n");
  out += ".TP\n.B NO_COLOR\n" + roff("no colours in vet's text output.\n");
  return out;
}

}  // namespace

Command man_command(const std::vector<Command>* commands) {
  auto file = std::make_shared<std::string>();
  Command c{"man", "Print the manual page (roff), or write it to a file: cfgc man cfgc.1"};
  c.flags = {{"file", "Write the page to this file (atomically) instead of standard output",
              file.get(), "FILE"}};
  c.run = [commands, file] {
    std::string page = man_page(*commands);
    if (file->empty()) {
      fmt::print("{}", page);
      return kExitOk;
    }
    if (Result<> w = write_file_atomic(*file, page); !w) {
      fmt::print(stderr, "cfgc man: {}\n", w.error().message);
      return kExitUsage;
    }
    return kExitOk;
  };
  return c;
}

}  // namespace cfgc::cli

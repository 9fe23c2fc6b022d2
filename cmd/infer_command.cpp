// `cfgc infer`: a first schema from existing data (data files, or an Ansible inventory's host
// variables), written as a CUE definition to edit (compiler/encoding/schema_inference.h).
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cmd/command.h"
#include "cmd/cue_output.h"
#include "compiler/base/file_io.h"
#include "compiler/encoding/data_import.h"
#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/schema_inference.h"
#include "compiler/load/build.h"

namespace cfgc::cli {

namespace {

namespace fs = std::filesystem;

struct InferCommandOptions {
  std::vector<std::string> files;
  std::string inventory;
  std::string outfile;
  std::string package;
  std::string definition;
  std::string enum_max;
  bool bounds = false;
  bool force = false;
};

void print_diagnostics(const FileSet& files, Diagnostics& diags) {
  diags.sort();
  for (const Diagnostic& d : diags.list()) fmt::print(stderr, "{}", format_with_source(files, d));
}

// The definition's name as written (`#HostVars`; `HostVars` gets its '#'), or an error.
Result<std::string> definition_name(std::string name, bool inventory) {
  if (name.empty()) return std::string(inventory ? "#HostVars" : "#Schema");
  if (name[0] != '#') name = "#" + name;
  if (name.size() < 2 || !encoding::is_identifier_key(name.substr(1)) ||
      name.find('$') != std::string::npos) {
    return Error{fmt::format("-d {}: not a definition name (such as #HostVars)", name), {}};
  }
  return name;
}

// The files to read: each argument, or for a directory (host_vars/) the data files in it and
// below, in name order.
std::vector<std::string> data_files(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (!fs::is_directory(a, ec)) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(a, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file(ec) && encoding::data_format_of(it->path().string()).ok()) {
        found.push_back(it->path().string());
      }
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

int run_infer(const InferCommandOptions& o) {
  if (o.files.empty() == o.inventory.empty()) {
    fmt::print(stderr,
               "cfgc infer: give data files or --inventory DIR (one of them): see cfgc infer "
               "--help\n");
    return kExitUsage;
  }
  Result<std::string> def = definition_name(o.definition, !o.inventory.empty());
  if (!def) {
    fmt::print(stderr, "cfgc infer: {}\n", def.error().message);
    return kExitUsage;
  }
  encoding::InferOptions options;
  options.definition = *def;
  options.bounds = o.bounds;
  if (!o.enum_max.empty()) {
    char* end = nullptr;
    long n = std::strtol(o.enum_max.c_str(), &end, 10);
    if (*end != '\0' || n < 0 || n > 1000) {
      fmt::print(stderr, "cfgc infer: --enum-max {}: not a number from 0 to 1000\n", o.enum_max);
      return kExitUsage;
    }
    options.enum_max = static_cast<int>(n);
  }
  if (!o.outfile.empty() && o.outfile != "-" && !o.force && fs::exists(o.outfile)) {
    fmt::print(stderr, "cfgc infer: {} already exists; use -f to overwrite\n", o.outfile);
    return kExitUsage;
  }

  load::Build build;
  std::unique_ptr<encoding::SchemaInference> inference;
  std::string source = o.inventory;  // where the samples come from, for messages
  if (!o.inventory.empty()) {
    options.sample_noun = "hosts";
    inference = std::make_unique<encoding::SchemaInference>(options);
    auto inv = build.read_inventory(o.inventory);
    if (!inv) {
      print_diagnostics(build.files(), build.diagnostics());
      fmt::print(stderr, "cfgc infer: cannot read the inventory {}\n", o.inventory);
      return kExitUsage;
    }
    for (const std::string& host : inv->hosts()) {
      syntax::File* vars = inv->host_vars(host, build.arena(), build.diagnostics());
      if (vars) inference->add_fields(vars);
    }
    if (inv->hosts().empty()) {
      print_diagnostics(build.files(), build.diagnostics());
      fmt::print(stderr, "cfgc infer: {}: no hosts in the inventory, nothing to infer from\n",
                 o.inventory);
      return kExitInvalid;
    }
    inference->set_source("the inventory " + o.inventory);
  } else {
    inference = std::make_unique<encoding::SchemaInference>(options);
    std::vector<std::string> files = data_files(o.files);
    if (files.empty()) {
      fmt::print(stderr, "cfgc infer: no data files (.json, .jsonl, .yaml, .yml) in {}\n",
                 fmt::join(o.files, ", "));
      return kExitUsage;
    }
    for (const std::string& path : files) {
      Result<encoding::DataFormat> format = encoding::data_format_of(path);
      if (!format) {
        fmt::print(stderr, "cfgc infer: {}\n", format.error().message);
        return kExitUsage;
      }
      Result<std::string> content = read_file(path);
      if (!content) {
        fmt::print(stderr, "cfgc infer: {}\n", content.error().message);
        return kExitUsage;
      }
      const SourceFile& src =
          build.files().add(load::Build::display_name(path), std::move(*content));
      for (const encoding::DataDocument& doc :
           encoding::read_data_documents(build.arena(), src, *format, build.diagnostics())) {
        inference->add(doc.value);
      }
    }
    source = o.files.size() == 1 ? o.files[0] : fmt::format("{} files", o.files.size());

    inference->set_source(source);
  }
  print_diagnostics(build.files(), build.diagnostics());
  if (build.diagnostics().has_errors()) return kExitInvalid;
  if (inference->samples() == 0) {
    fmt::print(stderr, "cfgc infer: no data in {}, nothing to infer from\n", source);
    return kExitInvalid;
  }

  std::string text = inference->cue_text();
  if (!o.package.empty()) text = fmt::format("package {}\n\n{}", o.package, text);
  Result<std::string> formatted = formatted_cue(text, o.outfile.empty() ? "schema.cue" : o.outfile);
  if (!formatted) {
    fmt::print(stderr, "cfgc infer: {}\n", formatted.error().message);
    return kExitUsage;
  }
  if (o.outfile.empty() || o.outfile == "-") {
    fmt::print("{}", *formatted);
    return kExitOk;
  }
  if (Result<> w = write_file_atomic(o.outfile, *formatted); !w) {
    fmt::print(stderr, "cfgc infer: {}\n", w.error().message);
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

Command infer_command() {
  auto o = std::make_shared<InferCommandOptions>();
  Command c;
  c.name = "infer";
  c.summary = "Write a first schema from existing data files or an Ansible inventory";
  c.footer =
      "Reads every document of the data files (.json, .jsonl, .yaml, .yml; a directory gives\n"
      "the data files in it and below), or every host's variables of an Ansible inventory (as\n"
      "`cfgc vet --inventory` computes them), and writes one CUE definition that all of them\n"
      "satisfy: a starting point to edit, not a finished "
      "schema. What it infers:\n"
      "  - a field set in every sample is required (name!:), the others optional (name?:),\n"
      "    with how often they were seen as a comment;\n"
      "  - kinds as seen (int and float together are number; null | string when both);\n"
      "  - strings: net.IPv4, net.IPv6, net.IP or net.IPCIDR when every value is one; an enum\n"
      "    (\"leaf\" | \"spine\") when at most --enum-max distinct values were each seen twice\n"
      "    or more; else string;\n"
      "  - numbers: the range seen as a comment, or as bounds with --bounds;\n"
      "  - lists: [...T], the elements of every list merged (structs field by field);\n"
      "  - maps: a struct keyed by names (swp1, Ethernet1/1, VLAN ids, addresses, leaf1 leaf2\n"
      "    leaf3) is [string]: T (numbers: [=~\"^[0-9]+$\"]: T).\n"
      "The definition is #HostVars for an inventory, #Schema for files (-d to choose), closed as\n"
      "definitions are: an unknown variable is reported by vet. Written to standard output, or\n"
      "to -o FILE (an existing file only with -f).\n"
      "\n"
      "Examples:\n"
      "  cfgc infer --inventory inventory/ -o schema.cue\n"
      "  cfgc vet --inventory inventory/ -d '#HostVars' schema.cue\n"
      "  cfgc infer --bounds -d '#Device' devices/ > device_schema.cue\n"
      "  cfgc vet device_schema.cue devices/*.yaml -d '#Device'";
  c.flags = {
      {"files", "Data files whose documents are the samples (a directory: its data files)",
       &o->files, "FILE|DIR"},
      {"--inventory", "Infer from every host's variables of this Ansible inventory", &o->inventory,
       "DIR"},
      {"-o,--outfile", "Write the schema to this file (default: standard output)", &o->outfile,
       "FILE"},
      {"-f,--force", "Overwrite the -o file if it exists", &o->force},
      {"-p,--package", "Add this package clause", &o->package, "PKG"},
      {"-d,--definition", "The definition's name (default #HostVars, or #Schema for files)",
       &o->definition, "NAME"},
      {"--bounds", "Write the numeric ranges seen as bounds (int & >=1 & <=4094)", &o->bounds},
      {"--enum-max", "At most this many distinct strings make an enum (default 8; 0: none)",
       &o->enum_max, "N"},
  };
  c.run = [o] { return run_infer(*o); };
  return c;
}

}  // namespace cfgc::cli

// `cfgc vet`: checks data files against a CUE package, each data document on its own — the
// CI gate. Exit 0 when everything is valid, 1 on validation errors, 2 on usage or I/O errors.
// The results are kept per document (one report case each) and printed by cmd/report_format
// in the --format asked for.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include "cmd/command.h"
#include "cmd/report_format.h"
#include "compiler/base/file_io.h"
#include "compiler/encoding/data_import.h"
#include "compiler/encoding/yang_validate.h"
#include "compiler/export/export.h"
#include "compiler/load/build.h"
#include "compiler/load/instance.h"
#include "compiler/load/inventory.h"
#include "compiler/syntax/parser.h"

namespace cfgc::cli {

namespace {

struct VetOptions {
  std::vector<std::string> inputs;
  std::string definition;
  std::vector<std::string> tags;
  std::string inventory;
  bool concrete = false;
  bool lax = false;
  bool verbose = false;
  std::string format = "text";
  std::string color = "auto";
  // --yang: the value (or -e's) rendered as JSON_IETF and validated by libyang.
  std::vector<std::string> yang;           // modules or files (repeatable, comma-separated)
  std::vector<std::string> yang_dirs;      // -p
  std::vector<std::string> yang_features;  // --features
  std::string expr;                        // -e
  std::string yang_json;                   // --yang-json FILE|-
};

// The vertex at a label path ("a".b.c, as yang_data_path_to_labels writes it), or the deepest
// one that exists.
eval::Vertex* vertex_at(eval::Evaluator& ev, eval::Vertex* v, const std::string& path) {
  auto labels = encoding::parse_label_path(path);
  if (!labels) return v;
  for (const std::string& l : *labels) {
    std::string name = l;
    if (name.size() >= 2 && name.front() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    ev.evaluate(v);
    eval::Vertex* next = nullptr;
    for (eval::Vertex* a : v->arcs) {
      if (eval::label_name(a->label) == name) next = a;
    }
    if (!next) break;
    v = next;
  }
  return v;
}

bool is_data_file(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// The diagnostics added to `d` since it held `mark` of them.
std::vector<Diagnostic> added_since(const Diagnostics& d, size_t mark) {
  if (mark >= d.size()) return {};
  return {d.list().begin() + static_cast<std::ptrdiff_t>(mark), d.list().end()};
}

// The cause first: a field the user has to fill in is reported where it would be written
// ("hosts.leaf3.role: missing value ("leaf" | "spine")" at cumulus/leaf3.yaml, then the
// schema line), and the values computed from missing ones are counted after them rather than
// reported one by one.
void missing_values_first(std::vector<Diagnostic>& ds) {
  using I = Diagnostic::Incomplete;
  // A field misspelt in the data leaves the field it meant missing: the misspelling, with its
  // suggestion, is the one message to show.
  std::vector<std::string> suggested;
  for (const Diagnostic& d : ds) {
    size_t at = d.message.find("(did you mean ");
    if (at == std::string::npos || !d.message.starts_with("field not allowed")) continue;
    std::string name = d.message.substr(at + 14, d.message.find("?)", at) - at - 14);
    size_t dot = d.path.rfind('.');
    suggested.push_back(dot == std::string::npos ? name : d.path.substr(0, dot + 1) + name);
  }
  std::erase_if(ds, [&](const Diagnostic& d) {
    return d.incomplete == I::Missing &&
           std::find(suggested.begin(), suggested.end(), d.path) != suggested.end();
  });
  bool any_missing = std::any_of(ds.begin(), ds.end(),
                                 [](const Diagnostic& d) { return d.incomplete == I::Missing; });
  if (!any_missing && suggested.empty()) return;
  // The causes: missing values and misspelt fields; derived values are counted with them.
  auto is_cause = [](const Diagnostic& d) {
    return d.incomplete == I::Missing || d.message.find("(did you mean ") != std::string::npos;
  };
  std::vector<Diagnostic> out;
  std::vector<std::string> derived;
  for (Diagnostic& d : ds) {
    if (d.incomplete == I::Derived) {
      derived.push_back(d.path.empty() ? "(top)" : d.path);
      continue;
    }
    if (d.incomplete == I::Missing) {
      std::string_view m = d.message;
      constexpr std::string_view kPrefix = "incomplete value ",
                                 kAmbiguous = " (ambiguous disjunction: no single default)";
      if (m.starts_with(kPrefix)) m.remove_prefix(kPrefix.size());
      if (m.ends_with(kAmbiguous)) m.remove_suffix(kAmbiguous.size());
      d.message = fmt::format("missing value ({})", m);
      if (!d.fill_at.empty()) {
        std::vector<Pos> related(d.fill_at.begin() + 1, d.fill_at.end());
        if (d.pos.valid()) related.push_back(d.pos);
        related.insert(related.end(), d.related.begin(), d.related.end());
        d.pos = d.fill_at.front();
        d.related = std::move(related);
      }
    }
    out.push_back(std::move(d));
  }
  if (!derived.empty()) {
    // Told once, with the first missing value (in the order the report prints them).
    std::string list;
    for (size_t i = 0; i < derived.size() && i < 10; ++i) list += (i ? ", " : "") + derived[i];
    if (derived.size() > 10) list += fmt::format(", and {} more", derived.size() - 10);
    auto first =
        std::min_element(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
          if (is_cause(a) != is_cause(b)) return is_cause(a);
          return a.pos < b.pos;
        });
    first->message +=
        fmt::format("; {} value{} computed from it {} incomplete too ({})", derived.size(),
                    derived.size() == 1 ? "" : "s", derived.size() == 1 ? "is" : "are", list);
  }
  ds = std::move(out);
}

// A data file read before anything is checked: its documents and its syntax errors.
struct DataFile {
  std::string name;  // display name, "./hosts.yaml"
  std::vector<syntax::File*> docs;
  std::vector<Diagnostic> syntax;
};

int run_vet(const VetOptions& o) {
  std::optional<ReportFormat> format = parse_report_format(o.format);
  if (!format) {
    fmt::print(stderr, "cfgc vet: unknown --format \"{}\" (want text, json, github or junit)\n",
               o.format);
    return kExitUsage;
  }
  if (o.color != "auto" && o.color != "always" && o.color != "never") {
    fmt::print(stderr, "cfgc vet: unknown --color \"{}\" (want auto, always or never)\n", o.color);
    return kExitUsage;
  }
  std::vector<std::string> schema_args, data_args;
  std::vector<std::string> inputs = o.inputs.empty() ? std::vector<std::string>{"."} : o.inputs;
  // `dir/...`: every package instance below dir, vetted one after the other as cue vet does,
  // each with its own messages; the worst exit code wins.
  if (std::any_of(inputs.begin(), inputs.end(),
                  [](const std::string& a) { return a == "..." || a.ends_with("/..."); })) {
    if (*format == ReportFormat::Json || *format == ReportFormat::Junit) {
      fmt::print(stderr,
                 "cfgc vet: --format {} writes one report: vet one instance per run, not dir/...\n",
                 o.format);
      return kExitUsage;
    }
    std::vector<std::string> dirs, others;
    std::error_code ec;
    for (const auto& a : load::expand_instance_patterns(inputs))
      (std::filesystem::is_directory(a, ec) ? dirs : others).push_back(a);
    if (dirs.empty()) {
      fmt::print(stderr, "cfgc vet: no CUE packages below the given directories\n");
      return kExitUsage;
    }
    int status = kExitOk;
    for (const std::string& d : dirs) {
      VetOptions one = o;
      one.inputs = {d};
      one.inputs.insert(one.inputs.end(), others.begin(), others.end());
      status = std::max(status, run_vet(one));
    }
    return status;
  }
  for (const auto& a : inputs) (is_data_file(a) ? data_args : schema_args).push_back(a);
  if (schema_args.empty()) {
    fmt::print(stderr, "cfgc vet: no schema: give at least one .cue file or package directory\n");
    return kExitUsage;
  }
  load::Build build;
  build.set_tags(o.tags);
  build.set_yaml11_warnings(true);
  auto io_failed = [&] {
    if (!build.diagnostics().has_io_errors()) return false;
    for (const Diagnostic& d : build.diagnostics().list()) {
      if (d.kind == ErrorKind::Io) fmt::print(stderr, "cfgc vet: {}\n", d.message);
    }
    return true;
  };
  build.load(schema_args);
  if (io_failed()) return kExitUsage;

  Report report{"cfgc vet", {}};
  auto finish = [&](int code) {
    bool color = *format == ReportFormat::Text &&
                 (o.color == "always" || (o.color == "auto" && color_for_fd(STDERR_FILENO)));
    std::string out = render_report(build.files(), report, *format, color);
    std::fwrite(out.data(), 1, out.size(), report_to_stdout(*format) ? stdout : stderr);
    return code;
  };
  // The schema's own case: its compile errors, or its errors when there is no data to check.
  ReportCase schema;
  for (const std::string& a : schema_args) {
    schema.name +=
        (schema.name.empty() ? "" : " ") + report_file_name(load::Build::display_name(a));
  }
  if (schema_args.size() == 1 && std::filesystem::path(schema_args[0]).extension() == ".cue") {
    schema.file = load::Build::display_name(schema_args[0]);
  }
  auto schema_failed = [&](int code) {
    schema.diagnostics = build.diagnostics().list();
    report.cases.push_back(std::move(schema));
    return finish(code);
  };
  eval::Vertex* root = build.instantiate();
  if (!root) return schema_failed(kExitInvalid);
  eval::Evaluator& ev = build.evaluator();
  // The definition data files are checked against (-d '#Bond'), or the package itself.
  eval::Vertex* def = nullptr;
  if (!o.definition.empty()) {
    def = build.select(root, o.definition, "-d");
    if (!def) return schema_failed(kExitUsage);
  }
  // Data checked against a package that constrains nothing at its top level (only definitions)
  // would pass whatever it holds: apply the package's only definition, or ask for -d.
  if (!def && (!data_args.empty() || !o.inventory.empty())) {
    ev.evaluate(root);
    bool constrains = root->value || root->is_list || !root->patterns().empty();
    std::vector<eval::Vertex*> definitions;
    for (eval::Vertex* a : root->arcs) {
      eval::LabelKind k = eval::label_kind(a->label);
      constrains |= k == eval::LabelKind::Regular;
      if (k == eval::LabelKind::Definition) definitions.push_back(a);
    }
    if (!constrains && definitions.size() == 1) {
      def = definitions[0];
    } else if (!constrains) {
      std::string names;
      for (eval::Vertex* d : definitions)
        names += (names.empty() ? "" : ", ") + std::string(eval::label_name(d->label));
      fmt::print(stderr,
                 "cfgc vet: the schema constrains nothing at its top level, so every data document "
                 "would pass; "
                 "choose the definition to check against with -d ({})\n",
                 names.empty() ? "the package has no definitions either" : "one of " + names);
      return kExitUsage;
    }
  }
  // Errors of one evaluated value, each once. A package vetted on its own must be as concrete
  // as export needs it (unless --lax): vet must not pass what export rejects.
  bool package_concrete = o.concrete || !o.lax;
  auto check = [&](eval::Vertex* v, std::vector<Diagnostic>& out, bool concrete) {
    for (Diagnostic& d : ev.errors(v, concrete)) {
      bool dup = false;
      for (const Diagnostic& x : out)
        dup |= x.pos == d.pos && x.message == d.message && x.path == d.path;
      if (!dup) out.push_back(std::move(d));
    }
    missing_values_first(out);
  };
  // A data document unified with the definition (-d) or with the whole package, on its own.
  auto unified = [&](eval::StructExpr* doc) {
    if (!def) return build.new_root(doc);
    const eval::Expr* parts[] = {ev.vertex_expr(def, doc->pos), doc};
    return ev.new_unification(parts, doc->pos);
  };
  if (!o.yang.empty()) {
    // The last gate: CUE's checks first, then libyang on the JSON_IETF rendering.
    if (!data_args.empty() || !o.inventory.empty() || def) {
      fmt::print(stderr,
                 "cfgc vet: --yang checks the package's value (or -e's), not data files, "
                 "--inventory or -d\n");
      return kExitUsage;
    }
    eval::Vertex* v = o.expr.empty() ? root : build.select(root, o.expr, "-e");
    if (!v) return schema_failed(kExitUsage);
    schema.diagnostics = build.diagnostics().list();
    check(v, schema.diagnostics, true);
    if (schema.failed()) {
      report.cases.push_back(std::move(schema));
      return finish(kExitInvalid);
    }
    std::string json;
    exporter::write_json(ev, v, json);
    encoding::YangValidateOptions yo;
    for (const std::string& y : o.yang) {
      for (size_t s = 0; s <= y.size();) {
        size_t e = y.find(',', s);
        std::string m = y.substr(s, e == std::string::npos ? std::string::npos : e - s);
        if (!m.empty()) yo.modules.push_back(m);
        s = e == std::string::npos ? y.size() + 1 : e + 1;
      }
    }
    yo.search_dirs = o.yang_dirs;
    yo.features = o.yang_features;
    Result<encoding::YangValidation> r = encoding::yang_validate(json, yo);
    if (!r) {
      fmt::print(stderr, "cfgc vet: --yang: the YANG modules cannot be read:\n");
      print_indented(stderr, r.error().message);
      return kExitUsage;
    }
    if (!o.yang_json.empty() && r->errors.empty()) {
      if (o.yang_json == "-") {
        fmt::print("{}\n", r->json_ietf);
      } else if (Result<> w = write_file_atomic(o.yang_json, r->json_ietf + "\n"); !w) {
        fmt::print(stderr, "cfgc vet: {}\n", w.error().message);
        return kExitUsage;
      }
    }
    ReportCase yc{schema.name + " (yang)", schema.file, {}};
    std::string prefix = o.expr;
    for (const encoding::YangDataError& e : r->errors) {
      Diagnostic d{Severity::Error, {}, {}, "libyang: " + e.message, {}, {}};
      d.path = prefix.empty() ? e.path : (e.path.empty() ? prefix : prefix + "." + e.path);
      // Where the value was written, when the path reaches it: its declarations.
      eval::Vertex* at = vertex_at(ev, v, e.path);
      std::vector<Pos> ps;
      for (const eval::Conjunct& c : at->conjuncts) {
        if (c.pos.valid() && std::find(ps.begin(), ps.end(), c.pos) == ps.end())
          ps.push_back(c.pos);
      }
      if (!ps.empty()) {
        d.pos = ps.back();
        d.related.assign(ps.begin(), ps.end() - 1);
      }
      if (!e.data_path.empty()) d.message += " (" + e.data_path + ")";
      yc.diagnostics.push_back(std::move(d));
    }
    report.cases.push_back(std::move(schema));
    report.cases.push_back(std::move(yc));
    return finish(report.failed() ? kExitInvalid : kExitOk);
  }
  if (data_args.empty() && o.inventory.empty()) {
    schema.diagnostics = build.diagnostics().list();    // warnings (embedded YAML files)
    check(root, schema.diagnostics, package_concrete);  // no data: vet the package itself
    report.cases.push_back(std::move(schema));
    return finish(report.failed() ? kExitInvalid : kExitOk);
  }
  // Every data file is read first: an unreadable one is an I/O error before any check.
  std::vector<DataFile> data;
  for (const std::string& path : data_args) {
    size_t mark = build.diagnostics().size();
    DataFile f{load::Build::display_name(path), build.read_data(path), {}};
    f.syntax = added_since(build.diagnostics(), mark);
    data.push_back(std::move(f));
  }
  if (io_failed()) return kExitUsage;
  for (DataFile& f : data) {
    std::string name = report_file_name(f.name);
    bool syntax_errors = false;
    for (const Diagnostic& d : f.syntax) syntax_errors |= d.severity == Severity::Error;
    if (syntax_errors || f.docs.empty()) {
      // Not checked: one case for the whole file, failing with its syntax errors if any.
      report.cases.push_back(ReportCase{name, f.name, std::move(f.syntax)});
      continue;
    }
    for (size_t i = 0; i < f.docs.size(); ++i) {
      ReportCase c{f.docs.size() > 1 ? fmt::format("{}:doc{}", name, i + 1) : name, f.name, {}};
      if (i == 0) c.diagnostics = std::move(f.syntax);  // warnings only
      size_t mark = build.diagnostics().size();
      eval::StructExpr* doc = build.compile_data(f.docs[i]);
      for (Diagnostic& d : added_since(build.diagnostics(), mark))
        c.diagnostics.push_back(std::move(d));
      if (doc && !c.failed()) check(unified(doc), c.diagnostics, o.concrete);
      report.cases.push_back(std::move(c));
    }
  }
  if (!o.inventory.empty()) {
    // Every host of an Ansible inventory, with its variables computed as Ansible does.
    size_t mark = build.diagnostics().size();
    std::vector<std::string>
        files_read;  // in Ansible's order (an .ini file inside a directory is not)
    auto inv = build.read_inventory(o.inventory, &files_read);
    for (const std::string& f : o.verbose ? files_read : std::vector<std::string>{})
      fmt::print(stderr, "cfgc: read {}\n", f);
    if (!inv) {
      ReportCase c{report_file_name(o.inventory), o.inventory, {}};
      for (Diagnostic& d : added_since(build.diagnostics(), mark))
        c.diagnostics.push_back(std::move(d));
      if (c.diagnostics.empty())
        c.diagnostics.push_back(
            Diagnostic{Severity::Error, {}, {}, "cannot read the inventory", {}, {}});
      report.cases.push_back(std::move(c));
      return finish(kExitUsage);
    }
    // What reading the inventory said (sources skipped, duplicate keys); no host at all is an
    // error: a gate that checked nothing must not pass.
    ReportCase reading{report_file_name(o.inventory), o.inventory,
                       added_since(build.diagnostics(), mark)};
    if (inv->hosts().empty()) {
      reading.diagnostics.push_back(Diagnostic{
          Severity::Error,
          {},
          {},
          fmt::format("{}: no hosts in the inventory, so nothing was checked", o.inventory),
          {},
          {}});
    }
    if (!reading.diagnostics.empty()) report.cases.push_back(std::move(reading));
    // A value set for a group is wrong for every host of the group: one message names them all
    // ("hosts leaf01, leaf02: mtu: …"), in each host's report case.
    struct HostResult {
      ReportCase c;
      std::vector<Diagnostic> found;
    };
    std::vector<HostResult> results;
    std::map<std::string, std::vector<std::string>> hosts_of;  // error key → hosts
    auto key_of = [](const Diagnostic& d) {
      std::string k = fmt::format("{}\n{}\n{}", d.path, d.message, d.pos.offset);
      for (Pos p : d.related) k += fmt::format(",{}", p.offset);
      return k;
    };
    for (const std::string& host : inv->hosts()) {
      HostResult r{ReportCase{"host " + host, "", {}}, {}};
      size_t m = build.diagnostics().size();
      syntax::File* vars = inv->host_vars(host, build.arena(), build.diagnostics());
      eval::StructExpr* doc = vars ? build.compile_host_data(vars) : nullptr;
      for (Diagnostic& d : added_since(build.diagnostics(), m))
        r.c.diagnostics.push_back(std::move(d));
      if (doc && !r.c.failed()) {
        check(unified(doc), r.found, o.concrete);
        for (const Diagnostic& d : r.found) hosts_of[key_of(d)].push_back(host);
      }
      results.push_back(std::move(r));
    }
    for (HostResult& r : results) {
      for (Diagnostic& d : r.found) {
        const std::vector<std::string>& hs = hosts_of[key_of(d)];
        std::string who = hs.size() == 1 ? "host " : "hosts ";
        for (size_t i = 0; i < hs.size() && i < 8; ++i) {
          if (i) who += ", ";
          who += hs[i];
        }
        if (hs.size() > 8) who += fmt::format(" and {} more", hs.size() - 8);
        d.path = who + ": " + (d.path.empty() ? std::string("(top)") : d.path);
        r.c.diagnostics.push_back(std::move(d));
      }
      report.cases.push_back(std::move(r.c));
    }
  }
  return finish(report.failed() ? kExitInvalid : kExitOk);
}

}  // namespace

Command vet_command() {
  auto o = std::make_shared<VetOptions>();
  Command c{"vet", "Check data files against a CUE schema (the CI gate)"};
  c.footer =
      "The .cue files (or directories) form the schema package; every document of every data\n"
      "file (.yaml, .yml, .json) is unified with it on its own. Errors name the value's path, the\n"
      "schema position and the data position. Exit code 0 when valid, 1 on validation errors,\n"
      "2 on usage or I/O errors.\n\n"
      "When the schema package has no fields of its own, only definitions, the data is checked\n"
      "against its one definition; with several, -d must choose one (exit 2 otherwise).\n\n"
      "A package vetted without data files (cfgc vet ./fabric) must hold everything export\n"
      "needs: a field left without a value is reported where you would write it\n"
      "(hosts.leaf3.role: missing value (\"leaf\" | \"spine\"), at cumulus/leaf3.yaml), and the\n"
      "values computed from it are counted after it. --lax accepts values that are not concrete\n"
      "yet, as `cue vet` does.\n\n"
      "Output formats (--format), for CI:\n"
      "  text    the messages above, on stderr (the default); coloured on a terminal, unless\n"
      "          NO_COLOR is set or --color says otherwise\n"
      "  json    JSON Lines on stdout: one object per error, {\"path\", \"message\", "
      "\"severity\",\n"
      "          \"file\", \"line\", \"column\" (the primary position, or null), \"positions\": "
      "[{\"file\",\n"
      "          \"line\", \"column\"}...] (all of them), \"children\": [...] (the errors that "
      "make a\n"
      "          compound error, same shape)}\n"
      "  github  GitHub Actions workflow commands on stdout, one per error:\n"
      "            ::error file=F,line=L,col=C::PATH: MESSAGE (then the other positions)\n"
      "          at the error's data line when it has one\n"
      "  junit   JUnit XML on stdout: one <testsuite name=\"cfgc vet\">, one <testcase> per data\n"
      "          document, named FILE (FILE:docN, from 1, in a multi-document YAML file), with a\n"
      "          <failure> holding its errors; one for the schema when there are no data files\n"
      "text, json and github print each distinct error once, sorted by position; json, github\n"
      "and junit name files as given, without a leading ./. Usage and I/O errors are plain\n"
      "messages on stderr in every format.\n\n"
      "Examples:\n"
      "  cfgc vet bonds.cue group_vars/leaf/common.yml\n"
      "  cfgc vet -d '#Host' schema.cue host_vars/*.yml     (check each file against #Host)\n"
      "  cfgc vet -c schema.cue values.yaml                 (also require concrete values)\n"
      "  cfgc vet ./...                                     (every package instance below ., in\n"
      "                                                      turn; text and github formats)\n"
      "  cfgc vet --format junit schema.cue hosts/*.yml > vet-report.xml\n"
      "  cfgc vet --yang ietf-interfaces,ietf-ip -p models ./intent   (libyang checks the "
      "JSON_IETF too)";
  c.flags = {
      {"inputs", "Schema .cue files or directories, then data files (default: .)", &o->inputs},
      {"-d,--schema", "Check data files against this expression, e.g. '#Bond'", &o->definition},
      {"-c,--concrete", "Require every value of the data files to be concrete", &o->concrete},
      {"--lax",
       "A package vetted without data files: accept values that are not concrete yet (as cue "
       "vet does); by default every value export needs must be there",
       &o->lax},
      {"-t,--inject", "Set a @tag(name) field: -t name=value (repeatable)", &o->tags},
      {"--inventory",
       "Check every host of this Ansible inventory (directory or file): each host's variables, "
       "merged as Ansible merges them, against the schema or -d",
       &o->inventory},
      {"-v,--verbose", "With --inventory: list the files read, in the order Ansible reads them",
       &o->verbose},
      {"--format", "Output format: text (default), json, github or junit", &o->format, "FORMAT"},
      {"--color", "Colour text output: auto (default: on a terminal), always or never", &o->color,
       "WHEN"},
      {"--yang",
       "Also render the value as JSON_IETF and validate it with libyang against these YANG "
       "modules (names or files; repeatable, comma-separated); see docs/yang.md",
       &o->yang, "MODULE"},
      {"-p", "With --yang: a directory to find YANG modules in (repeatable)", &o->yang_dirs, "DIR"},
      {"--features", "With --yang: the features to enable, MOD:F1,F2 (MOD:* for all)",
       &o->yang_features, "MOD:F,..."},
      {"-e,--expression", "With --yang: validate this value of the package instead of all of it",
       &o->expr, "EXPR"},
      {"--yang-json",
       "With --yang: write the JSON_IETF rendering to this file (- for standard "
       "output) when it is valid",
       &o->yang_json, "FILE"},
  };
  c.run = [o] { return run_vet(*o); };
  return c;
}

}  // namespace cfgc::cli

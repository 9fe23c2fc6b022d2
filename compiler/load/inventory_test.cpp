// Ansible inventories (inventory.h). Every expected host JSON below is what
// `ansible-inventory -i DIR --host HOST` (ansible-core 2.14.18, Debian 12) printed for the
// same files, compacted with Python's json.dumps(sort_keys=True); the tests do not need
// Ansible. To look at the fixtures with Ansible, run the tests with
// CFGC_INVENTORY_FIXTURES=/some/dir: each fixture is then written to /some/dir/NAME and kept.

#include "compiler/load/inventory.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "compiler/encoding/yaml11.h"
#include "compiler/encoding/yaml_adapter.h"
#include "compiler/eval/compile.h"
#include "compiler/eval/evaluator.h"
#include "compiler/syntax/parser.h"

using namespace cfgc;
using namespace cfgc::load;
using namespace cfgc::encoding;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  fs::path dir;
  bool keep = false;

  Fixture(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
    if (const char* d = std::getenv("CFGC_INVENTORY_FIXTURES")) {
      dir = fs::path(d) / name;
      keep = true;
    } else {
      dir = fs::temp_directory_path() / fmt::format("cfgc-inventory-{}-{}", name, getpid());
    }
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& [path, content] : files) {
      fs::path p = dir / path;
      fs::create_directories(p.parent_path());
      if (path.back() == '/') continue;  // an empty directory
      std::ofstream(p, std::ios::binary) << content;
    }
  }
  ~Fixture() {
    std::error_code ec;
    if (!keep) fs::remove_all(dir, ec);
  }
  std::string path(const std::string& rel = "") const {
    return rel.empty() ? dir.string() : (dir / rel).string();
  }
};

struct Loaded {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  std::optional<Inventory> inv;

  explicit Loaded(const std::string& path) { inv = load_inventory(path, files, arena, diags); }

  std::string json(const std::string& host) {
    Diagnostics d;
    auto j = ansible_host_json(*inv, host, arena, d);
    std::string msgs;
    for (const Diagnostic& x : d.list()) msgs += format_cue_style(files, x) + "\n";
    INFO(msgs);
    REQUIRE(j.has_value());
    return *j;
  }

  std::string messages() const {
    std::string out;
    for (const Diagnostic& d : diags.list()) {
      out += format_cue_style(files, d) + "\n";
      for (const Diagnostic& c : d.children) out += "    " + format_cue_style(files, c) + "\n";
    }
    return out;
  }

  // "file:line" of a top-level variable of a host (the place that supplied it).
  std::string where(const std::string& host, const std::string& var) {
    Diagnostics d;
    syntax::File* f = inv->host_vars(host, arena, d);
    REQUIRE(f);
    for (syntax::Node* decl : f->decls) {
      auto* field = syntax::as<syntax::Field>(decl);
      const auto* id = syntax::as<syntax::Ident>(field->label);
      const auto* str = syntax::as<syntax::BasicLit>(field->label);
      if ((id ? id->name : str->value) == var) {
        Location l = files.resolve(field->value->pos);
        return fs::path(l.file->name()).filename().string() + ":" + std::to_string(l.line);
      }
    }
    return "";
  }
};

// Python's compact JSON and cfgc's output, compared as JSON values (ints stay ints).
std::string canonical(const std::string& json) { return nlohmann::json::parse(json).dump(); }

void check_hosts(Loaded& l, const std::map<std::string, std::string>& expected) {
  INFO(l.messages());
  REQUIRE(l.inv.has_value());
  std::vector<std::string> hosts = l.inv->hosts();
  std::sort(hosts.begin(), hosts.end());
  std::vector<std::string> want;
  for (const auto& [h, j] : expected) want.push_back(h);
  CHECK(hosts == want);
  for (const auto& [host, json] : expected) {
    INFO("host " << host);
    if (!l.inv->has_host(host)) continue;
    CHECK(canonical(l.json(host)) == canonical(json));
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------

TEST_CASE("inventory: YAML 1.1 scalars resolve as PyYAML resolves them") {
  using K = TypedScalar::Kind;
  struct Case {
    const char* in;
    K kind;
    const char* text;
  };
  const Case cases[] = {
      {"yes", K::Bool, "true"},
      {"Yes", K::Bool, "true"},
      {"NO", K::Bool, "false"},
      {"on", K::Bool, "true"},
      {"OFF", K::Bool, "false"},
      {"True", K::Bool, "true"},
      {"y", K::String, "y"},
      {"n", K::String, "n"},
      {"tRue", K::String, "tRue"},
      {"~", K::Null, ""},
      {"", K::Null, ""},
      {"Null", K::Null, ""},
      {"0755", K::Int, "493"},
      {"-0755", K::Int, "-493"},
      {"0_755", K::Int, "493"},
      {"08", K::String, "08"},
      {"0", K::Int, "0"},
      {"00", K::Int, "0"},
      {"0x1F", K::Int, "31"},
      {"0x_1F", K::Int, "31"},
      {"0b101", K::Int, "5"},
      {"0o17", K::String, "0o17"},
      {"1_000", K::Int, "1000"},
      {"+12", K::Int, "12"},
      {"22:30", K::Int, "1350"},
      {"1:30:00", K::Int, "5400"},
      {"-1:30", K::Int, "-90"},
      {"09:30", K::String, "09:30"},
      {"1:60", K::String, "1:60"},
      {"1:05", K::Int, "65"},
      {"52:54:00:12:34:56", K::Int, "41135085296"},
      {"00:11:22:33:44:55", K::String, "00:11:22:33:44:55"},
      {"10:00:00:00:00:01", K::Int, "7776000001"},
      {"12:30:45", K::Int, "45045"},
      {"123456789012345678901234567890", K::Int, "123456789012345678901234567890"},
      {"1.5", K::Float, "1.5"},
      {"1.", K::Float, "1.0"},
      {".5", K::Float, "0.5"},
      {"-.5", K::String, "-.5"},
      {"1e3", K::String, "1e3"},
      {"1.0e+3", K::Float, "1000.0"},
      {"1.0e3", K::String, "1.0e3"},
      {"1.5E-7", K::Float, "1.5e-07"},
      {"1_0.5", K::Float, "10.5"},
      {"190:20:30.15", K::Float, "685230.15"},
      {"1e400", K::String, "1e400"},
      {".inf", K::NotFinite, ".inf"},
      {"-.Inf", K::NotFinite, "-.Inf"},
      {".NaN", K::NotFinite, ".NaN"},
      {"1.0e+400", K::NotFinite, "1.0e+400"},
      {"2001-12-14", K::Timestamp, "2001-12-14"},
      {"2001-1-4", K::String, "2001-1-4"},
      {"2001-12-14 21:59:43.10 -5", K::Timestamp, "2001-12-14T21:59:43.100000-05:00"},
      {"2001-12-14t21:59:43Z", K::Timestamp, "2001-12-14T21:59:43+00:00"},
      {"2001-1-4 1:02:03", K::Timestamp, "2001-01-04T01:02:03"},
      {"2001-12-14T21:59:43.1234567+05:30", K::Timestamp, "2001-12-14T21:59:43.123456+05:30"},
      {"2001-02-30", K::Invalid, ""},
      {"10.0.0.1", K::String, "10.0.0.1"},
      {"1.2.3", K::String, "1.2.3"},
      {"leaf01", K::String, "leaf01"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    TypedScalar t = resolve_yaml11(c.in);
    CHECK(t.kind == c.kind);
    if (c.kind != K::Invalid) CHECK(t.text == c.text);
  }
  CHECK(python_float_repr(1e16) == "1e+16");
  CHECK(python_float_repr(1e15) == "1000000000000000.0");
  CHECK(python_float_repr(0.0001) == "0.0001");
  CHECK(python_float_repr(0.00001) == "1e-05");
  CHECK(python_float_repr(-2.5) == "-2.5");
  CHECK(python_float_repr(0.1) == "0.1");
  CHECK(python_float_repr(1e100) == "1e+100");
}

TEST_CASE("inventory: the YAML reader keeps CUE's reading of YAML by default") {
  FileSet fs;
  Arena arena;
  Diagnostics diags;
  const SourceFile& src = fs.add("t.yaml", "a: yes\nb: 0755\nc: 22:30\nd: 1\nd: 2\n");
  std::vector<syntax::File*> docs = parse_yaml(arena, src, diags);
  REQUIRE(docs.size() == 1);
  CHECK(diags.error_count() == 1);  // the duplicate key
  REQUIRE(docs[0]->decls.size() == 4);
  auto value = [&](size_t i) {
    return syntax::as<syntax::BasicLit>(syntax::as<syntax::Field>(docs[0]->decls[i])->value);
  };
  CHECK(value(0)->tok == syntax::Tok::String);
  CHECK(value(1)->raw == "0o755");  // octal, as cue reads it: 493
  CHECK(value(2)->tok == syntax::Tok::String);
  CHECK(value(3)->raw == "1");  // the first one is kept

  Diagnostics d2;
  docs = parse_yaml(arena, src, d2, YamlMode::Ansible);
  REQUIRE(docs.size() == 1);
  CHECK(d2.error_count() == 0);
  REQUIRE(d2.size() == 1);
  CHECK(d2.list()[0].severity == Severity::Warning);
  CHECK(d2.list()[0].related.size() == 1);
  CHECK(value(0)->tok == syntax::Tok::True);
  CHECK(value(1)->raw == "493");
  CHECK(value(2)->raw == "1350");
  CHECK(value(3)->raw == "2");  // the last one wins
}

// ---------------------------------------------------------------------------------------------
// Fixtures checked against ansible-inventory.

namespace {

const std::vector<std::pair<std::string, std::string>> kIniTyping = {
    {"hosts", R"inv(# an INI inventory
gw1 ansible_host=10.0.0.1

[spine]
spine[1:2] asn=65000

[leaf]
leaf[01:04]
leaf05:2222 role="border" q='x y' t=True l=[1,'a',None] d={'k':1,'j':[2]} f=1.5 z=010 h=0x1F tup=(1,2) e= s="'1'"

[leaf:vars]
mtu=9214
enabled=True
off_val=no
str1='quoted'
str2="dq"
lst=[1, 'a', True]
dct={'k': 1}
flt=1.5
neg=-3
comment=1 # trailing
semi=1 ; x
yes_val=yes
none_val=None
tup=(1,2)
hex=0x1F
oct=0o17
big=1_000
zero=010
spaced = hello world
empty=
expr=1+2
bytesv=b'ab'
eq=a=b

[fabric:children]
spine
leaf

[fabric:vars]
domain=example.net

[all:vars]
ntp=10.1.1.1
)inv"}};

const std::vector<std::pair<std::string, std::string>> kIniQuoting = {{"hosts", R"inv([beta]
h1 c2="x#y" c3='p q'r c4=\"esc\" c5="a\"b\\c\d" c6=it\'s c7="[1, 'a']" c8='{"k": "v"}' c9=u'x' c10="'a' 'b'" c11=0o17 c12=1e3 c13=-0x10 c14=.5 c15=5. c16=1_0 c17=r'\n' c18="'\x41\u00e9\n'" c19=True c20=true c21=none c22=(1,) c23=() c24={} c26=- c27=+5 c28=f'x' c29="1 if x else 2"
h2 ansible_ssh_pass="p@ss w0rd" x==y y=a=b
h3 c1=a#b c2=not_read
h4 k="{'n': {'m': [1, 2.5, None, 'x']}, 'e': ()}" f=1.5e-7 g=-2.5e-3 i=0b_101 j="'''tri'''" k2="-(1)" k3="--1"

[beta:vars]
ansible_group_priority=5
groups=mine
omit=x
inventory_file=f
playbook_dir=p
group_names=g
inventory_hostname=ih
)inv"}};

const std::vector<std::pair<std::string, std::string>> kYamlFiles = {
    {"hosts.yml", R"inv(all:
  vars:
    src: inv_all
    a_all: inv
    both: inv_all
  hosts:
    mgmt1:
      src: inv_host
  children:
    fabric:
      vars:
        src: inv_fabric
        both: inv_fabric
        fab: 1
      children:
        spine:
          hosts:
            spine[1:2]:
          vars:
            src: inv_spine
        leaf:
          hosts:
            leaf[a:c]:
              hv: inv
            leafd:
          vars:
            src: inv_leaf
)inv"},
    {"group_vars/all/10-base.yml", "src: gv_all_10\ngv_all: 10\n"},
    {"group_vars/all/02-first.yaml", "src: gv_all_02\nfirst: yes\n"},
    {"group_vars/all.yml", "src: gv_all_file\nall_file: read\n"},
    {"group_vars/all/05.json", "{\"src\": \"gv_all_json\", \"j\": 1}\n"},
    {"group_vars/all/noext", "noext: true\n"},
    {"group_vars/all/ignored.txt", "ignored: true\n"},
    {"group_vars/all/.hidden.yml", "hidden: true\n"},
    {"group_vars/all/bk.yml~", "backup: true\n"},
    {"group_vars/leaf/main.yml", "src: gv_leaf_main\norder: main\nnested: {a: 1, b: 2}\n"},
    {"group_vars/leaf/sub/x.yml", "order: sub_x\n"},
    {"group_vars/leaf/z.d/x.yml", "order: zd\n"},
    {"group_vars/leaf/m.yml", "order2: m\n"},
    {"group_vars/leaf/n.yml", "nested: {c: 3}\n"},
    {"group_vars/fabric.yaml", "src: gv_fabric\n"},
    {"group_vars/fabric.yml", "src: gv_fabric_yml\nfabyml: 1\n"},
    {"group_vars/spine.json", "{\"src\": \"gv_spine_json\"}\n"},
    {"group_vars/spine", "src: gv_spine_noext\n"},
    {"group_vars/nogroup.yml", "never: read\n"},
    {"host_vars/leafa.yml", "src: hv_leafa\n"},
    {"host_vars/leafb", "hv: file\n"},
    {"host_vars/mgmt1.yml", "src: hv_mgmt1\n"},
};

const std::vector<std::pair<std::string, std::string>> kPrecedence = {
    {"hosts", R"inv([all:vars]
k1=inv_all
k2=inv_all
k3=inv_all
k4=inv_all
k5=inv_all
k6=inv_all

[g]
h1 k1=inv_host k2=inv_host
h2

[g:vars]
k1=inv_g
k2=inv_g
k3=inv_g
k4=inv_g
k5=inv_g
ka=inv_g
)inv"},
    {"group_vars/all.yml", "k1: gv_all\nk2: gv_all\nk3: gv_all\nk4: gv_all\nka: gv_all\n"},
    {"group_vars/g.yml", "k1: gv_g\nk2: gv_g\nk3: gv_g\n"},
    {"host_vars/h1.yml", "k1: hv_h1\n"},
    {"host_vars/h2.yml", "k1: hv_h2\nk4: hv_h2\n"},
};

const std::vector<std::pair<std::string, std::string>> kPriority = {
    {"inventory.yml", R"inv(all:
  children:
    alpha:
      hosts:
        h1:
        h2:
        h3:
      vars:
        x: alpha
        y: alpha
        z: alpha
        w: alpha
    beta:
      hosts:
        h1:
        h2:
      vars:
        x: beta
        y: beta
        ansible_group_priority: 5
    gamma:
      hosts:
        h1:
      vars:
        x: gamma
        y: gamma
        z: gamma
    parent:
      vars:
        ansible_group_priority: 100
        w: parent
        y: parent
      children:
        child:
          vars:
            w: child
            ansible_group_priority: 1
          hosts:
            h3:
          children:
            grandchild:
              vars:
                y: grandchild
    grandchild:
      hosts:
        h3:
    gvprio:
      hosts:
        h2:
      vars:
        z: gvprio
    B_upper:
      hosts:
        h4:
      vars:
        n: B_upper
    a_lower:
      hosts:
        h4:
      vars:
        n: a_lower
)inv"},
    {"group_vars/alpha.yml", "ansible_group_priority: 50\nq: gv_alpha\n"},
    {"group_vars/gvprio.yml", "q: gv_gvprio\n"},
    {"group_vars/gamma.yml", "ansible_group_priority: 50\n"},
};

const std::vector<std::pair<std::string, std::string>> kYaml11 = {
    {"hosts.yaml", "all:\n  hosts:\n    r1:\n"},
    {"group_vars/all.yml", R"inv(b_yes: yes
b_Yes: Yes
b_YES: YES
b_no: no
b_on: on
b_off: OFF
b_y: y
b_n: n
b_Y: Y
b_true: True
b_tRue: tRue
n_tilde: ~
n_null: Null
n_empty:
i_oct: 0755
i_oct_neg: -0755
i_oct_us: 0_755
i_08: 08
i_0: 0
i_00: 00
i_hex: 0x1F
i_hex_us: 0x_1F
i_bin: 0b101
i_oo: 0o17
i_us: 1_000
i_plus: +12
i_sexa: 22:30
i_sexa3: 1:30:00
i_sexa_neg: -1:30
i_sexa_09: 09:30
i_sexa_60: 1:60
i_sexa_leading0: 1:05
f_sexa: 190:20:30.15
f_1: 1.5
f_dot: 1.
f_lead: .5
f_neglead: -.5
f_exp: 1e3
f_exp2: 1.0e+3
f_exp3: 1.0e3
f_exp4: 1.5E-7
f_us: 1_0.5
f_big: 1e400
s_date: 2001-12-14
s_ts: 2001-12-14t21:59:43.10-05:00
s_ip: 10.0.0.1
s_ver: 1.2.3
mac1: 52:54:00:12:34:56
mac0: 00:11:22:33:44:55
s_quoted_yes: "yes"
s_sq: 'on'
s_block: |
  yes
s_str_tag: !!str yes
i_int_tag: !!int "12"
dup: first
dup: second
merge_base: &base {a: 1, b: 2}
merged:
  <<: *base
  b: 3
list_mixed: [yes, 0755, 22:30, ~, "no"]
yes: typed key
nested: {yes: 1, 0755: b, ~: c, 1.5: d, 22:30: e}
)inv"},
};

const std::vector<std::pair<std::string, std::string>> kPatterns = {
    {"hosts", R"inv(solo v=1
[r]
a[1:3]-x
b[01:10:4]
c[a:c][1:2]
d[:2]
e[08:11]
[s]
solo v=2 w=1
a2-x v=s
[t]
a2-x v=t ansible_host=1.2.3.4
[u:children]
later
[later]
z1:22
z1:23 late=1
[ungrouped]
z2
)inv"},
    {"more.yml", R"inv(all:
  vars:
    flag: yes
    mode: 0644
  children:
    leaf:
      hosts: leafx
    spine:
      hosts:
        spine[01:02]:2222:
          role: spine
        "[2001:db8::1]:830":
        10.0.0.[1:2]:
    empty:
    weird:
      hosts:
        leafx:
          v: weird
      foo: bar
      other: {a: 1}
    leaf2:
      hosts:
        leafx:
          v: leaf2
)inv"},
};

const std::vector<std::pair<std::string, std::string>> kSources = {
    {"hosts", "[g]\nh1 v=ini\n"},
    {"hosts.yml", "g:\n  hosts:\n    h1:\n      v: yaml\n      w: 1\n"},
    {"x.ini", "[g]\nh2\n"},
    {"README.md", "[g]\nh3\n"},
    {"a.yaml", "g:\n  hosts:\n    h4:\n"},
    {"b.json", "{\"g\": {\"hosts\": {\"h5\": {\"f\": 1e3, \"s\": \"yes\"}}}}\n"},
    {"sub/more", "[g]\nh6 v=sub\n"},
    {"notes", "this is a readme\n"},
    {"group_vars/g.yml", "{\"j\": 1e3, \"k\": 1.50}\n"},
    {"sub/group_vars/g.yml", "never: read\n"},
};

const std::vector<std::pair<std::string, std::string>> kUngrouped = {
    {"hosts", R"inv(u1
u2
[ungrouped:vars]
uv=1
[g]
u2
[g:vars]
gv=1
)inv"},
};

}  // namespace

// ---------------------------------------------------------------------------------------------

TEST_CASE("inventory: INI values are typed as Ansible types them (Python literals)") {
  Fixture fx("ini_typing", kIniTyping);
  Loaded l(fx.path());
  CHECK(l.diags.empty());
  check_hosts(
      l,
      {
          {"gw1", R"j({"ansible_host": "10.0.0.1", "ntp": "10.1.1.1"})j"},
          {"leaf01",
           R"j({"big": 1000, "bytesv": "ab", "comment": 1, "dct": {"k": 1}, "domain": "example.net", "empty": "", "enabled": true, "eq": "a=b", "expr": "1+2", "flt": 1.5, "hex": 31, "lst": [1, "a", true], "mtu": 9214, "neg": -3, "none_val": null, "ntp": "10.1.1.1", "oct": 15, "off_val": "no", "semi": "1 ; x", "spaced": "hello world", "str1": "quoted", "str2": "dq", "tup": [1, 2], "yes_val": "yes", "zero": "010"})j"},
          {"leaf02",
           R"j({"big": 1000, "bytesv": "ab", "comment": 1, "dct": {"k": 1}, "domain": "example.net", "empty": "", "enabled": true, "eq": "a=b", "expr": "1+2", "flt": 1.5, "hex": 31, "lst": [1, "a", true], "mtu": 9214, "neg": -3, "none_val": null, "ntp": "10.1.1.1", "oct": 15, "off_val": "no", "semi": "1 ; x", "spaced": "hello world", "str1": "quoted", "str2": "dq", "tup": [1, 2], "yes_val": "yes", "zero": "010"})j"},
          {"leaf03",
           R"j({"big": 1000, "bytesv": "ab", "comment": 1, "dct": {"k": 1}, "domain": "example.net", "empty": "", "enabled": true, "eq": "a=b", "expr": "1+2", "flt": 1.5, "hex": 31, "lst": [1, "a", true], "mtu": 9214, "neg": -3, "none_val": null, "ntp": "10.1.1.1", "oct": 15, "off_val": "no", "semi": "1 ; x", "spaced": "hello world", "str1": "quoted", "str2": "dq", "tup": [1, 2], "yes_val": "yes", "zero": "010"})j"},
          {"leaf04",
           R"j({"big": 1000, "bytesv": "ab", "comment": 1, "dct": {"k": 1}, "domain": "example.net", "empty": "", "enabled": true, "eq": "a=b", "expr": "1+2", "flt": 1.5, "hex": 31, "lst": [1, "a", true], "mtu": 9214, "neg": -3, "none_val": null, "ntp": "10.1.1.1", "oct": 15, "off_val": "no", "semi": "1 ; x", "spaced": "hello world", "str1": "quoted", "str2": "dq", "tup": [1, 2], "yes_val": "yes", "zero": "010"})j"},
          {"leaf05",
           R"j({"ansible_port": 2222, "big": 1000, "bytesv": "ab", "comment": 1, "d": "{k:1,j:[2]}", "dct": {"k": 1}, "domain": "example.net", "e": "", "empty": "", "enabled": true, "eq": "a=b", "expr": "1+2", "f": 1.5, "flt": 1.5, "h": 31, "hex": 31, "l": "[1,a,None]", "lst": [1, "a", true], "mtu": 9214, "neg": -3, "none_val": null, "ntp": "10.1.1.1", "oct": 15, "off_val": "no", "q": "x y", "role": "border", "s": "1", "semi": "1 ; x", "spaced": "hello world", "str1": "quoted", "str2": "dq", "t": true, "tup": [1, 2], "yes_val": "yes", "z": "010", "zero": "010"})j"},
          {"spine1", R"j({"asn": 65000, "domain": "example.net", "ntp": "10.1.1.1"})j"},
          {"spine2", R"j({"asn": 65000, "domain": "example.net", "ntp": "10.1.1.1"})j"},
      });
}

TEST_CASE("inventory: INI host lines are split like shell words, # starts a comment") {
  Fixture fx("ini_quoting", kIniQuoting);
  Loaded l(fx.path());
  CHECK(l.diags.empty());
  // Ansible's magic names (groups, omit, inventory_file, …) are left out of --host output;
  // ansible_group_priority set in the inventory is a priority, not a variable.
  check_hosts(
      l,
      {
          {"h1",
           R"j({"c10": "ab", "c11": 15, "c12": 1000.0, "c13": -16, "c14": 0.5, "c15": 5.0, "c16": 10, "c17": "r\\n", "c18": "Aé\n", "c19": true, "c2": "x#y", "c20": "true", "c21": "none", "c22": [1], "c23": [], "c24": {}, "c26": "-", "c27": 5, "c28": "fx", "c29": "1 if x else 2", "c3": "p qr", "c4": "esc", "c5": "a\"b\\c\\d", "c6": "it's", "c7": [1, "a"], "c8": {"k": "v"}, "c9": "ux"})j"},
          {"h2", R"j({"ansible_ssh_pass": "p@ss w0rd", "x": "=y", "y": "a=b"})j"},
          {"h3", R"j({"c1": "a"})j"},
          {"h4",
           R"j({"f": 1.5e-07, "g": -0.0025, "i": 5, "j": "tri", "k": {"e": [], "n": {"m": [1, 2.5, null, "x"]}}, "k2": -1, "k3": "--1"})j"},
      });
  // The exact text ansible-inventory --host h4 printed.
  CHECK(l.json("h4") == R"j({
    "f": 1.5e-07,
    "g": -0.0025,
    "i": 5,
    "j": "tri",
    "k": {
        "e": [],
        "n": {
            "m": [
                1,
                2.5,
                null,
                "x"
            ]
        }
    },
    "k2": -1,
    "k3": "--1"
})j");
}

TEST_CASE("inventory: group_vars and host_vars, files and directories, in Ansible's order") {
  // group_vars/all/ wins over group_vars/all.yml; fabric.yml over fabric.yaml; spine (no
  // extension) over spine.json; files of a directory in name order, subdirectories included
  // but not z.d/ (a directory with an extension); hidden, backup and .txt files are skipped;
  // group_vars of a group that does not exist are not read.
  Fixture fx("yaml_files", kYamlFiles);
  Loaded l(fx.path());
  CHECK(l.diags.empty());
  check_hosts(
      l,
      {
          {"leafa",
           R"j({"a_all": "inv", "both": "inv_fabric", "fab": 1, "fabyml": 1, "first": true, "gv_all": 10, "hv": "inv", "j": 1, "nested": {"c": 3}, "noext": true, "order": "sub_x", "order2": "m", "src": "hv_leafa"})j"},
          {"leafb",
           R"j({"a_all": "inv", "both": "inv_fabric", "fab": 1, "fabyml": 1, "first": true, "gv_all": 10, "hv": "file", "j": 1, "nested": {"c": 3}, "noext": true, "order": "sub_x", "order2": "m", "src": "gv_leaf_main"})j"},
          {"leafc",
           R"j({"a_all": "inv", "both": "inv_fabric", "fab": 1, "fabyml": 1, "first": true, "gv_all": 10, "hv": "inv", "j": 1, "nested": {"c": 3}, "noext": true, "order": "sub_x", "order2": "m", "src": "gv_leaf_main"})j"},
          {"leafd",
           R"j({"a_all": "inv", "both": "inv_fabric", "fab": 1, "fabyml": 1, "first": true, "gv_all": 10, "j": 1, "nested": {"c": 3}, "noext": true, "order": "sub_x", "order2": "m", "src": "gv_leaf_main"})j"},
          {"mgmt1",
           R"j({"a_all": "inv", "both": "inv_all", "first": true, "gv_all": 10, "j": 1, "noext": true, "src": "hv_mgmt1"})j"},
          {"spine1",
           R"j({"a_all": "inv", "both": "inv_fabric", "fab": 1, "fabyml": 1, "first": true, "gv_all": 10, "j": 1, "noext": true, "src": "gv_spine_noext"})j"},
          {"spine2",
           R"j({"a_all": "inv", "both": "inv_fabric", "fab": 1, "fabyml": 1, "first": true, "gv_all": 10, "j": 1, "noext": true, "src": "gv_spine_noext"})j"},
      });
  CHECK(l.where("leafa", "src") == "leafa.yml:1");
  CHECK(l.where("leafb", "order") == "x.yml:1");
  CHECK(l.where("spine1", "both") == "hosts.yml:13");
}

TEST_CASE("inventory: the six variable sources apply in Ansible's order") {
  // all (inventory) < other groups (inventory) < group_vars/all < group_vars/GROUP < host
  // (inventory) < host_vars/HOST. k5 and ka show that group_vars/all beats a group's
  // inventory vars.
  Fixture fx("precedence", kPrecedence);
  Loaded l(fx.path());
  CHECK(l.diags.empty());
  check_hosts(
      l,
      {
          {"h1",
           R"j({"k1": "hv_h1", "k2": "inv_host", "k3": "gv_g", "k4": "gv_all", "k5": "inv_g", "k6": "inv_all", "ka": "gv_all"})j"},
          {"h2",
           R"j({"k1": "hv_h2", "k2": "gv_g", "k3": "gv_g", "k4": "hv_h2", "k5": "inv_g", "k6": "inv_all", "ka": "gv_all"})j"},
      });
  CHECK(l.where("h1", "k1") == "h1.yml:1");
  CHECK(l.where("h1", "k2") == "hosts:10");
  CHECK(l.where("h1", "k3") == "g.yml:3");
  CHECK(l.where("h1", "k4") == "all.yml:4");
  CHECK(l.where("h1", "k5") == "hosts:18");
  CHECK(l.where("h1", "k6") == "hosts:7");
}

TEST_CASE("inventory: groups apply by depth, then ansible_group_priority, then name") {
  // h1: alpha (1), gamma (1), beta (5): beta's x wins. h3: grandchild is also a child of
  // `all`, but its depth is its longest path (all > parent > child > grandchild = 3), and
  // child (depth 2, priority 1) beats parent (depth 1, priority 100). The priority 50 in
  // group_vars/alpha.yml and gamma.yml changes no order: it is just a variable there.
  // h4: B_upper sorts before a_lower.
  Fixture fx("priority", kPriority);
  Loaded l(fx.path());
  CHECK(l.diags.empty());
  check_hosts(
      l,
      {
          {"h1",
           R"j({"ansible_group_priority": 50, "q": "gv_alpha", "w": "alpha", "x": "beta", "y": "beta", "z": "gamma"})j"},
          {"h2",
           R"j({"ansible_group_priority": 50, "q": "gv_gvprio", "w": "alpha", "x": "beta", "y": "beta", "z": "gvprio"})j"},
          {"h3",
           R"j({"ansible_group_priority": 50, "q": "gv_alpha", "w": "child", "x": "alpha", "y": "grandchild", "z": "alpha"})j"},
          {"h4", R"j({"n": "a_lower"})j"},
      });
  using V = std::vector<std::string>;
  CHECK(l.inv->groups_of("h1") == V{"all", "alpha", "gamma", "beta"});
  CHECK(l.inv->groups_of("h2") == V{"all", "alpha", "gvprio", "beta"});
  CHECK(l.inv->groups_of("h3") == V{"all", "alpha", "parent", "child", "grandchild"});
  CHECK(l.inv->groups_of("h4") == V{"all", "B_upper", "a_lower"});
  CHECK(l.inv->groups_of("nope").empty());
}

TEST_CASE("inventory: variables files are YAML 1.1 as Ansible reads them") {
  Fixture fx("yaml11", kYaml11);
  Loaded l(fx.path());
  check_hosts(
      l,
      {
          {"r1",
           R"j({"b_Y": "Y", "b_YES": true, "b_Yes": true, "b_n": "n", "b_no": false, "b_off": false, "b_on": true, "b_tRue": "tRue", "b_true": true, "b_y": "y", "b_yes": true, "dup": "second", "f_1": 1.5, "f_big": "1e400", "f_dot": 1.0, "f_exp": "1e3", "f_exp2": 1000.0, "f_exp3": "1.0e3", "f_exp4": 1.5e-07, "f_lead": 0.5, "f_neglead": "-.5", "f_sexa": 685230.15, "f_us": 10.5, "i_0": 0, "i_00": 0, "i_08": "08", "i_bin": 5, "i_hex": 31, "i_hex_us": 31, "i_int_tag": 12, "i_oct": 493, "i_oct_neg": -493, "i_oct_us": 493, "i_oo": "0o17", "i_plus": 12, "i_sexa": 1350, "i_sexa3": 5400, "i_sexa_09": "09:30", "i_sexa_60": "1:60", "i_sexa_leading0": 65, "i_sexa_neg": -90, "i_us": 1000, "list_mixed": [true, 493, 1350, null, "no"], "mac0": "00:11:22:33:44:55", "mac1": 41135085296, "merge_base": {"a": 1, "b": 2}, "merged": {"a": 1, "b": 3}, "n_empty": null, "n_null": null, "n_tilde": null, "nested": {"1.5": "d", "1350": "e", "493": "b", "null": "c", "true": 1}, "s_block": "yes\n", "s_date": "2001-12-14", "s_ip": "10.0.0.1", "s_quoted_yes": "yes", "s_sq": "on", "s_str_tag": "yes", "s_ts": "2001-12-14T21:59:43.100000-05:00", "s_ver": "1.2.3", "true": "typed key"})j"},
      });
  // The duplicate key: a warning with both positions; the last one is used.
  REQUIRE(l.diags.size() == 1);
  const Diagnostic& d = l.diags.list()[0];
  CHECK(d.severity == Severity::Warning);
  CHECK(d.message.find("duplicate key \"dup\"") != std::string::npos);
  CHECK(l.files.resolve(d.pos).line == 57);
  REQUIRE(d.related.size() == 1);
  CHECK(l.files.resolve(d.related[0]).line == 56);
  CHECK(l.where("r1", "dup") == "all.yml:57");
  CHECK(l.where("r1", "n_empty") == "all.yml:14");
}

TEST_CASE("inventory: host patterns, ranges, ports and YAML inventory warnings") {
  // [01:10:4] keeps the width of 01; d[:2] starts at 0; a host gets a pattern's port only
  // where it is first read (z1:23 adds no port); `hosts: leafx` is {leafx: null}.
  Fixture fx("patterns", kPatterns);
  Loaded l(fx.path());
  check_hosts(
      l, {
             {"10.0.0.1", R"j({"flag": true, "mode": 420})j"},
             {"10.0.0.2", R"j({"flag": true, "mode": 420})j"},
             {"2001:db8::1", R"j({"ansible_port": 830, "flag": true, "mode": 420})j"},
             {"a1-x", R"j({"flag": true, "mode": 420})j"},
             {"a2-x", R"j({"ansible_host": "1.2.3.4", "flag": true, "mode": 420, "v": "t"})j"},
             {"a3-x", R"j({"flag": true, "mode": 420})j"},
             {"b01", R"j({"flag": true, "mode": 420})j"},
             {"b05", R"j({"flag": true, "mode": 420})j"},
             {"b09", R"j({"flag": true, "mode": 420})j"},
             {"ca1", R"j({"flag": true, "mode": 420})j"},
             {"ca2", R"j({"flag": true, "mode": 420})j"},
             {"cb1", R"j({"flag": true, "mode": 420})j"},
             {"cb2", R"j({"flag": true, "mode": 420})j"},
             {"cc1", R"j({"flag": true, "mode": 420})j"},
             {"cc2", R"j({"flag": true, "mode": 420})j"},
             {"d0", R"j({"flag": true, "mode": 420})j"},
             {"d1", R"j({"flag": true, "mode": 420})j"},
             {"d2", R"j({"flag": true, "mode": 420})j"},
             {"e08", R"j({"flag": true, "mode": 420})j"},
             {"e09", R"j({"flag": true, "mode": 420})j"},
             {"e10", R"j({"flag": true, "mode": 420})j"},
             {"e11", R"j({"flag": true, "mode": 420})j"},
             {"leafx", R"j({"flag": true, "mode": 420, "v": "leaf2"})j"},
             {"solo", R"j({"flag": true, "mode": 420, "v": 2, "w": 1})j"},
             {"spine01", R"j({"ansible_port": 2222, "flag": true, "mode": 420, "role": "spine"})j"},
             {"spine02", R"j({"ansible_port": 2222, "flag": true, "mode": 420, "role": "spine"})j"},
             {"z1", R"j({"ansible_port": 22, "flag": true, "late": 1, "mode": 420})j"},
             {"z2", R"j({"flag": true, "mode": 420})j"},
         });
  INFO(l.messages());
  REQUIRE(l.diags.size() == 2);
  CHECK(l.diags.list()[0].message ==
        "Skipping key (foo) in group (weird) as it is not a mapping, it is a string");
  CHECK(l.diags.list()[1].message ==
        "Skipping unexpected key (other) in group (weird), only \"vars\", \"children\" and "
        "\"hosts\" are valid");
  CHECK(l.where("z1", "ansible_port") == "hosts:16");
  CHECK(l.files
            .resolve(
                syntax::as<syntax::Field>(l.inv->host_vars("z1", l.arena, l.diags)->decls[0])->pos)
            .col == 4);
}

TEST_CASE("inventory: every file of the directory is a source, JSON before YAML") {
  // hosts (INI) and hosts.yml (YAML) both set h1: the later file wins. x.ini and README.md
  // are ignored; sub/ is read too but not sub/group_vars; `notes` is neither YAML nor INI and
  // is skipped with a warning. JSON text is JSON even in a .yml file: 1e3 is a float there.
  Fixture fx("sources", kSources);
  Loaded l(fx.path());
  check_hosts(l, {
                     {"h1", R"j({"j": 1000.0, "k": 1.5, "v": "yaml", "w": 1})j"},
                     {"h4", R"j({"j": 1000.0, "k": 1.5})j"},
                     {"h5", R"j({"f": 1000.0, "j": 1000.0, "k": 1.5, "s": "yes"})j"},
                     {"h6", R"j({"j": 1000.0, "k": 1.5, "v": "sub"})j"},
                 });
  REQUIRE(l.diags.size() == 1);
  const Diagnostic& d = l.diags.list()[0];
  CHECK(d.severity == Severity::Warning);
  CHECK(d.message.find("notes: skipped") != std::string::npos);
  CHECK(d.children.size() == 2);
  CHECK(l.inv->hosts() == std::vector<std::string>{"h4", "h5", "h1", "h6"});

  // One file as the inventory: its directory holds group_vars.
  Loaded one(fx.path("hosts"));
  check_hosts(one, {{"h1", R"j({"j": 1000.0, "k": 1.5, "v": "ini"})j"}});
}

TEST_CASE("inventory: a host that joins a group leaves ungrouped") {
  Fixture fx("ungrouped", kUngrouped);
  Loaded l(fx.path());
  check_hosts(l, {
                     {"u1", R"j({"uv": 1})j"},
                     {"u2", R"j({"gv": 1})j"},
                 });
  CHECK(l.inv->groups_of("u1") == std::vector<std::string>{"all", "ungrouped"});
  CHECK(l.inv->groups_of("u2") == std::vector<std::string>{"all", "g"});
}

TEST_CASE("inventory: broken INI and YAML sources are skipped as Ansible skips them") {
  // ansible-inventory: "Unable to parse … as an inventory source", no hosts.
  struct Case {
    const char* file;
    const char* content;
    const char* why;
  };
  const Case cases[] = {
      {"hosts", "[g]\nh1\n[x:vars]\nv=1\n",
       "hosts:3: Section [x:vars] not valid for undefined group: x"},
      {"hosts", "[g:children]\nmissing\n[g]\nh1\n",
       "hosts:2: Section [g:children] includes undefined group: missing"},
      {"hosts", "[g]\nh1\n[g:vars]\nnoeq\n", "hosts:4: Expected key=value, got: noeq"},
      {"hosts", "[g]\nh1 'open\n",
       "Error parsing host definition 'h1 'open': No closing quotation"},
      {"hosts", "[g]\nh1:\n", "Invalid host pattern 'h1:' supplied, ending in ':' is not allowed"},
      {"hosts", "[g:weird]\n", "Section [g:weird] has unknown type: weird"},
      {"hosts", "[g]\nh[1:3:0]\n", "host range step must not be zero"},
      {"hosts", "[g]\nh[01:100]\n", "host range must specify equal-length begin and end formats"},
      {"hosts.yml", "a:\n  children:\n    b:\n      children:\n        a:\n  hosts:\n    h1:\n",
       "Adding group 'b' as child to 'a' creates a recursive dependency loop."},
      {"hosts.yml", "g:\n  hosts: [h1, h2]\n",
       "Invalid \"hosts\" entry for \"g\" group, requires a dictionary"},
      {"hosts.yml", "plugin: netbox\n", "Plugin configuration YAML file"},
  };
  for (const Case& c : cases) {
    INFO(c.content);
    Fixture fx("broken", {{c.file, c.content}});
    Loaded l(fx.path());
    REQUIRE(l.inv.has_value());
    CHECK(l.inv->hosts().empty());
    REQUIRE(l.diags.size() == 1);
    CHECK(l.diags.error_count() == 0);
    std::string all = l.messages();
    INFO(all);
    CHECK(all.find(c.why) != std::string::npos);
  }
}

TEST_CASE("inventory: schema errors can name the file and line of the value") {
  Fixture fx("schema", {{"hosts.yml", "leaf:\n  hosts:\n    leaf01:\n"},
                        {"group_vars/leaf.yml", "# leaf defaults\nmtu: 90000\nname: x\n"}});
  Loaded l(fx.path());
  syntax::File* vars = l.inv->host_vars("leaf01", l.arena, l.diags);
  REQUIRE(vars);
  Diagnostics d;
  syntax::File* schema = syntax::parse_file(
      l.arena, l.files.add("schema.cue", "mtu?: int & <=9216\nname?: string\n"), d);
  eval::Compiler c(l.arena, d);
  syntax::File* files[] = {schema, vars};
  eval::CompiledPackage pkg = c.compile_package(files);
  REQUIRE(!d.has_errors());
  eval::Evaluator ev(l.arena);
  std::vector<Diagnostic> errs = ev.errors(ev.add_package(pkg), true);
  REQUIRE(errs.size() == 1);
  std::string msg = format_cue_style(l.files, errs[0]);
  INFO(msg);
  CHECK(msg.find("90000") != std::string::npos);
  CHECK(msg.find("group_vars/leaf.yml:2:6") != std::string::npos);
}

TEST_CASE("inventory: a !vault value is a string cfgc cannot see") {
  Fixture fx(
      "vault",
      {{"hosts", "h1\n"},
       {"host_vars/h1.yml",
        "password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\nplain: !unsafe '{{ x }}'\n"}});
  Loaded l(fx.path());
  CHECK(l.diags.empty());
  syntax::File* vars = l.inv->host_vars("h1", l.arena, l.diags);
  REQUIRE(vars->decls.size() == 2);
  auto* pw = syntax::as<syntax::Ident>(syntax::as<syntax::Field>(vars->decls[0])->value);
  REQUIRE(pw);
  CHECK(pw->name == "string");
  auto* plain = syntax::as<syntax::BasicLit>(syntax::as<syntax::Field>(vars->decls[1])->value);
  REQUIRE(plain);
  CHECK(plain->value == "{{ x }}");
  Diagnostics d;
  CHECK_FALSE(ansible_host_json(*l.inv, "h1", l.arena, d).has_value());
  CHECK(d.has_errors());
}

TEST_CASE("inventory: unknown hosts and missing paths") {
  Fixture fx("small", {{"hosts", "h1\n"}});
  Loaded l(fx.path());
  CHECK(l.inv->has_host("h1"));
  CHECK_FALSE(l.inv->has_host("h2"));
  Diagnostics d;
  CHECK(l.inv->host_vars("h2", l.arena, d) == nullptr);
  CHECK(d.has_errors());
  CHECK(l.inv->groups() == std::vector<std::string>{"all", "ungrouped"});

  Loaded missing(fx.path("nope"));
  CHECK_FALSE(missing.inv.has_value());
  CHECK(missing.diags.has_errors());
}

// A first schema from samples (`cfgc infer`): kinds, required and optional fields, enums,
// address validators, maps, lists, secrets.
#include "compiler/encoding/schema_inference.h"

#include <doctest/doctest.h>

#include "compiler/encoding/data_import.h"

using namespace cfgc;
using namespace cfgc::encoding;

namespace {

// The schema inferred from the documents of a YAML text.
std::string infer(std::string yaml, InferOptions options = {}) {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  const SourceFile& src = files.add("samples.yaml", std::move(yaml));
  SchemaInference inference(options);
  for (const DataDocument& d : read_data_documents(arena, src, DataFormat::Yaml, diags)) {
    inference.add(d.value);
  }
  REQUIRE_FALSE(diags.has_errors());
  return inference.cue_text();
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("infer: kinds, required and optional fields") {
  std::string s = infer("a: 1\nb: x\nc: true\n---\na: 2.5\nb: null\n");
  INFO(s);
  CHECK(has(s, "a!: number // 1 to 2.5 in the samples"));
  CHECK(has(s, "b!: null | string"));
  CHECK(has(s, "c?: bool // in 1 of 2 documents"));
  CHECK(has(s, "from 2 documents"));
}

TEST_CASE("infer: bounds when asked, negative numbers and other bases") {
  InferOptions o;
  o.bounds = true;
  std::string s = infer("v: -3\n---\nv: 0x10\n", o);
  INFO(s);
  CHECK(has(s, "v!: int & >=-3 & <=0x10"));
}

TEST_CASE("infer: enums need repeated words") {
  // Names of ports (or devices) are not an enum: the next one would be rejected.
  CHECK(has(infer("p: swp51\n---\np: swp52\n---\np: swp51\n---\np: swp52\n"), "p!: string"));
  // Two distinct values seen twice each: an enum. Free text or values seen once: string.
  std::string s = infer(
      "role: leaf\nd: to spine one\nh: a\n---\nrole: spine\nd: to spine two\nh: b\n---\n"
      "role: leaf\nd: to spine one\nh: c\n---\nrole: spine\nd: to spine two\nh: d\n");
  INFO(s);
  CHECK(has(s, "role!: \"leaf\" | \"spine\""));
  CHECK(has(s, "d!: string"));
  CHECK(has(s, "h!: string"));
  InferOptions none;
  none.enum_max = 0;
  CHECK(has(infer("r: a\n---\nr: b\n---\nr: a\n---\nr: b\n", none), "r!: string"));
}

TEST_CASE("infer: one value everywhere is a comment, not a constant") {
  std::string s =
      infer("domain: dc1.example.com\nmtu: 9214\n---\ndomain: dc1.example.com\nmtu: 9214\n");
  INFO(s);
  CHECK(has(s, "domain!: string // always \"dc1.example.com\""));
  CHECK(has(s, "mtu!: int // always 9214"));
}

TEST_CASE("infer: addresses and prefixes") {
  std::string s = infer(
      "a: 10.0.0.1\nb: 2001:db8::1\nc: 10.0.0.0/31\nd: 10.0.0.1\ne: 300.1.1.1\n---\n"
      "a: 10.0.0.2\nb: fe80::1\nc: 2001:db8::/64\nd: 2001:db8::2\ne: 1.1.1.1\n");
  INFO(s);
  CHECK(has(s, "import \"net\""));
  CHECK(has(s, "a!: string & net.IPv4"));
  CHECK(has(s, "b!: string & net.IPv6"));
  CHECK(has(s, "c!: string & net.IPCIDR"));
  CHECK(has(s, "d!: string & net.IP\n"));
  CHECK(has(s, "e!: string\n"));  // 300.1.1.1 is not an address
}

TEST_CASE("infer: maps keyed by interface names, numbers and families") {
  std::string s = infer(
      "interfaces:\n  Ethernet1/1: {mtu: 9214}\n  Port-Channel10: {mtu: 1500, lacp: active}\n"
      "vlans:\n  10: {name: web}\n  20: {name: db}\n"
      "hosts:\n  leaf1: {asn: 1}\n  leaf2: {asn: 2}\n  leaf3: {asn: 3}\n"
      "afi:\n  ipv4: {on: true}\n  ipv6: {on: false}\n");
  INFO(s);
  CHECK(has(s, "[string]: {\nmtu!: int // 1500 to 9214 in the samples\nlacp?: string"));
  CHECK(has(s, "[=~\"^[0-9]+$\"]: {"));
  CHECK(has(s, "such as leaf1, leaf2, leaf3"));
  // ipv4 and ipv6 are field names, not a family of three.
  CHECK(has(s, "ipv4!: {"));
}

TEST_CASE("infer: values of different kinds are not a map") {
  std::string s = infer("x:\n  swp1: {a: 1}\n  swp2: 3\n");
  INFO(s);
  CHECK(has(s, "swp1!: {"));
  CHECK(has(s, "swp2!: int"));
}

TEST_CASE("infer: lists merge their elements") {
  std::string s = infer(
      "n:\n  - {peer: 10.0.0.1, asn: 1}\n  - {peer: 10.0.0.3, asn: 2, md5: x}\ne: []\n"
      "m: [1, a]\n");
  INFO(s);
  CHECK(has(s, "n!: [...{"));
  CHECK(has(s, "peer!: string & net.IPv4"));
  CHECK(has(s, "md5?: string // in 1 of 2\n"));
  CHECK(has(s, "e!: [...]"));
  CHECK(has(s, "m!: [...(int | string)]"));
}

TEST_CASE("infer: the values of secrets are never written") {
  std::string s = infer(
      "snmp_community: public\nbgp:\n  password: hunter2\n---\nsnmp_community: public\n"
      "bgp:\n  password: hunter2\n---\nsnmp_community: private\nbgp:\n  password: hunter2\n---\n"
      "snmp_community: private\nbgp:\n  password: hunter3\n");
  INFO(s);
  CHECK_FALSE(has(s, "public"));
  CHECK_FALSE(has(s, "private"));
  CHECK_FALSE(has(s, "hunter"));
  CHECK(has(s, "snmp_community!: string"));
}

TEST_CASE("infer: a document that is a list, and only nulls") {
  std::string s = infer("- {a: 1}\n- {a: 2, b: ~}\n");
  INFO(s);
  CHECK(has(s, "#Schema: [...{"));
  CHECK(has(s, "b?: _ // in 1 of 2; only null in the samples"));
}

TEST_CASE("infer: the definition's name and the source in the comment") {
  InferOptions o;
  o.definition = "#HostVars";
  o.sample_noun = "hosts";
  o.source = "the inventory inv/";
  std::string s = infer("a: 1\n", o);
  INFO(s);
  CHECK(has(s, "// #HostVars was inferred by `cfgc infer` from 1 host of the inventory inv/:"));
  CHECK(has(s, "#HostVars: {\na!: int\n}"));
}

#include "gnmi_device.h"

#include <doctest/doctest.h>

#include "gnmi_ext.pb.h"

using namespace cfgc::devsim;
using nlohmann::json;

namespace {

gnmi::Path path(std::initializer_list<GnmiElem> elems) {
  gnmi::Path p;
  for (const auto& e : elems) {
    auto* pe = p.add_elem();
    pe->set_name(e.name);
    for (const auto& [k, v] : e.keys) (*pe->mutable_key())[k] = v;
  }
  return p;
}

const gnmi::Path kIfs = path({{"ietf-interfaces:interfaces", {}}});
const gnmi::Path kEth0 = path({{"interfaces", {}}, {"interface", {{"name", "eth0"}}}});

void add(google::protobuf::RepeatedPtrField<gnmi::Update>* ops, const gnmi::Path& p, const std::string& value) {
  auto* u = ops->Add();
  *u->mutable_path() = p;
  u->mutable_val()->set_json_ietf_val(value);
}

struct Fixture {
  GnmiDevice::Clock::time_point now = GnmiDevice::Clock::time_point() + std::chrono::hours(1);
  GnmiDevice dev{"gnmi1", default_gnmi_models(), [this] { return now; }};
  FaultSet faults;

  json tree() { return dev.describe()["tree"]; }
  grpc::Status set(const gnmi::SetRequest& req, gnmi::SetResponse* resp = nullptr) {
    gnmi::SetResponse r;
    return dev.set(req, resp ? resp : &r, faults);
  }
  json get(const gnmi::Path& p, grpc::Status* st = nullptr) {
    gnmi::GetRequest req;
    *req.add_path() = p;
    req.set_encoding(gnmi::JSON_IETF);
    gnmi::GetResponse resp;
    auto s = dev.get(req, &resp, faults);
    if (st) *st = s;
    if (!s.ok()) return nullptr;
    REQUIRE(resp.notification_size() == 1);
    return json::parse(resp.notification(0).update(0).val().json_ietf_val());
  }
};

gnmi::SetRequest commit_req(const std::string& id, int action, int rollback_ms = 0) {
  gnmi::SetRequest req;
  auto* c = req.add_extension()->mutable_commit();
  c->set_id(id);
  if (action == 0) {
    auto* cr = c->mutable_commit();
    if (rollback_ms) {
      cr->mutable_rollback_duration()->set_seconds(rollback_ms / 1000);
      cr->mutable_rollback_duration()->set_nanos((rollback_ms % 1000) * 1000000);
    }
  } else if (action == 1) {
    c->mutable_confirm();
  } else if (action == 2) {
    c->mutable_cancel();
  } else {
    c->mutable_set_rollback_duration()->mutable_rollback_duration()->set_seconds(rollback_ms / 1000);
  }
  return req;
}

}  // namespace

TEST_CASE("gnmi device: capabilities") {
  Fixture f;
  gnmi::CapabilityResponse resp;
  REQUIRE(f.dev.capabilities({}, &resp, f.faults).ok());
  CHECK(resp.gnmi_version() == "0.10.0");
  REQUIRE(resp.supported_models_size() == 4);
  CHECK(resp.supported_models(0).name() == "ietf-interfaces");
  CHECK(resp.supported_models(3).organization() == "OpenConfig working group");
  REQUIRE(resp.supported_encodings_size() == 2);
  CHECK(resp.supported_encodings(1) == gnmi::JSON_IETF);
  REQUIRE(resp.extension_size() == 1);
  CHECK(resp.extension(0).has_commit());

  std::string err;
  FaultSet limited({*parse_fault("no-json-ietf", &err), *parse_fault("no-commit-confirm", &err)});
  resp.Clear();
  REQUIRE(f.dev.capabilities({}, &resp, limited).ok());
  CHECK(resp.supported_encodings_size() == 1);
  CHECK(resp.extension_size() == 0);
  auto m = parse_gnmi_model("acme-system@1.2", &err);
  REQUIRE(m);
  CHECK(m->version == "1.2");
  CHECK(!parse_gnmi_model("", &err));
}

TEST_CASE("gnmi device: get") {
  Fixture f;
  grpc::Status st;
  CHECK(f.get(kIfs) == json::parse(R"({"interface":[{"name":"eth0","type":"iana-if-type:ethernetCsmacd","enabled":true}]})"));
  CHECK(f.get(kEth0)["enabled"] == true);
  f.get(path({{"interfaces", {}}, {"interface", {{"name", "eth7"}}}}), &st);
  CHECK(st.error_code() == grpc::StatusCode::NOT_FOUND);
  // Prefix + path, one notification per path, JSON too.
  gnmi::GetRequest req;
  *req.mutable_prefix() = kIfs;
  *req.add_path() = path({{"interface", {{"name", "eth0"}}}, {"name", {}}});
  *req.add_path() = path({{"interface", {{"name", "eth0"}}}, {"type", {}}});
  gnmi::GetResponse resp;
  REQUIRE(f.dev.get(req, &resp, f.faults).ok());
  REQUIRE(resp.notification_size() == 2);
  CHECK(resp.notification(0).update(0).val().json_val() == "\"eth0\"");
  CHECK(resp.notification(1).update(0).val().json_val() == "\"iana-if-type:ethernetCsmacd\"");
  CHECK(resp.notification(1).prefix().elem(0).name() == "ietf-interfaces:interfaces");
  CHECK(resp.notification(1).timestamp() > 0);
  req.set_encoding(gnmi::PROTO);
  CHECK(f.dev.get(req, &resp, f.faults).error_code() == grpc::StatusCode::UNIMPLEMENTED);
  req.set_encoding(static_cast<gnmi::Encoding>(42));
  CHECK(f.dev.get(req, &resp, f.faults).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  req.set_encoding(gnmi::JSON_IETF);
  req.set_type(gnmi::GetRequest::STATE);
  CHECK(f.dev.get(req, &resp, f.faults).error_code() == grpc::StatusCode::UNIMPLEMENTED);
  req.set_type(gnmi::GetRequest::CONFIG);
  req.mutable_prefix()->set_origin("cli");
  CHECK(f.dev.get(req, &resp, f.faults).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  req.mutable_prefix()->set_origin("openconfig");
  CHECK(f.dev.get(req, &resp, f.faults).ok());
  std::string err;
  FaultSet no_ietf({*parse_fault("no-json-ietf", &err)});
  CHECK(f.dev.get(req, &resp, no_ietf).error_code() == grpc::StatusCode::UNIMPLEMENTED);
}

TEST_CASE("gnmi device: set is one all-or-nothing transaction") {
  Fixture f;
  gnmi::SetRequest req;
  *req.add_delete_() = kEth0;
  add(req.mutable_replace(), path({{"interfaces", {}}, {"interface", {{"name", "eth1"}}}}), R"({"enabled": true})");
  add(req.mutable_update(), path({{"interfaces", {}}, {"interface", {{"name", "eth1"}}}, {"description", {}}}),
      R"("uplink")");
  add(req.mutable_update(), path({{"ietf-system:system", {}}}), R"({"hostname": "leaf1"})");
  gnmi::SetResponse resp;
  auto st = f.set(req, &resp);
  REQUIRE_MESSAGE(st.ok(), st.error_message());
  REQUIRE(resp.response_size() == 4);
  CHECK(resp.response(0).op() == gnmi::UpdateResult::DELETE);
  CHECK(resp.response(1).op() == gnmi::UpdateResult::REPLACE);
  CHECK(resp.response(3).op() == gnmi::UpdateResult::UPDATE);
  CHECK(resp.timestamp() > 0);
  json want = json::parse(R"({"ietf-interfaces:interfaces": {"interface": [{"name": "eth1", "enabled": true, "description": "uplink"}]},
                              "ietf-system:system": {"hostname": "leaf1"}})");
  CHECK(f.tree() == want);
  CHECK(f.dev.describe()["sets"] == 1);

  // A bad last operation: nothing of the request is applied.
  gnmi::SetRequest bad;
  *bad.add_delete_() = kIfs;
  add(bad.mutable_update(), path({{"ietf-system:system", {}}}), R"({"hostname": "leaf2"})");
  add(bad.mutable_update(), path({{"ietf-system:system", {}}, {"hostname", {}}, {"x", {}}}), R"(1)");
  st = f.set(bad);
  CHECK(st.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(st.error_message().find("update /ietf-system:system/hostname/x") != std::string::npos);
  CHECK(f.tree() == want);
  gnmi::SetRequest bad_json;
  add(bad_json.mutable_replace(), kIfs, "{nope");
  CHECK(f.set(bad_json).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(f.tree() == want);

  // reject=REGEX: ABORTED, naming the value; the tree is unchanged.
  std::string err;
  f.faults = FaultSet({*parse_fault("reject=uplink2", &err)});
  gnmi::SetRequest rej;
  add(rej.mutable_update(), path({{"ietf-system:system", {}}}), R"({"hostname": "leaf3"})");
  add(rej.mutable_update(), path({{"interfaces", {}}, {"interface", {{"name", "eth1"}}}}), R"({"description": "uplink2"})");
  st = f.set(rej);
  CHECK(st.error_code() == grpc::StatusCode::ABORTED);
  CHECK(st.error_message().find("'uplink2'") != std::string::npos);
  CHECK(f.tree() == want);
  CHECK(f.dev.describe()["sets"] == 1);

  // Scalar typed values; a Set with no operations is fine.
  f.faults = FaultSet();
  gnmi::SetRequest scalar;
  auto* u = scalar.add_update();
  *u->mutable_path() = path({{"ietf-system:system", {}}, {"hostname", {}}});
  u->mutable_val()->set_string_val("leaf9");
  REQUIRE(f.set(scalar).ok());
  CHECK(f.tree()["ietf-system:system"]["hostname"] == "leaf9");
  CHECK(f.set(gnmi::SetRequest()).ok());
}

TEST_CASE("gnmi device: commit confirmed") {
  Fixture f;
  json before = f.tree();
  auto req = commit_req("c1", 0, 5000);
  add(req.mutable_update(), path({{"interfaces", {}}, {"interface", {{"name", "eth1"}}}}), R"({"enabled": true})");
  REQUIRE(f.set(req).ok());
  json after = f.tree();
  CHECK(after != before);
  json d = f.dev.describe();
  CHECK(d["pending_commit"]["id"] == "c1");
  CHECK(d["pending_commit"]["expires_in_s"].get<double>() == doctest::Approx(5.0));
  // While it is pending: no other commit, no plain Set, ids must match.
  CHECK(f.set(commit_req("c2", 0)).error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(f.set(gnmi::SetRequest()).error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(f.set(commit_req("c2", 1)).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  auto confirm_with_ops = commit_req("c1", 1);
  *confirm_with_ops.add_delete_() = kIfs;
  CHECK(f.set(confirm_with_ops).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(f.set(commit_req("", 1)).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  // Confirmed: it stays.
  REQUIRE(f.set(commit_req("c1", 1)).ok());
  CHECK(f.dev.describe()["pending_commit"].is_null());
  f.now += std::chrono::seconds(10);
  CHECK(f.tree() == after);
  CHECK(f.set(commit_req("c1", 1)).error_code() == grpc::StatusCode::FAILED_PRECONDITION);

  // Not confirmed: rolled back when the timer expires.
  auto req2 = commit_req("c2", 0, 2000);
  *req2.add_delete_() = kIfs;
  REQUIRE(f.set(req2).ok());
  CHECK(!f.tree().contains("ietf-interfaces:interfaces"));
  f.now += std::chrono::milliseconds(1999);
  CHECK(!f.tree().contains("ietf-interfaces:interfaces"));
  f.now += std::chrono::milliseconds(1);
  CHECK(f.tree() == after);
  CHECK(f.dev.describe()["rollbacks"] == 1);
  CHECK(f.set(gnmi::SetRequest()).ok());

  // Cancel reverts at once; set_rollback_duration moves the deadline; the default is 10 min.
  auto req3 = commit_req("c3", 0);
  *req3.add_delete_() = kIfs;
  REQUIRE(f.set(req3).ok());
  CHECK(f.dev.describe()["pending_commit"]["expires_in_s"].get<double>() == doctest::Approx(600.0));
  REQUIRE(f.set(commit_req("c3", 3, 30000)).ok());
  CHECK(f.dev.describe()["pending_commit"]["expires_in_s"].get<double>() == doctest::Approx(30.0));
  CHECK(f.set(commit_req("c3", 3, 0)).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  REQUIRE(f.set(commit_req("c3", 2)).ok());
  CHECK(f.tree() == after);
  CHECK(f.dev.describe()["pending_commit"].is_null());

  // A commit whose operations fail starts nothing.
  auto req4 = commit_req("c4", 0);
  add(req4.mutable_update(), path({{"routing", {}}}), "{}");
  CHECK(f.set(req4).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(f.dev.describe()["pending_commit"].is_null());
  // Without support for the extension.
  std::string err;
  f.faults = FaultSet({*parse_fault("no-commit-confirm", &err)});
  CHECK(f.set(commit_req("c5", 0)).error_code() == grpc::StatusCode::UNIMPLEMENTED);
  // die-after-commit: the device says until when it hangs.
  f.faults = FaultSet({*parse_fault("die-after-commit", &err)});
  CHECK(!f.dev.hang_until());
  REQUIRE(f.set(commit_req("c6", 0, 1000)).ok());
  REQUIRE(f.dev.hang_until());
  CHECK(*f.dev.hang_until() == f.now + std::chrono::seconds(1));
  f.now += std::chrono::seconds(1);
  CHECK(!f.dev.hang_until());
  // Seeding replaces the tree and drops a pending commit.
  CHECK(f.dev.seed(json::parse(R"({"interfaces": {}})")) != "");
  CHECK(f.dev.seed(json::parse(R"({"ietf-system:system": {"hostname": "s"}})")) == "");
  CHECK(f.tree() == json::parse(R"({"ietf-system:system": {"hostname": "s"}})"));
}

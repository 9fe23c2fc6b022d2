#include "nvue_device.h"

#include <doctest/doctest.h>

using namespace cfgc::devsim;
using nlohmann::json;

namespace {

struct Fixture {
  NvueDevice::Clock::time_point now = NvueDevice::Clock::time_point() + std::chrono::hours(1);
  NvueDevice dev{"cl1", [this] { return now; }};
  FaultSet faults;

  HttpReply call(const std::string& method, NvuePath path, std::optional<std::string> rev = std::nullopt,
                 const std::string& body = "") {
    return dev.handle(method, path, rev, body, faults, "admin");
  }
  std::string create() {
    auto r = call("POST", {"revision"});
    REQUIRE(r.status == 200);
    json j = json::parse(r.body);
    REQUIRE(j.size() == 1);
    CHECK(j.begin().value()["state"] == "pending");
    return j.begin().key();
  }
  std::string state(const std::string& id) {
    NvuePath p{"revision"};
    p.push_back(id);
    return json::parse(call("GET", p).body)["state"];
  }
  HttpReply apply(const std::string& id, bool ays = true) {
    json body = {{"state", "apply"}};
    if (ays) body["auto-prompt"] = {{"ays", "ays_yes"}};
    return call("PATCH", {"revision", id}, std::nullopt, body.dump());
  }
  void settle() { now += std::chrono::seconds(1); }
};

}  // namespace

TEST_CASE("nvue: revision lifecycle") {
  Fixture f;
  std::string id = f.create();
  CHECK(id.starts_with("changeset/admin/"));
  CHECK(f.call("PATCH", {}, id, R"({"interface":{"swp1":{"link":{"mtu":9000}}}})").status == 200);
  CHECK(f.call("PATCH", {"system"}, id, R"({"hostname":"leaf1"})").status == 200);
  // The pending revision's tree is the applied tree plus its changes.
  CHECK(json::parse(f.call("GET", {"system", "hostname"}, id).body) == "leaf1");
  CHECK(json::parse(f.call("GET", {"system", "hostname"}, "applied").body) == "cl1");
  CHECK(f.call("GET", {"interface"}, "applied").status == 404);

  auto r = f.apply(id);
  CHECK(r.status == 200);
  CHECK(json::parse(r.body)["state"] == "apply");
  f.now += NvueDevice::kApplyStep + std::chrono::milliseconds(1);
  CHECK(f.state(id) == "applying");
  f.settle();
  CHECK(f.state(id) == "applied");
  CHECK(json::parse(f.call("GET", {"interface", "swp1", "link", "mtu"}, "applied").body) == 9000);
  CHECK(json::parse(f.call("GET", {}, "startup").body)["system"]["hostname"] == "leaf1");
  // An applied revision cannot change any more.
  r = f.call("PATCH", {}, id, R"({"a":1})");
  CHECK(r.status == 409);
  CHECK(json::parse(r.body)["status"] == 409);
  CHECK(f.call("PATCH", {}, std::nullopt, R"({"a":1})").status == 400);
  CHECK(f.call("PATCH", {}, "changeset/admin/nope", R"({"a":1})").status == 404);
  CHECK(f.call("GET", {"revision", "changeset", "admin", "nope"}).status == 404);

  // Replace: delete the root, then patch.
  std::string id2 = f.create();
  CHECK(f.call("DELETE", {}, id2).status == 200);
  CHECK(f.call("PATCH", {}, id2, R"({"system":{"hostname":"x"}})").status == 200);
  f.apply(id2);
  f.settle();
  CHECK(f.state(id2) == "applied");
  CHECK(json::parse(f.call("GET", {}, "applied").body) == json::parse(R"({"system":{"hostname":"x"}})"));
  // Applying a revision without changes works too.
  std::string id3 = f.create();
  f.apply(id3);
  f.settle();
  CHECK(f.state(id3) == "applied");
  CHECK(json::parse(f.call("GET", {"revision"}).body).size() == 3);
}

TEST_CASE("nvue: invalid, apply_fail, ays_fail") {
  Fixture f;
  std::string id = f.create();
  f.call("PATCH", {}, id, R"({"interface":{"swp1":{"link":{"mtu":20000}},"ethX":{}}})");
  f.apply(id);
  f.settle();
  json r = json::parse(f.call("GET", {"revision", id}).body);
  CHECK(r["state"] == "invalid");
  CHECK(r["transition"]["issue"].size() == 2);
  CHECK(r["transition"]["issue"]["0"]["message"].get<std::string>().find("Config invalid") == 0);
  CHECK(f.call("GET", {"interface"}, "applied").status == 404);

  std::string err;
  f.faults = FaultSet({*parse_fault("reject=forbidden", &err)});
  id = f.create();
  f.call("PATCH", {"system"}, id, R"({"hostname":"forbidden-name"})");
  f.apply(id);
  f.settle();
  r = json::parse(f.call("GET", {"revision", id}).body);
  CHECK(r["state"] == "invalid");
  CHECK(r["transition"]["issue"]["0"]["message"].get<std::string>().find("forbidden") != std::string::npos);

  f.faults = FaultSet({*parse_fault("apply-fail", &err)});
  id = f.create();
  f.apply(id);
  f.settle();
  CHECK(f.state(id) == "apply_fail");

  f.faults = FaultSet();
  id = f.create();
  f.call("PATCH", {"interface", "eth0"}, id, R"({"ip":{"vrf":"mgmt"}})");
  f.apply(id, false);
  f.settle();
  CHECK(f.state(id) == "ays_fail");
  CHECK(f.apply(id).status == 409);
}

#include "deploy/push/device_spec.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

using namespace cfgc;
using namespace cfgc::push;
using nlohmann::json;

TEST_CASE("device spec: addresses become base URLs") {
  CHECK(*device_url(Transport::Eapi, "10.0.0.1") == "https://10.0.0.1");
  CHECK(*device_url(Transport::Nvue, "10.0.0.1") == "https://10.0.0.1:8765");
  CHECK(*device_url(Transport::Eapi, "http://127.0.0.1:8080/command-api") == "http://127.0.0.1:8080");
  CHECK(*device_url(Transport::Nvue, "https://leaf1/") == "https://leaf1:8765");
  CHECK(*device_url(Transport::Nvue, "http://127.0.0.1:9000") == "http://127.0.0.1:9000");
  Result<std::string> bad = device_url(Transport::Eapi, "https://admin:pw@10.0.0.1");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("credentials") != std::string::npos);
  CHECK_FALSE(device_url(Transport::Eapi, "ftp://x").ok());
}

TEST_CASE("device spec: devices, overrides, limits and credentials") {
  json push = json::parse(R"({
    "eos1": {"transport": "eapi", "address": "10.0.0.1", "config": "hostname eos1\n", "username": "u", "password": "p1"},
    "cl1": {"transport": "nvue", "address": "10.0.0.2", "mode": "merge", "groups": ["leaves"], "config": {"system": {}},
            "username": "u", "password": "p2"},
    "bad": {"transport": "telnet", "address": "x"}
  })");
  SpecOptions o;
  o.targets["eos1"] = "http://127.0.0.1:8080";
  std::vector<std::string> errors;
  std::vector<DeviceSpec> d = read_devices(push, "push", o, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "push.bad.transport: want \"eapi\", \"nvue\" or \"gnmi\"");
  REQUIRE(d.size() == 2);
  CHECK(d[0].name == "cl1");
  CHECK(d[0].mode == Mode::Merge);
  CHECK(d[0].url == "https://10.0.0.2:8765");
  CHECK(d[1].url == "http://127.0.0.1:8080");
  CHECK(d[1].tls.verify);

  o.limit = {"leaves"};
  errors.clear();
  d = read_devices(push, "push", o, errors);
  REQUIRE(d.size() == 1);
  CHECK(d[0].name == "cl1");
}

TEST_CASE("device spec: a credentials file readable by others is refused") {
  std::string path = "/tmp/cfgc_push_creds_test.yaml";
  {
    std::ofstream f(path);
    f << "\"eos*\":\n  username: admin\n  password: s3cret\n";
  }
  chmod(path.c_str(), 0644);
  json push = json::parse(R"({"eos1": {"transport": "eapi", "address": "h", "config": ""}})");
  SpecOptions o;
  o.credentials_file = path;
  std::vector<std::string> errors;
  read_devices(push, "push", o, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("readable by others") != std::string::npos);
  chmod(path.c_str(), 0600);
  errors.clear();
  std::vector<DeviceSpec> d = read_devices(push, "push", o, errors);
  CHECK(errors.empty());
  REQUIRE(d.size() == 1);
  CHECK(d[0].username == "admin");
  CHECK(d[0].password == "s3cret");
  std::remove(path.c_str());
}

TEST_CASE("device spec: secrets are masked") {
  CHECK(redact("auth admin:hunter2 failed", {"hunter2"}) == "auth admin:******** failed");
  CHECK(redact("a b", {"a"}) == "a b");
}

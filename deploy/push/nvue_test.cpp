#include "deploy/push/nvue.h"

#include <doctest/doctest.h>

using namespace cfgc::push;

TEST_CASE("nvue: the id of a new revision, slashes and all") {
  CHECK(nvue_revision_id(R"({"changeset/admin/2026-12-07_13.01.02_AB12": {"state": "pending"}})") ==
        "changeset/admin/2026-12-07_13.01.02_AB12");
  CHECK_FALSE(nvue_revision_id("{}").has_value());
  CHECK_FALSE(nvue_revision_id("not json").has_value());
}

TEST_CASE("nvue: apply answers every prompt with yes") {
  nlohmann::json j = nlohmann::json::parse(nvue_apply_request());
  CHECK(j["state"] == "apply");
  CHECK(j["auto-prompt"]["ays"] == "ays_yes");
}

TEST_CASE("nvue: revision states and their issues") {
  std::string state;
  std::vector<std::string> issues;
  CHECK(nvue_revision_state(R"({"state":"applying","transition":{"issue":{},"progress":"x"}})", state, issues) ==
        RevisionState::InProgress);
  CHECK(state == "applying");
  CHECK(nvue_revision_state(R"({"state":"applied"})", state, issues) == RevisionState::Applied);
  CHECK(nvue_revision_state(
            R"({"state":"invalid","transition":{"issue":{"0":{"message":"mtu 90000 is out of range","severity":"error"}}}})",
            state, issues) == RevisionState::Failed);
  CHECK(state == "invalid");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0] == "mtu 90000 is out of range");
  CHECK(nvue_revision_state(R"({"state":"apply_fail"})", state, issues) == RevisionState::Failed);
  // Wrapped in {"<id>": {...}} as some releases answer.
  CHECK(nvue_revision_state(R"({"changeset/a/b":{"state":"applied"}})", state, issues) == RevisionState::Applied);
  CHECK(nvue_revision_state("<html>", state, issues) == RevisionState::Failed);
}

TEST_CASE("nvue: error bodies in one line") {
  CHECK(nvue_error_text(R"({"status":400,"title":"Bad Request","detail":"rev is not pending"})") ==
        "Bad Request: rev is not pending");
  CHECK(nvue_error_text("plain\ntext") == "plain text");
}

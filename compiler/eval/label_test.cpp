// Labels: interning, label kinds, index features, path rendering.
#include "compiler/eval/label.h"

#include "compiler/eval/eval_test_util.h"

using namespace cfgc::eval;

TEST_CASE("eval label: interning gives one feature per text and kind") {
  Feature a = intern_label("label_test_a");
  CHECK(intern_label("label_test_a") == a);
  CHECK(intern_label(std::string("label_test_") + "a") == a);
  CHECK(intern_label("label_test_b") != a);
  CHECK(label_name(a) == "label_test_a");
  // The same text of another kind is another feature.
  Feature h = intern_label("label_test_a", LabelKind::Hidden);
  CHECK(h != a);
  CHECK(label_name(h) == "label_test_a");
}

TEST_CASE("eval label: kinds") {
  CHECK(kind_of_identifier("a") == LabelKind::Regular);
  CHECK(kind_of_identifier("#A") == LabelKind::Definition);
  CHECK(kind_of_identifier("_a") == LabelKind::Hidden);
  CHECK(kind_of_identifier("_#A") == LabelKind::HiddenDef);
  CHECK(kind_of_identifier("_") == LabelKind::Regular);
  CHECK(kind_of_identifier("#") ==
        LabelKind::Definition);  // `#: "a-b": …`, cue's JSON Schema import
  for (LabelKind k :
       {LabelKind::Regular, LabelKind::Definition, LabelKind::Hidden, LabelKind::HiddenDef}) {
    CHECK(label_kind(intern_label("label_test_kind", k)) == k);
  }
  // Each let is its own feature, whatever its name.
  Feature l1 = new_let_feature("x");
  Feature l2 = new_let_feature("x");
  CHECK(l1 != l2);
  CHECK(label_kind(l1) == LabelKind::Let);
  CHECK(label_name(l1) == "x");
}

TEST_CASE("eval label: index features") {
  Feature i = index_feature(7);
  CHECK(is_index(i));
  CHECK(feature_index(i) == 7);
  CHECK(label_kind(i) == LabelKind::Index);
  CHECK(!is_index(intern_label("label_test_7")));
  CHECK(index_feature(0) != index_feature(1));
  CHECK(feature_index(index_feature(0x7fffffffu)) == 0x7fffffffu);
}

TEST_CASE("eval label: rendering in paths") {
  CHECK(label_for_path(intern_label("mtu")) == "mtu");
  CHECK(label_for_path(index_feature(3)) == "3");
  CHECK(label_for_path(intern_label("#Def", LabelKind::Definition)) == "#Def");
  CHECK(label_for_path(intern_label("a-b")) == "\"a-b\"");
  CHECK(label_for_path(intern_label("1a")) == "\"1a\"");
}

#pragma once
// A Kubernetes kustomization.yaml for a generated file tree: every file becomes a ConfigMap
// (one per file, named after its path: leaf1/frr.conf → leaf1-frr.conf, labelled with its
// device), as a GitOps controller such as Flux's kustomize-controller applies it.

#include <string>
#include <vector>

#include "compiler/base/result.h"
#include "deploy/file_tree.h"

namespace cfgc::deploy {

// The kustomization.yaml text; an error if two paths give the same ConfigMap name.
Result<std::string> kustomization(const std::vector<OutputFile>& files);

}  // namespace cfgc::deploy

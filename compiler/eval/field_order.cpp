#include "compiler/eval/field_order.h"

#include <algorithm>
#include <unordered_map>

#include "compiler/eval/ir.h"
#include "compiler/eval/value.h"

namespace cfgc::eval {

namespace {

// Reused buffers: order_fields runs for every struct that several literals declare fields of.
struct Scratch {
  std::vector<uint32_t> flat, starts, rank, head, group_rank, group_first;
  std::vector<int> pending;
  std::vector<Vertex*> before;
  std::vector<Feature> extra;
};
thread_local Scratch scratch;

// cue's sort over sequences of dense ids (0..n-1); returns the rank of each id (UINT32_MAX:
// in no sequence). `flat` holds the sequences back to back, `starts` where each begins.
void rank_ids(const std::vector<uint32_t>& flat, const std::vector<uint32_t>& starts, uint32_t n,
              std::vector<uint32_t>& rank) {
  constexpr uint32_t kUnranked = UINT32_MAX;
  std::vector<int>& pending = scratch.pending;  // predecessors still to place
  pending.assign(n, 0);
  for (size_t s = 0; s + 1 < starts.size(); ++s) {
    for (uint32_t i = starts[s] + 1; i < starts[s + 1]; ++i) ++pending[flat[i]];
  }
  rank.assign(n, kUnranked);
  std::vector<uint32_t>& head = scratch.head;
  head.assign(starts.begin(), starts.end() - 1);
  const size_t nseq = head.size();
  uint32_t next_rank = 0;
  while (true) {
    bool progress = false;
    for (size_t s = 0; s < nseq && !progress; ++s) {
      uint32_t end = starts[s + 1];
      if (head[s] == end) continue;
      uint32_t f = flat[head[s]];
      bool placed = rank[f] != kUnranked;
      if (!placed && pending[f] > 0) continue;
      ++head[s];
      // cue releases the successor only while more than one field is left in the sequence.
      if (end - head[s] > 1 && pending[flat[head[s]]] > 0) --pending[flat[head[s]]];
      if (!placed) rank[f] = next_rank++;
      progress = true;
    }
    if (progress) continue;
    // A cycle between the sequences: release the first sequence's head.
    bool any = false;
    for (size_t s = 0; s < nseq && !any; ++s) {
      if (head[s] < starts[s + 1]) {
        pending[flat[head[s]]] = 0;
        any = true;
      }
    }
    if (!any) break;
  }
}

}  // namespace

std::vector<std::pair<Feature, uint32_t>> topological_field_ranks(
    std::vector<std::vector<Feature>> sequences) {
  std::unordered_map<Feature, uint32_t> ids;
  std::vector<Feature> labels;
  std::vector<uint32_t> flat, starts{0};
  for (const auto& s : sequences) {
    for (Feature f : s) {
      auto [it, added] = ids.emplace(f, static_cast<uint32_t>(labels.size()));
      if (added) labels.push_back(f);
      flat.push_back(it->second);
    }
    starts.push_back(static_cast<uint32_t>(flat.size()));
  }
  std::vector<uint32_t> rank;
  rank_ids(flat, starts, static_cast<uint32_t>(labels.size()), rank);
  std::vector<std::pair<Feature, uint32_t>> out;
  for (uint32_t i = 0; i < labels.size(); ++i) out.emplace_back(labels[i], rank[i]);
  return out;
}

void order_fields(Vertex* v, std::span<const StructExpr* const> literals) {
  const uint32_t narcs = v->arcs.size;
  if (literals.empty() || narcs < 2 || v->is_list) return;
  if (literals.size() == 1) {
    // One literal that declares every field: its order is kept as it is.
    uint32_t declared = 0;
    for (const Decl& d : literals[0]->decls) declared += d.kind == Decl::Field;
    if (declared == narcs) return;
  }
  // Dense ids: a field's position among the arcs; labels without an arc (none usually) after.
  Scratch& sc = scratch;
  sc.extra.clear();
  std::unordered_map<Feature, uint32_t> index;  // only for structs with many fields
  if (narcs > 16) {
    for (uint32_t i = 0; i < narcs; ++i) index.emplace(v->arcs[i]->label, i);
  }
  auto id_of = [&](Feature f) -> uint32_t {
    if (narcs > 16) {
      if (auto it = index.find(f); it != index.end()) return it->second;
    } else {
      for (uint32_t i = 0; i < narcs; ++i) {
        if (v->arcs[i]->label == f) return i;
      }
    }
    auto it = std::find(sc.extra.begin(), sc.extra.end(), f);
    if (it == sc.extra.end()) {
      sc.extra.push_back(f);
      return narcs + static_cast<uint32_t>(sc.extra.size() - 1);
    }
    return narcs + static_cast<uint32_t>(it - sc.extra.begin());
  };
  sc.flat.clear();
  sc.starts.assign(1, 0);
  sc.group_first.assign(narcs, 0);  // here: 1 when some literal declares the arc
  for (const StructExpr* s : literals) {
    for (const Decl& d : s->decls) {
      if (d.kind != Decl::Field) continue;
      uint32_t id = id_of(d.label);
      if (id < narcs) sc.group_first[id] = 1;
      sc.flat.push_back(id);
    }
    if (sc.flat.size() != sc.starts.back())
      sc.starts.push_back(static_cast<uint32_t>(sc.flat.size()));
  }
  // Fields no literal declares (dynamic fields, fields of a computed struct) form one more
  // sequence, in their current order, as cue appends them.
  bool extra_seq = false;
  for (uint32_t i = 0; i < narcs; ++i) {
    if (!sc.group_first[i]) {
      sc.flat.push_back(i);
      extra_seq = true;
    }
  }
  if (extra_seq) sc.starts.push_back(static_cast<uint32_t>(sc.flat.size()));
  if (sc.starts.size() < 3) return;  // one sequence: its order is the order
  std::vector<uint32_t>& rank = sc.rank;
  rank_ids(sc.flat, sc.starts, narcs + static_cast<uint32_t>(sc.extra.size()), rank);
  bool sorted = true;
  for (uint32_t i = 1; i < narcs && sorted; ++i) sorted = rank[i - 1] < rank[i];
  if (sorted) return;
  sc.before.assign(v->arcs.begin(), v->arcs.end());
  // Every arc is in some sequence, so every arc has a rank; ranks of labels without an arc
  // leave gaps.
  sc.group_first.assign(narcs + sc.extra.size(), UINT32_MAX);
  for (uint32_t i = 0; i < narcs; ++i) sc.group_first[rank[i]] = i;
  Vertex** out = v->arcs.begin();
  for (uint32_t i : sc.group_first) {
    if (i != UINT32_MAX) *out++ = sc.before[i];
  }
}

}  // namespace cfgc::eval

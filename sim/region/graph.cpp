#include "swsim/region/graph.hpp"

#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/range/iterator_range.hpp>

namespace swsim {

namespace {

// Undirected, one vertex per region index, the border's weight on each edge.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;

Graph make_graph(std::size_t n, const std::vector<Border>& borders, const CommutingParams* params) {
    Graph g(n);
    for (const auto& b : borders) boost::add_edge(b.a, b.b, params ? border_weight(b.type, *params) : 1.0, g);
    return g;
}

// Hop counts from `source` to every vertex by breadth-first search; -1 where unreachable.
std::vector<int> bfs_hops(const Graph& g, std::size_t source) {
    std::vector<int> hops(boost::num_vertices(g), -1);
    hops[source] = 0;
    boost::breadth_first_search(
        g, boost::vertex(source, g),
        boost::visitor(boost::make_bfs_visitor(boost::record_distances(hops.data(), boost::on_tree_edge()))));
    return hops;
}

// Best commuting weight from `source` to every vertex over paths of 1..max_hops borders.
// best_k[v] is the largest border-weight product over walks of exactly k borders; with weights
// in [0, 1] a walk that repeats a region never beats the path without the loop, so the maximum
// over k of best_k[v] * decay^(k-1) is the exact best path.
std::vector<double> best_weights(const Graph& g, std::size_t source, const CommutingParams& params) {
    const std::size_t n = boost::num_vertices(g);
    const auto weight = boost::get(boost::edge_weight, g);
    std::vector<double> best(n, 0.0);
    std::vector<double> walk(n, 0.0);
    walk[source] = 1.0;
    double decay = 1.0;  // decay_per_extra_hop^(k-1)
    // A path visits each region at most once, so it has at most n - 1 borders.
    const auto k_max = std::min<std::size_t>(static_cast<std::size_t>(std::max(params.max_hops, 0)), n - 1);
    for (std::size_t k = 1; k <= k_max; ++k) {
        std::vector<double> next(n, 0.0);
        for (std::size_t u = 0; u < n; ++u) {
            if (walk[u] <= 0.0) continue;
            for (const auto e : boost::make_iterator_range(boost::out_edges(u, g))) {
                const auto v = boost::target(e, g);
                next[v] = std::max(next[v], walk[u] * weight[e]);
            }
        }
        walk = std::move(next);
        for (std::size_t v = 0; v < n; ++v) best[v] = std::max(best[v], walk[v] * decay);
        decay *= params.decay_per_extra_hop;
    }
    best[source] = 1.0;
    return best;
}

}  // namespace

double border_weight(BorderType type, const CommutingParams& params) {
    switch (type) {
        case BorderType::land: return params.land_weight;
        case BorderType::river: return params.river_weight;
        case BorderType::fixed_link: return params.fixed_link_weight;
        case BorderType::water: return params.water_weight;
    }
    return 0.0;
}

std::vector<int> border_components(std::size_t n, const std::vector<Border>& borders) {
    std::vector<int> component(n, 0);
    if (n > 0) boost::connected_components(make_graph(n, borders, nullptr), component.data());
    return component;
}

void compute_commuting(RegionData& data, const CommutingParams& params) {
    const std::size_t n = data.size();
    const Graph g = make_graph(n, data.borders, &params);
    data.hops.assign(n * n, -1);
    data.commuting.assign(n * n, 0.0);
    data.neighbours.assign(n, {});
    for (std::size_t a = 0; a < n; ++a) {
        const auto hops = bfs_hops(g, a);
        std::copy(hops.begin(), hops.end(), data.hops.begin() + static_cast<std::ptrdiff_t>(a * n));
        // Each pair is computed once, from its lower index, and mirrored: exactly symmetric.
        const auto best = best_weights(g, a, params);
        for (std::size_t b = a; b < n; ++b) data.commuting[a * n + b] = data.commuting[b * n + a] = best[b];
    }
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)
            if (b != a && data.commuting[a * n + b] > 0.0)
                data.neighbours[a].emplace_back(static_cast<RegionIndex>(b), data.commuting[a * n + b]);
}

}  // namespace swsim

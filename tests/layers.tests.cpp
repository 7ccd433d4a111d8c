// The folders of the code form layers: no two folders include each other, directly or through
// others (docs/model.md, "Where the code lives"), and the scheduler includes no process. Also a
// check of the tests themselves: every test name is one that ctest can run.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {
// folder -> the folders its files include (swsim headers only), over include/swsim and sim.
std::map<std::string, std::set<std::string>> folder_includes() {
    std::map<std::string, std::set<std::string>> graph;
    const std::regex include_line(R"(#include\s+"swsim/([a-z_]+)/)");
    for (const char* top : {"include/swsim", "sim"}) {
        const fs::path root = fs::path(SWSIM_SOURCE_DIR) / top;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file()) continue;
            const auto rel = fs::relative(entry.path(), root);
            if (rel.begin() == rel.end() || std::next(rel.begin()) == rel.end()) continue;  // top-level files
            const std::string folder = rel.begin()->string();
            if (folder == "app") continue;  // the CLI may use everything
            std::ifstream in(entry.path());
            for (std::string line; std::getline(in, line);) {
                std::smatch m;
                if (std::regex_search(line, m, include_line) && m[1] != folder) graph[folder].insert(m[1]);
            }
            graph[folder];
        }
    }
    return graph;
}

// A cycle through the folder graph, as "a -> b -> a", or "" when there is none.
std::string find_cycle(const std::map<std::string, std::set<std::string>>& graph) {
    std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done
    std::vector<std::string> path;
    std::string cycle;
    std::function<bool(const std::string&)> visit = [&](const std::string& f) {
        state[f] = 1;
        path.push_back(f);
        if (auto it = graph.find(f); it != graph.end())
            for (const auto& g : it->second) {
                if (state[g] == 1) {
                    for (auto p = std::find(path.begin(), path.end(), g); p != path.end(); ++p) cycle += *p + " -> ";
                    cycle += g;
                    return true;
                }
                if (state[g] == 0 && visit(g)) return true;
            }
        path.pop_back();
        state[f] = 2;
        return false;
    };
    for (const auto& [f, _] : graph)
        if (state[f] == 0 && visit(f)) return cycle;
    return "";
}
}  // namespace

TEST_CASE("no two folders include each other, directly or in a ring", "[unit][layers]") {
    const auto graph = folder_includes();
    REQUIRE(graph.count("engine") == 1);
    REQUIRE(graph.count("process") == 1);
    CHECK(find_cycle(graph) == "");
    // The mechanism knows no process, and the processes know no composition.
    CHECK(graph.at("engine").count("process") == 0);
    CHECK(graph.at("engine").count("model") == 0);
    CHECK(graph.at("process").count("model") == 0);
    CHECK(graph.at("core").empty());
}

TEST_CASE("the cycle finder finds a ring", "[unit][layers]") {
    CHECK(find_cycle({{"a", {"b"}}, {"b", {"c"}}, {"c", {"a"}}}) == "a -> b -> c -> a");
    CHECK(find_cycle({{"a", {"b"}}, {"b", {}}}) == "");
}

TEST_CASE("no test name holds a semicolon, which ctest would split and then skip", "[unit][layers]") {
    // ctest takes a test's name as a list: a name with ';' matches no Catch test and passes unrun.
    std::vector<std::string> bad;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SWSIM_SOURCE_DIR) / "tests")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (auto at = text.find("TEST_CASE(\""); at != std::string::npos; at = text.find("TEST_CASE(\"", at + 1)) {
            const auto begin = at + 11;
            const std::string name = text.substr(begin, text.find('"', begin) - begin);
            if (name.find(';') != std::string::npos) bad.push_back(entry.path().filename().string() + ": " + name);
        }
    }
    INFO([&] {
        std::string s;
        for (const auto& b : bad) s += b + "\n";
        return s;
    }());
    CHECK(bad.empty());
}

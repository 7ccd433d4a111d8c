// Writing files so that a reader never sees half of one, and result folders so that a reader never
// sees a mix of two runs. A single file goes to a temporary name in its folder, is synced and renamed
// into place. A result folder (run, compare, sweep merge, report) is staged whole in a fresh folder
// beside the target; only when every file is complete are the target's swsim files replaced, and
// its manifest.json, which lists every file with its size and sha256, is renamed in last. A folder
// without a manifest, or whose files do not match it, is incomplete and every reader refuses it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swsim/core/error.hpp"

namespace swsim {

// The system refused to write (disk full, read-only folder, no permission, ...): bad environment the
// user can fix, exit 2. The message names the path, the system's reason and what was kept.
class WriteError : public InputError {
public:
    using InputError::InputError;
};

// Writes content to path through a temporary file in the same folder, fsync and a rename.
// Throws WriteError with the system's reason when it cannot; the temporary file is removed.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);
// The same for a writer that needs a file name (a library that opens the file itself): produce(tmp)
// writes the file at tmp, or throws.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const std::filesystem::path& tmp)>& produce);

std::string sha256_hex(std::string_view data);
std::string sha256_file_hex(const std::filesystem::path& path);  // throws WriteError if unreadable

// A file as the manifest records it.
struct FileEntry {
    std::uint64_t bytes = 0;
    std::string sha256;
};
using FileList = std::map<std::string, FileEntry>;  // by name in the folder

inline constexpr const char* kManifestName = "manifest.json";

// The manifest of a complete result folder, with its files verified: every listed file exists and
// has the recorded size and sha256. Throws ScenarioError (exit 2) naming the folder when there is
// no manifest or it lists no files (an incomplete folder), or naming the first file that does not
// match. `text` is the manifest as written.
struct VerifiedFolder {
    std::string text;
    FileList files;
    bool has(const std::string& name) const { return files.count(name) > 0; }
};
VerifiedFolder verify_result_folder(const std::filesystem::path& dir);

// Checks, before any work, that a result folder can be written at dir: dir is a folder or does not
// exist yet (nor is any part of its path a file). Throws InputError (exit 2) naming the path.
void check_output_folder(const std::filesystem::path& dir);

// What a result is and what it was made from, as its manifest records it ("result", "inputs" and
// each scenario's "hash"): the kind is the command that made it ("run", "compare"; for manifests
// without "result", the command's first word: "sweep" and "calibrate" for their folders), inputs
// every file read (absolute path, size and sha256), scenarios the hash of each resolved scenario by
// name.
struct ResultIdentity {
    std::string kind;
    FileList inputs;
    std::map<std::string, std::string> scenarios;
};

// Why the result in a folder (its manifest, parsed) is not one that `identity` may replace without
// --force: another kind of result, other inputs, or inputs not recorded; empty when it may. Names
// at most three differences.
std::string identity_conflict(const std::string& manifest_text, const ResultIdentity& identity);

// One result folder being written. The constructor locks the folder (flock on DIR/.swsim.lock; a
// second writer gets InputError naming the process that holds it), removes staging folders that
// earlier writers of this folder left when they were killed, and opens a fresh staging folder
// beside the target. add() writes a file into the staging folder; commit() replaces the target's
// result. Destroyed without commit(), it removes the staging folder and leaves the target as it was
// (and removes the target again if it created it and nothing else is in it).
// With an identity (run, compare), a folder whose manifest describes another result (identity_conflict)
// is refused with InputError (exit 2) naming the folder and what it holds, unless `force`; the
// identity is written into the new manifest. Either way only the earlier manifest's files are
// removed, at commit().
class ResultFolder {
public:
    ResultFolder(std::filesystem::path dir, std::string command, const ResultIdentity* identity = nullptr,
                 bool force = false);
    ~ResultFolder();
    ResultFolder(const ResultFolder&) = delete;
    ResultFolder& operator=(const ResultFolder&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    // Whether dir held a complete result when the writer started (what an abort keeps).
    bool had_result() const { return had_result_; }

    void add(const std::string& name, std::string_view content);
    void add(const std::string& name, const std::function<void(const std::filesystem::path& tmp)>& produce);
    // Keeps a file of the current (verified) result as it is: it stays and is listed again.
    void keep(const std::string& name, const FileEntry& entry);

    // The manifest (a JSON object, as text) gets "files": every added and kept file with its size
    // and sha256, and is written last. Every swsim file of the earlier result that is not part of
    // the new one is removed; files swsim did not write are never touched. Signals are held for the
    // renames; before them an interrupt (throw_if_interrupted) leaves the earlier result whole.
    void commit(const std::string& manifest_json);

    // What an abort leaves, for messages: "nothing written" or "nothing written; the earlier result
    // in DIR is kept".
    std::string kept_note() const;

private:
    void release();  // removes the staging folder (and a folder it created), unlocks
    void check_name(const std::string& name) const;
    std::filesystem::path dir_, staging_;
    std::string command_;
    std::optional<ResultIdentity> identity_;
    int lock_fd_ = -1;
    bool created_dir_ = false, had_result_ = false, committed_ = false;
    FileList old_files_, new_files_;
};

}  // namespace swsim

#include "swsim/output/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "swsim/run/runner.hpp"

namespace swsim {
namespace fs = std::filesystem;

namespace {

constexpr const char* kLockName = ".swsim.lock";

[[noreturn]] void fail_write(const fs::path& path, const std::string& doing, int error, const std::string& kept) {
    throw WriteError(fmt::format("{}: error: cannot {}: {}; {}", path.string(), doing, std::strerror(error), kept));
}

// Makes a rename or a new file in dir durable (the folder's entry is on disk, not only the file).
void sync_folder(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // nothing more can be done; the rename itself has happened
    ::fsync(fd);
    ::close(fd);
}

// Writes and syncs the file; 0, or the errno of the step that failed.
int write_synced(const fs::path& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(fd);
            return error;
        }
        p += n;
        left -= std::size_t(n);
    }
    if (::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        return error;
    }
    return ::close(fd) == 0 ? 0 : errno;
}

void write_all(const fs::path& path, std::string_view content) {
    if (const int error = write_synced(path, content)) fail_write(path, "write the file", error, "nothing of it was kept");
}

void sync_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail_write(path, "read back the file", errno, "nothing of it was kept");
    const int ok = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (ok != 0) fail_write(path, "write the file", error, "nothing of it was kept");
}

void create_folders(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) fail_write(dir, "create the folder", ec.value(), "nothing written");
}

// The entries of a manifest's object `key` ("files", "inputs"): name -> size and sha256; nothing when
// it is missing or not ours.
FileList listed_entries(const nlohmann::json& j, const char* key) {
    FileList out;
    if (!j.is_object() || !j.contains(key) || !j[key].is_object()) return out;
    for (const auto& [name, e] : j[key].items())
        if (e.is_object() && e.contains("bytes") && e["bytes"].is_number_unsigned() && e.contains("sha256") &&
            e["sha256"].is_string())
            out[name] = FileEntry{e["bytes"].get<std::uint64_t>(), e["sha256"].get<std::string>()};
    return out;
}

FileList listed_files(const nlohmann::json& j) { return listed_entries(j, "files"); }

std::string text_field(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// The kind of result a manifest describes: its "result", else the first word of its command after
// "swsim" (a sweep's or a calibration's folder is one result, whichever of their commands wrote it).
std::string result_kind(const nlohmann::json& j) {
    if (const std::string kind = text_field(j, "result"); !kind.empty()) return kind;
    std::istringstream words(text_field(j, "command"));
    std::string program, first;
    words >> program >> first;
    return first;
}

// Each scenario's hash by name, from a manifest's "scenarios".
std::map<std::string, std::string> scenario_hashes(const nlohmann::json& j) {
    std::map<std::string, std::string> out;
    if (!j.contains("scenarios") || !j["scenarios"].is_array()) return out;
    for (const auto& s : j["scenarios"])
        if (s.is_object()) out[text_field(s, "name")] = text_field(s, "hash");
    return out;
}

std::string read_text(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

// A file name in the folder as the manifest may list it: a plain name, no path.
bool plain_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos;
}

// The staging folders of dir: ".NAME.swsim-staging.PID" beside it.
std::string staging_prefix(const fs::path& dir) {
    std::string prefix(".");
    prefix.append(dir.filename().string()).append(".swsim-staging.");
    return prefix;
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::function<void(const fs::path& tmp)>& produce) {
    if (path.has_parent_path()) create_folders(path.parent_path());
    const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
    std::error_code ec;
    try {
        produce(tmp);
        sync_file(tmp);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        fs::remove(tmp, ec);
        fail_write(path, "rename " + tmp.filename().string() + " into place", error, "the earlier file, if any, is kept");
    }
    sync_folder(path.has_parent_path() ? path.parent_path() : fs::path("."));
}

void write_file_atomically(const fs::path& path, std::string_view content) {
    write_file_atomically(path, [&](const fs::path& tmp) { write_all(tmp, content); });
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw Error("sha256 failed");
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

std::string sha256_file_hex(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) fail_write(path, "read the file", errno ? errno : ENOENT, "nothing written");
    return sha256_hex(std::string(std::istreambuf_iterator<char>(f), {}));
}

std::string identity_conflict(const std::string& manifest_text, const ResultIdentity& identity) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(manifest_text);
    } catch (const nlohmann::json::exception&) {
        return {};  // no manifest, or not one of swsim's: nothing swsim wrote is there to replace
    }
    if (!j.is_object() || text_field(j, "program") != "swsim") return {};
    const std::string kind = result_kind(j), command = text_field(j, "command");
    const std::string what = command.empty() ? "swsim " + kind : command;
    if (kind != identity.kind) return fmt::format("holds the result of another command ({})", what);
    if (identity.inputs.empty() && identity.scenarios.empty()) return {};
    if (!j.contains("inputs") || !j["inputs"].is_object())
        return fmt::format("holds a result whose inputs are not recorded (written by an earlier swsim: {})", what);
    std::vector<std::string> differences;
    const FileList before = listed_entries(j, "inputs");
    for (const auto& [path, entry] : identity.inputs) {
        const auto it = before.find(path);
        if (it == before.end()) differences.push_back(path + " was not one of its inputs");
        else if (it->second.sha256 != entry.sha256) differences.push_back(path + " has changed (its sha256 differs)");
    }
    for (const auto& [path, entry] : before)
        if (!identity.inputs.count(path)) differences.push_back(path + " was one of its inputs, not of this command");
    const auto hashes = scenario_hashes(j);
    for (const auto& [name, hash] : identity.scenarios) {
        const auto it = hashes.find(name);
        if (it == hashes.end()) differences.push_back("scenario '" + name + "' is not in it");
        else if (it->second != hash)
            differences.push_back("scenario '" + name + "' resolves differently (a key, --set or --seed differs)");
    }
    for (const auto& [name, hash] : hashes)
        if (!identity.scenarios.count(name)) differences.push_back("scenario '" + name + "' is in it, not in this command");
    if (differences.empty()) return {};
    std::string out = fmt::format("holds a result of other inputs ({}): ", what);
    constexpr std::size_t kShown = 3;
    for (std::size_t i = 0; i < std::min(kShown, differences.size()); ++i) out.append(i ? "; " : "").append(differences[i]);
    if (differences.size() > kShown) out.append(fmt::format("; and {} more", differences.size() - kShown));
    return out;
}

VerifiedFolder verify_result_folder(const fs::path& dir) {
    const fs::path path = dir / kManifestName;
    auto fail = [&](const fs::path& file, const std::string& message) {
        throw ScenarioError({Diagnostic{file.string(), 0, 0, "", message}});
    };
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        fail(path, "cannot open file: " + dir.string() +
                       " holds no complete swsim result (not a result folder, or still being written, or interrupted)");
    VerifiedFolder out{read_text(path), {}};
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(out.text);
    } catch (const nlohmann::json::exception& e) {  // also a number too large for a double
        fail(path, std::string("not valid JSON: ") + e.what());
    }
    out.files = listed_files(j);
    if (out.files.empty())
        fail(path, "lists no files with their sha256: not a complete result of this swsim version; rerun the "
                   "command that wrote it");
    for (const auto& [name, entry] : out.files) {
        const fs::path file = dir / name;
        const std::string mixed = "the folder holds an incomplete or mixed result; rerun the command that wrote it";
        if (!plain_name(name)) fail(path, "lists '" + name + "', which is not a file name");
        if (!fs::exists(file, ec)) fail(file, "listed in manifest.json but missing: " + mixed);
        if (!fs::is_regular_file(file, ec))
            fail(file, "listed in manifest.json but not a regular file (a folder, FIFO or device): " + mixed);
        const auto bytes = fs::file_size(file, ec);
        if (ec || bytes != entry.bytes)
            fail(file, fmt::format("does not match manifest.json ({} bytes, the manifest says {}): {}", bytes,
                                   entry.bytes, mixed));
        if (sha256_file_hex(file) != entry.sha256)
            fail(file, "does not match manifest.json (its sha256 differs): " + mixed);
    }
    return out;
}

void check_output_folder(const fs::path& dir) {
    std::error_code ec;
    // The nearest part of the path that exists must be a folder.
    for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
        if (fs::exists(p, ec)) {
            if (!fs::is_directory(p, ec))
                throw InputError(p.string() + ": error: --out: exists and is not a folder; nothing written");
            break;
        }
        if (p == p.parent_path()) break;
    }
}

ResultFolder::ResultFolder(fs::path dir, std::string command, const ResultIdentity* identity, bool force)
    : command_(std::move(command)) {
    if (identity) identity_ = *identity;
    dir_ = fs::absolute(dir).lexically_normal();
    if (dir_.filename().empty()) dir_ = dir_.parent_path();  // "out/" is "out"
    check_output_folder(dir_);
    std::error_code ec;
    if (!fs::exists(dir_, ec)) {
        create_folders(dir_);
        created_dir_ = true;
    }
    const fs::path lock = dir_ / kLockName;
    lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) {
        const int error = errno;
        std::error_code ec2;
        if (created_dir_) fs::remove(dir_, ec2);
        fail_write(lock, "create the lock file", error, "nothing written");
    }
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        std::string holder = read_text(lock);
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
        ::close(lock_fd_);
        lock_fd_ = -1;
        if (error != EWOULDBLOCK) fail_write(lock, "lock the folder", error, "nothing written");
        throw InputError(fmt::format("{}: error: --out: another swsim is writing this folder ({}); wait for it to "
                                     "finish or choose another folder; nothing written",
                                     dir_.string(), holder.empty() ? "process unknown" : "process " + holder));
    }
    const std::string me = fmt::format("{}: {}\n", ::getpid(), command_);
    if (::ftruncate(lock_fd_, 0) == 0) {
        [[maybe_unused]] const ssize_t n = ::pwrite(lock_fd_, me.data(), me.size(), 0);
    }
    try {
        old_files_ = verify_result_folder(dir_).files;
        had_result_ = true;
    } catch (const InputError&) {
        // No complete result: what the manifest still lists (an interrupted replacement) is swsim's.
        try {
            old_files_ = listed_files(nlohmann::json::parse(read_text(dir_ / kManifestName)));
        } catch (const nlohmann::json::exception&) {
            old_files_.clear();
        }
    }
    if (identity_ && !force) {
        const std::string conflict = identity_conflict(read_text(dir_ / kManifestName), *identity_);
        if (!conflict.empty()) {
            release();
            throw InputError(fmt::format("{}: error: --out: {}; choose another folder, or pass --force to replace "
                                         "it (swsim then removes the files its manifest.json lists, no others); "
                                         "nothing written",
                                         dir_.string(), conflict));
        }
    }
    // Staging folders of this target left by writers that were killed (we hold the lock: no live one).
    const std::string prefix = staging_prefix(dir_);
    for (const auto& e : fs::directory_iterator(dir_.parent_path(), ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() > prefix.size() && name.starts_with(prefix) &&
            name.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
            fs::remove_all(e.path(), ec);
    }
    staging_ = dir_.parent_path() / (prefix + std::to_string(::getpid()));
    if (!fs::create_directory(staging_, ec) || ec) {
        const int error = ec ? ec.value() : EEXIST;
        const std::string kept = kept_note();
        const fs::path staging = staging_;
        staging_.clear();
        release();
        fail_write(staging, "create the staging folder", error, kept);
    }
}

ResultFolder::~ResultFolder() { release(); }

void ResultFolder::release() {
    std::error_code ec;
    if (!staging_.empty()) fs::remove_all(staging_, ec);
    staging_.clear();
    if (lock_fd_ < 0) return;
    if (created_dir_ && !committed_) {
        fs::remove(dir_ / kLockName, ec);
        fs::remove(dir_, ec);  // only if empty: a user may have put something there meanwhile
    }
    ::close(lock_fd_);
    lock_fd_ = -1;
}

std::string ResultFolder::kept_note() const {
    return had_result_ ? "nothing written; the earlier result in " + dir_.string() + " is kept" : "nothing written";
}

// A name of the result: a plain file name, and not something else than a file in the target.
void ResultFolder::check_name(const std::string& name) const {
    std::error_code ec;
    if (!plain_name(name)) throw Error("ResultFolder: '" + name + "' is not a file name");
    if (fs::exists(dir_ / name, ec) && !fs::is_regular_file(dir_ / name, ec))
        throw InputError((dir_ / name).string() + ": error: --out: exists and is not a file; " + kept_note());
}

void ResultFolder::add(const std::string& name, std::string_view content) {
    throw_if_interrupted(kept_note());
    check_name(name);
    std::error_code ec;
    if (const int error = write_synced(staging_ / name, content)) {
        fs::remove(staging_ / name, ec);
        fail_write(dir_ / name, "write the file (in " + staging_.string() + ")", error, kept_note());
    }
    new_files_[name] = FileEntry{content.size(), sha256_hex(content)};
}

void ResultFolder::add(const std::string& name, const std::function<void(const fs::path& tmp)>& produce) {
    throw_if_interrupted(kept_note());
    check_name(name);
    const fs::path path = staging_ / name;
    try {
        produce(path);
        sync_file(path);
    } catch (const WriteError& e) {
        throw WriteError(std::string(e.what()) + "; " + kept_note());
    }
    std::error_code ec;
    new_files_[name] = FileEntry{fs::file_size(path, ec), sha256_file_hex(path)};
}

void ResultFolder::keep(const std::string& name, const FileEntry& entry) { new_files_[name] = entry; }

void ResultFolder::commit(const std::string& manifest_json) {
    throw_if_interrupted(kept_note());
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(manifest_json);
    j.erase("files");
    if (identity_) {
        j["result"] = identity_->kind;
        auto& inputs = j["inputs"] = nlohmann::ordered_json::object();
        for (const auto& [path, e] : identity_->inputs) inputs[path] = {{"bytes", e.bytes}, {"sha256", e.sha256}};
    }
    auto& files = j["files"] = nlohmann::ordered_json::object();
    for (const auto& [name, e] : new_files_) files[name] = {{"bytes", e.bytes}, {"sha256", e.sha256}};
    add(kManifestName, j.dump(2) + '\n');
    new_files_.erase(kManifestName);
    sync_folder(staging_);
    throw_if_interrupted(kept_note());

    const SignalsHeld held;  // from here the new result is made whole, whatever comes
    std::error_code ec;
    auto move_in = [&](const std::string& name) {
        if (::rename((staging_ / name).c_str(), (dir_ / name).c_str()) != 0)
            fail_write(dir_ / name, "move the new file into place", errno,
                       "the folder is incomplete (no manifest.json): rerun the command");
    };
    auto staged = [&](const std::string& name) { return fs::exists(staging_ / name, ec); };  // kept ones are not
    // New names the earlier result does not list: moving them in leaves that result whole.
    bool replaces = false;
    for (const auto& [name, e] : new_files_) {
        if (!staged(name)) continue;
        if (old_files_.count(name)) replaces = true;
        else move_in(name);
    }
    for (const auto& [name, e] : old_files_)
        if (!new_files_.count(name)) replaces = true;
    if (replaces) {
        // The earlier result's own files change: first its manifest goes, so that until the new
        // one is in the folder counts as incomplete (only kill -9 can end the process here).
        if (fs::exists(dir_ / kManifestName, ec) &&
            ::rename((dir_ / kManifestName).c_str(), (staging_ / "manifest.old.json").c_str()) != 0)
            fail_write(dir_ / kManifestName, "replace the earlier result", errno, kept_note());
        for (const auto& [name, e] : old_files_)
            if (!new_files_.count(name) && plain_name(name) && fs::is_regular_file(dir_ / name, ec))
                fs::remove(dir_ / name, ec);
        for (const auto& [name, e] : new_files_)
            if (old_files_.count(name) && staged(name)) move_in(name);
    }
    move_in(kManifestName);  // over the earlier one, if it is still there: one step
    sync_folder(dir_);
    committed_ = true;
}

}  // namespace swsim

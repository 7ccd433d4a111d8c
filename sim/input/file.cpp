#include "swsim/input/file.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace swsim {
namespace {

std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "is a folder, not a file";
    if (S_ISFIFO(mode)) return "is a FIFO (named pipe), not a regular file";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
    if (S_ISSOCK(mode)) return "is a socket, not a regular file";
    return "is not a regular file";
}

// Opens the file for reading without ever blocking (a FIFO with no writer would block an open
// without O_NONBLOCK), and checks that it is a regular file. Returns the descriptor or -1 with
// the reason in `problem`.
int open_regular(const std::filesystem::path& path, std::string& problem, std::uintmax_t& size) {
    problem = path_part_problem(path);
    if (!problem.empty()) return -1;
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int e = errno;
        problem = e == ENOENT ? std::string("file not found")
                  : e == ELOOP ? std::string("too many levels of symbolic links (a symlink loop?)")
                               : std::string(std::strerror(e));
        return -1;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        problem = std::strerror(errno);
        ::close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        problem = kind_of(st.st_mode);
        ::close(fd);
        return -1;
    }
    size = std::uintmax_t(st.st_size);
    return fd;
}

}  // namespace

std::string path_part_problem(const std::filesystem::path& path) {
    for (const auto& part : path) {
        const std::string s = part.string();
        if (s.size() > kMaxPathPart)
            return fmt::format("a part of the path is {} characters long ('{}...'); at most {} are allowed",
                               s.size(), s.substr(0, 20), kMaxPathPart);
    }
    return {};
}

std::string input_file_problem(const std::filesystem::path& path) {
    std::string problem;
    std::uintmax_t size = 0;
    const int fd = open_regular(path, problem, size);
    if (fd >= 0) ::close(fd);
    return problem;
}

FileText read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
    FileText out;
    std::uintmax_t size = 0;
    const int fd = open_regular(path, out.problem, size);
    if (fd < 0) return out;
    const auto too_large = [&] {
        out.text.clear();
        out.problem = fmt::format("is larger than {}: not an input file of swsim",
                                  max_bytes >= (1U << 20) ? fmt::format("{} MiB", max_bytes >> 20)
                                                          : fmt::format("{} bytes", max_bytes));
    };
    if (size > max_bytes) {
        too_large();
    } else {
        // Read until the end, not just st_size bytes: the file may grow while it is read.
        char buffer[1 << 16];
        for (;;) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                out.text.clear();
                out.problem = std::strerror(errno);
                break;
            }
            if (n == 0) break;
            if (out.text.size() + std::size_t(n) > max_bytes) {
                too_large();
                break;
            }
            out.text.append(buffer, std::size_t(n));
        }
    }
    ::close(fd);
    return out;
}

}  // namespace swsim

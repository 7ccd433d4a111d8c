// Opening an input file the user named, safely: only a regular file is read (a folder, device such
// as /dev/zero, FIFO or socket is refused without reading or blocking), at most a size limit, and
// every refusal says why in words, with the system's reason (a symlink loop, no permission, a path
// part longer than 255 characters). Nothing here throws; callers place the reason at the key or
// file that named the path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "swsim/input/limits.hpp"

namespace swsim {

struct FileText {
    std::string text;     // the whole file, when problem is empty
    std::string problem;  // why it was not read ("no such file", "is a FIFO, not a regular file", ...)
};

// Reads a whole regular file of at most max_bytes.
FileText read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes = kMaxInputFileBytes);

// Why `path` cannot be opened as a regular file for reading (empty if it can), for readers that
// stream a file of any size (the result tables of swsim report).
std::string input_file_problem(const std::filesystem::path& path);

// A path part longer than kMaxPathPart, described ("a part of the path is 300 characters long
// ..."), or empty.
std::string path_part_problem(const std::filesystem::path& path);

}  // namespace swsim

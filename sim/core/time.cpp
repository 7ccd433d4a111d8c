#include "swsim/core/time.hpp"

#include <cstdio>

namespace swsim {

std::string to_string(Month m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", m.year(), m.month());
    return buf;
}

}  // namespace swsim

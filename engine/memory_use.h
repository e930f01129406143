// This process's resident memory, for -v lines and debug timing.
#ifndef CROSSCHECK_ENGINE_MEMORY_USE_H_
#define CROSSCHECK_ENGINE_MEMORY_USE_H_

#include <cstddef>

namespace crosscheck {

// Resident memory now, in MiB (/proc/self/status; 0 where it cannot be read).
size_t resident_mib();
// The peak resident memory so far, in MiB (getrusage).
size_t peak_resident_mib();

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_MEMORY_USE_H_

#include "engine/memory_use.h"

#include <sys/resource.h>

#include <cstdio>

namespace crosscheck {

size_t resident_mib() {
  long kib = 0;
  if (FILE* f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f))
      if (std::sscanf(line, "VmRSS: %ld", &kib) == 1) break;
    std::fclose(f);
  }
  return static_cast<size_t>(kib) / 1024;
}

size_t peak_resident_mib() {
  struct rusage u {};
  if (getrusage(RUSAGE_SELF, &u) != 0) return 0;
  return static_cast<size_t>(u.ru_maxrss) / 1024;  // Linux reports KiB
}

}  // namespace crosscheck

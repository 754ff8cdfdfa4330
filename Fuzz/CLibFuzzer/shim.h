// libFuzzer's driver, which -sanitize=fuzzer links in. SwiftPM names an executable's entry
// point after its module, so the fuzz binary has its own `main` and hands control to this.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#ifndef ALBUMEN_CSODIUM_SHIM_H
#define ALBUMEN_CSODIUM_SHIM_H
#include <sodium.h>

// The crypto_pwhash_* limits are macros with casts that Swift imports poorly: expose them as values.
static inline unsigned long long albumen_pwhash_opslimit(void) { return crypto_pwhash_OPSLIMIT_INTERACTIVE; }
static inline size_t albumen_pwhash_memlimit(void) { return crypto_pwhash_MEMLIMIT_INTERACTIVE; }
static inline size_t albumen_pwhash_strbytes(void) { return crypto_pwhash_STRBYTES; }
#endif
